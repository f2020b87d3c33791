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
  let doc = await untitledBeside(source.uri, r.fileName);
  // The spec gets its language (checked as it is edited); a compose file keeps what VS Code gives its name.
  if (to === 'spec' && doc.languageId !== LANGUAGE_ID) doc = await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  else if (to === 'compose' && doc.languageId === 'plaintext') doc = await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), r.text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  if (r.notes.length > 0) {
    void vscode.window.showInformationMessage(`${to === 'spec' ? 'The spec' : 'The compose file'} leaves out what it cannot hold: ${r.notes.join('; ')}.`);
  }
  return editor.document;
}

/**
 * A new, empty untitled document named `fileName` in the source's folder. VS Code refuses an
 * untitled path where a file exists, and reuses an open one: then `NAME-2.macvlan.yaml`,
 * `converted.compose.yaml`… and, as a last resort (or for a source with no folder), a plain one.
 */
async function untitledBeside(source: vscode.Uri, fileName: string): Promise<vscode.TextDocument> {
  const dir = source.scheme === 'file' ? path.posix.dirname(source.path) : undefined;
  if (dir !== undefined) {
    for (const name of candidates(fileName)) {
      const uri = vscode.Uri.from({ scheme: 'untitled', path: path.posix.join(dir, name) });
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
      try {
        return await vscode.workspace.openTextDocument(uri);
      } catch {
        // a file of that name exists
      }
    }
  }
  return vscode.workspace.openTextDocument({ language: fileName.endsWith('macvlan.yaml') ? LANGUAGE_ID : 'yaml' });
}

/** `name`, then names of the same kind: `lab.macvlan.yaml` -> `lab-2.macvlan.yaml`; `compose.yaml` -> `converted.compose.yaml`. */
export function candidates(name: string): string[] {
  const m = /^(.+)\.(macvlan|compose)\.(ya?ml)$/.exec(name);
  const plain = /^(macvlan|compose)\.(ya?ml)$/.exec(name);
  const stem = m ? m[1] : 'converted';
  const kind = m ? `${m[2]}.${m[3]}` : plain ? `${plain[1]}.${plain[2]}` : undefined;
  if (!kind) return [name];
  const more = [2, 3, 4, 5, 6, 7, 8, 9].map((i) => `${stem}-${i}.${kind}`);
  return m ? [name, ...more] : [name, `${stem}.${kind}`, ...more];
}

/** The file the command was run on (Explorer, editor title), else the active editor's document. */
async function sourceDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  return vscode.window.activeTextEditor?.document;
}
