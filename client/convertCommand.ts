import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isComposeFile } from '../core/compose/fileName';
import { CONVERT_METHOD, type ConvertAnswer, type ConvertParams } from '../server/protocol';
import { LANGUAGE_ID } from './contributions';

/**
 * "macvlan: Convert to macvlan Spec" on a compose file and "macvlan: Convert to Compose File" on
 * a spec: the CLI's `convert`, answered by the language server (it has the parse), opened as a
 * new unsaved document beside the source, named so that Save proposes the right file in the
 * source's folder. What the other form cannot hold is said in a message, and at the top of the
 * text. From the editor title or the Explorer (a file URI) or the palette (the active editor).
 */
export async function convert(client: LanguageClient, to: ConvertParams['to'], arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const source = await sourceDocument(arg);
  const fits = (d: vscode.TextDocument) => (to === 'spec' ? isComposeFile(d.uri.path) : d.languageId === LANGUAGE_ID);
  if (!source || !fits(source)) {
    void vscode.window.showInformationMessage(to === 'spec' ? 'Open a compose file (compose.yaml, docker-compose.yml…) to convert it to a macvlan spec.' : 'Open a macvlan spec to convert it to a compose file.');
    return undefined;
  }
  const r = await client.sendRequest<ConvertAnswer>(CONVERT_METHOD, { uri: source.uri.toString(), to } satisfies ConvertParams);
  if ('error' in r) {
    void vscode.window.showErrorMessage(`Not converted: ${r.error}.`);
    return undefined;
  }
  const dir = source.uri.scheme === 'file' ? path.posix.dirname(source.uri.path) : '/';
  const target = vscode.Uri.from({ scheme: 'untitled', path: path.posix.join(dir, r.fileName) });
  const doc = await vscode.workspace.openTextDocument(target);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), r.text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  if (r.notes.length > 0) {
    void vscode.window.showInformationMessage(`${to === 'spec' ? 'The spec' : 'The compose file'} leaves out what it cannot hold: ${r.notes.join('; ')}.`);
  }
  return doc;
}

/** The file the command was run on (Explorer, editor title), else the active editor's document. */
async function sourceDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  return vscode.window.activeTextEditor?.document;
}
