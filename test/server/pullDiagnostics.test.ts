// LSP pull diagnostics (textDocument/diagnostic), as VS Code uses them when the server offers them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { OBSERVED_STATE_METHOD, type ObservedStateParams } from '../../server/protocol';
import { CLIENT_CAPABILITIES, startInProcess, type TestClient } from './harness';

const PULL_CAPABILITIES = {
  ...CLIENT_CAPABILITIES,
  workspace: { ...CLIENT_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...CLIENT_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

const spec = (gateway: string, comment = '') =>
  ['version: 1', 'networks:', '  a:', '    parent: eth0', '    subnet: 192.0.2.0/24', `    gateway: ${gateway}${comment}`, '  b:', '    parent: eth1', '    subnet: 192.0.2.128/25', '    gateway: 192.0.2.129', ''].join('\n');

let client: TestClient;
before(async () => {
  client = await startInProcess({}, PULL_CAPABILITIES);
});
after(() => client.dispose());

const pull = (uri: string, previousResultId?: string) =>
  client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });

test('a pull client gets a diagnostic provider and no pushed diagnostics', async () => {
  assert.deepEqual(client.initialize.capabilities.diagnosticProvider, { identifier: 'macvlan', interFileDependencies: false, workspaceDiagnostics: false });
  const uri = 'file:///lab/pull/nopush.macvlan.yaml';
  let pushed = 0;
  void client.nextDiagnostics(uri).then(() => pushed++);
  client.open(uri, spec('198.51.100.1'));
  const report = (await pull(uri)) as FullDocumentDiagnosticReport;
  assert.equal(report.kind, 'full');
  assert.deepEqual(report.items.map((d) => d.code).sort(), ['MV104', 'MV201']);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(pushed, 0, 'a pull client must not also get publishDiagnostics');
});

test('unchanged findings answer "unchanged" with the same result id; a change answers in full', async () => {
  const uri = 'file:///lab/pull/ids.macvlan.yaml';
  client.open(uri, spec('198.51.100.1'));
  const first = (await pull(uri)) as FullDocumentDiagnosticReport;
  assert.equal(first.kind, 'full');
  assert.ok(first.resultId);
  assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
  // An edit that moves no finding (a comment at the end of a line): still unchanged.
  client.change(uri, spec('198.51.100.1', ' # the router'), 2);
  assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
  // A client that holds another id (or none) gets the full list.
  assert.equal((await pull(uri)).kind, 'full');
  // Fixing the gateway changes the findings.
  client.change(uri, spec('192.0.2.1'), 3);
  const fixed = (await pull(uri, first.resultId)) as FullDocumentDiagnosticReport;
  assert.equal(fixed.kind, 'full');
  assert.notEqual(fixed.resultId, first.resultId);
  assert.deepEqual(fixed.items.map((d) => d.code), ['MV201']);
});

test('settings and observed state make the server ask the client to pull again', async () => {
  const before = client.diagnosticRefreshes;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const params: ObservedStateParams = { state: { hosts: {} } };
  await client.connection.sendNotification(OBSERVED_STATE_METHOD, params);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(client.diagnosticRefreshes - before, 2);
});

test('a closed document pulls as empty', async () => {
  const uri = 'file:///lab/pull/closed.macvlan.yaml';
  client.open(uri, spec('198.51.100.1'));
  assert.equal(((await pull(uri)) as FullDocumentDiagnosticReport).items.length, 2);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual(await pull(uri), { kind: 'full', items: [] });
});
