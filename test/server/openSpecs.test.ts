// OpenSpecs: the document manager's updates go through OpenSpecs.update, so an edit reaches the
// parser as the editor's change (an incremental re-read), not as a new text to compare.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { ObservedStore } from '../../server/observed';
import { SettingsStore } from '../../server/settings';
import { OpenSpecs } from '../../server/specs';

type Handler = (p: unknown) => void;

/** The notifications TextDocuments.listen() subscribes to, captured so the test can send them. */
function fakeConnection(): { connection: Connection; send: Record<string, Handler> } {
  const send: Record<string, Handler> = {};
  const on = (name: string) => (h: Handler) => {
    send[name] = h;
    return { dispose() {} };
  };
  const connection = {
    __textDocumentSync: undefined,
    console: { info() {}, error() {} },
    onDidOpenTextDocument: on('open'),
    onDidChangeTextDocument: on('change'),
    onDidCloseTextDocument: on('close'),
    onWillSaveTextDocument: on('willSave'),
    onWillSaveTextDocumentWaitUntil: on('willSaveWaitUntil'),
    onDidSaveTextDocument: on('save'),
  } as unknown as Connection;
  return { connection, send };
}

const text = ['version: 1', 'networks:', '  lan:', '    parent: eth0', '    subnet: 192.0.2.0/24', '    gateway: 192.0.2.1', ''].join('\n');

test('didChange goes through OpenSpecs.update: each version has the right text, and an edit is re-read at the place the editor changed', async () => {
  const { connection, send } = fakeConnection();
  const specs = new OpenSpecs(new SettingsStore(connection, () => false), new ObservedStore());
  specs.documents.listen(connection);
  const uri = 'file:///lab/macvlan.yaml';
  send.open({ textDocument: { uri, languageId: 'macvlan-yaml', version: 1, text } });
  const first = await specs.get(uri);
  assert.equal(first?.spec.result.findings.length, 0);
  // gateway 192.0.2.1 → 192.0.2.7 (one character, line 5)
  send.change({ textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 5, character: 21 }, end: { line: 5, character: 22 } }, text: '7' }] });
  const second = await specs.get(uri);
  assert.equal(second?.spec.version, 2);
  assert.equal(second?.spec.text, text.replace('gateway: 192.0.2.1', 'gateway: 192.0.2.7'));
  const at = text.indexOf('192.0.2.1\n') + '192.0.2.'.length;
  assert.deepEqual(second?.spec.parsed.edit, { from: at, oldTo: at + 1, newTo: at + 1 });
  // A full-text change: the text is taken whole, and the next version reads as it is.
  send.change({ textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  const third = await specs.get(uri);
  assert.equal(third?.spec.text, text);
  assert.equal(third?.spec.result.findings.length, 0);
});
