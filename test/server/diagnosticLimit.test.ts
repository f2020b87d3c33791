import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../core/findings';
import { limitFindings } from '../../server/diagnosticLimit';
import { startInProcess } from './harness';

function finding(severity: Finding['severity'], start: number): Finding {
  return { code: 'MV405', severity, message: `${severity} at ${start}`, span: { start, end: start + 1 }, path: [], related: [] };
}

test('the limit keeps errors first, then warnings, then infos, in document order', () => {
  const all = [finding('info', 0), finding('warning', 10), finding('error', 20), finding('warning', 30), finding('error', 40), finding('info', 50)];
  const { shown, omitted } = limitFindings(all, 3);
  assert.deepEqual(shown.map((f) => f.span.start), [10, 20, 40], 'both errors, then the first warning, kept in the order of the file');
  assert.equal(omitted, 3);
  assert.equal(limitFindings(all, 0).shown, all, '0 means no limit');
  assert.equal(limitFindings(all, 6).omitted, 0);
});

/** 20 containers, each with a multicast MAC (MV406, error) and an address in the pool (MV405, warning). */
function denseSpec(): string {
  const lines = ['version: 1', 'networks:', '  lan:', '    parent: eth0', '    subnet: 192.0.2.0/24', '    gateway: 192.0.2.1', '    ip_range: 192.0.2.128/25', 'containers:'];
  for (let i = 0; i < 20; i++) {
    lines.push(`  c${i}:`, '    image: busybox', '    networks:', '      lan:', `        ipv4_address: 192.0.2.${130 + i}`, `        mac_address: "01:00:5e:00:00:${(16 + i).toString(16)}"`);
  }
  return lines.join('\n') + '\n';
}

const counts = (ds: Diagnostic[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of ds) out[String(d.code ?? 'note')] = (out[String(d.code ?? 'note')] ?? 0) + 1;
  return out;
};

test('macvlan.diagnostics.maxPerFile: the editor gets that many, errors first, and one line on the rest', async () => {
  const client = await startInProcess();
  try {
    const uri = 'file:///lab/limit/macvlan.yaml';
    client.open(uri, denseSpec());
    assert.deepEqual(counts((await client.diagnostics(uri)).diagnostics), { MV405: 20, MV406: 20 }, 'under the default limit of 1,000 everything is sent');

    client.settings = { diagnostics: { maxPerFile: 25 } };
    let next = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const limited = (await next).diagnostics;
    assert.deepEqual(counts(limited), { MV406: 20, MV405: 5, note: 1 });
    const note = limited.find((d) => d.code === undefined);
    assert.ok(note);
    assert.equal(note.message, '40 findings in this file; showing 25 (errors first) and not 15 more. The setting macvlan.diagnostics.maxPerFile sets the limit (0: no limit); `macvlan-spec check` lists them all.');
    assert.equal(note.severity, 3, 'information');
    const shownWarnings = limited.filter((d) => d.code === 'MV405').map((d) => d.range.start.line);
    assert.ok(note.range.start.line > Math.max(...shownWarnings), 'the note sits where the first left-out finding is');

    client.settings = { diagnostics: { maxPerFile: 0 } };
    next = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(counts((await next).diagnostics), { MV405: 20, MV406: 20 }, '0 sends all');
  } finally {
    client.dispose();
  }
});
