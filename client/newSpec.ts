import * as vscode from 'vscode';
import { LANGUAGE_ID } from './contributions';
import { resolveSpecTarget, DEFAULT_SPEC_NAME } from './specTarget';
import { STARTER_SPEC } from './starterSpec';

/**
 * `macvlan.newSpec`: writes the starter spec to a file the user names inside the first
 * workspace folder (an untitled document without one) and opens it. Never replaces an
 * existing file without a modal yes.
 */
export async function newSpec(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: STARTER_SPEC });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const input = await vscode.window.showInputBox({
    title: 'New macvlan Spec',
    prompt: `File or folder, relative to ${folder.name}`,
    value: DEFAULT_SPEC_NAME,
    valueSelection: [0, 'macvlan'.length],
    validateInput: (v) => {
      const t = resolveSpecTarget(v);
      return 'error' in t ? t.error : undefined;
    },
  });
  if (input === undefined) return;
  const target = resolveSpecTarget(input);
  if ('error' in target) return; // validateInput already refused it
  const uri = vscode.Uri.joinPath(folder.uri, ...target.segments);
  const kind = await fileType(uri);
  if (kind === vscode.FileType.Directory) {
    void vscode.window.showErrorMessage(`${target.path} is a folder.`);
    return;
  }
  if (kind !== undefined) {
    const choice = await vscode.window.showWarningMessage(
      `${target.path} already exists. Replace it with a starter spec?`,
      { modal: true },
      'Replace',
      'Open Existing',
    );
    if (choice === undefined) return;
    if (choice === 'Open Existing') {
      await vscode.window.showTextDocument(uri);
      return;
    }
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER_SPEC));
  await vscode.window.showTextDocument(uri);
}

async function fileType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
}
