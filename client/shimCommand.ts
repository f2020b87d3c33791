import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SHIM_METHOD, type ShimParams, type ShimResult } from '../server/protocol';
import { LANGUAGE_ID } from './contributions';

type Format = ShimParams['format'];
const FORMATS: { label: string; format: Format; language: string; detail: string }[] = [
  { label: 'Shell commands', format: 'sh', language: 'shellscript', detail: 'ip link / ip addr / ip route, to run as root on the host' },
  { label: 'systemd-networkd files', format: 'networkd', language: 'ini', detail: '.netdev and .network files for /etc/systemd/network' },
  { label: 'nmcli commands', format: 'nmcli', language: 'shellscript', detail: 'NetworkManager connections' },
];

/**
 * "macvlan: Show Host Shim Commands": what `macvlan-spec shim` prints for the active spec, from
 * the language server (it has the parse), in a new editor beside it. Nothing is run. Tests pass
 * `{ format, host }` to skip the pickers.
 */
export async function showShim(client: LanguageClient, args?: unknown): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('Open a macvlan spec to show its host shim commands.');
    return undefined;
  }
  const given = (args && typeof args === 'object' ? args : {}) as { format?: Format; host?: string };
  const picked = given.format ? FORMATS.find((f) => f.format === given.format) : await vscode.window.showQuickPick(FORMATS, { title: 'Host shim: in which form?' });
  if (!picked) return undefined;
  const uri = editor.document.uri.toString();
  let r = await client.sendRequest<ShimResult>(SHIM_METHOD, { uri, host: given.host, format: picked.format } satisfies ShimParams);
  if ('hosts' in r) {
    if (r.hosts.length === 0) return undefined;
    const host = await vscode.window.showQuickPick(r.hosts, { title: 'Host shim: for which host of the spec?' });
    if (!host) return undefined;
    r = await client.sendRequest<ShimResult>(SHIM_METHOD, { uri, host, format: picked.format } satisfies ShimParams);
    if ('hosts' in r) return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: picked.language, content: r.text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return doc;
}
