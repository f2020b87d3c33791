import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { generateSpec } from '../../bench/generate';
import { LineIndex } from '../../core/text/positions';
import { seededRandom } from '../unit/core/seededRandom';
import { startInProcess, type TestClient } from './harness';

/**
 * Incremental edits over LSP, as VS Code sends them (ranges, sometimes several changes in one
 * notification): every published version must carry exactly the diagnostics of a fresh open of
 * the same text. This covers the whole chain an edit takes: the change hook, the re-read of one
 * entry, the carried-over line index, the kept schema findings and the moved spans.
 */
let client: TestClient;
before(async () => {
  client = await startInProcess();
});
after(() => client.dispose());

interface Change {
  from: number;
  to: number;
  text: string;
}

function toLsp(text: string, c: Change) {
  const lines = new LineIndex(text);
  return { range: { start: lines.positionAt(c.from), end: lines.positionAt(c.to) }, text: c.text };
}

/** Same diagnostics, whatever the document's URI in related information. */
function comparable(p: PublishDiagnosticsParams): unknown {
  const strip = (d: Diagnostic) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ message: r.message, range: r.location.range })) });
  return p.diagnostics.map(strip);
}

test('incremental edits publish the diagnostics of a fresh open, version by version (seeded)', async () => {
  const uri = 'file:///lab/incremental/macvlan.yaml';
  let text = generateSpec({ networks: 40, containers: 160 }).text;
  client.open(uri, text);
  await client.diagnostics(uri, (p) => p.version === 1);
  const r = seededRandom(5);
  const edits = ['1', '0', 'x', ' ', '\n', '#', '"', ':'];
  for (let version = 2; version <= 40; version++) {
    // Mostly one change per notification, sometimes two (applied in order, as LSP says).
    const count = r() < 0.2 ? 2 : 1;
    const changes = [];
    for (let k = 0; k < count; k++) {
      const at = Math.floor(r() * text.length);
      const digit = text.slice(at).search(/[0-9]/);
      const c: Change = r() < 0.7 && digit >= 0 ? { from: at + digit, to: at + digit + 1, text: String(Math.floor(r() * 10)) } : { from: at, to: at + (r() < 0.3 ? 1 : 0), text: edits[Math.floor(r() * edits.length)] };
      changes.push(toLsp(text, c));
      text = text.slice(0, c.from) + c.text + text.slice(c.to);
    }
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    // A query right after the edit, before its check: answered, never an error.
    if (version % 5 === 0) await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 14 } });
    const published = await client.diagnostics(uri, (p) => p.version === version);
    const freshUri = `file:///lab/incremental/fresh-${version}.macvlan.yaml`;
    client.open(freshUri, text);
    const fresh = await client.diagnostics(freshUri, (p) => p.version === 1);
    assert.deepEqual(comparable(published), comparable(fresh), `version ${version}`);
    const cleared = client.nextDiagnostics(freshUri);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
    assert.deepEqual((await cleared).diagnostics, [], 'closing clears');
  }
});
