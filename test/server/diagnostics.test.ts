import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { OBSERVED_STATE_METHOD, type ObservedStateParams } from '../../server/protocol';
import { codes, startInProcess, type TestClient } from './harness';

const overlap = [
  'version: 1',
  'networks:',
  '  a:',
  '    parent: eth0',
  '    subnet: 192.0.2.0/24',
  '    gateway: 192.0.2.1',
  '  b:',
  '    parent: eth1',
  '    subnet: 192.0.2.128/25',
  '    gateway: 192.0.2.129',
  '',
].join('\n');

let client: TestClient;
before(async () => {
  client = await startInProcess();
});
after(() => client.dispose());

test('diagnostics for an overlap: code, exact range, link to the rule, related information, data', async () => {
  const uri = 'file:///lab/overlap/macvlan.yaml';
  client.open(uri, overlap);
  const d = await client.diagnostics(uri);
  assert.equal(d.version, 1);
  assert.equal(d.diagnostics.length, 1);
  const [mv201] = d.diagnostics;
  assert.equal(mv201.code, 'MV201');
  assert.equal(mv201.source, 'macvlan');
  assert.equal(mv201.severity, DiagnosticSeverity.Error);
  assert.deepEqual(mv201.range, { start: { line: 8, character: 12 }, end: { line: 8, character: 26 } });
  assert.deepEqual(mv201.codeDescription, { href: 'https://github.com/macvlan-spec/macvlan-spec#mv201' });
  assert.deepEqual(mv201.relatedInformation, [{ location: { uri, range: { start: { line: 4, character: 12 }, end: { line: 4, character: 24 } } }, message: 'subnet of network a' }]);
  assert.deepEqual(mv201.data, { fix: 'renumberNetwork', network: 'b', family: 4 });
  client.close(uri);
});

test('an edit that removes the overlap clears the diagnostics; stale versions are never published', async () => {
  const uri = 'file:///lab/edit/macvlan.yaml';
  client.open(uri, overlap);
  assert.deepEqual(codes(await client.diagnostics(uri)), ['MV201']);
  // Two quick edits: only the last version may be published.
  client.change(uri, overlap.replace('192.0.2.128/25', '198.51.100.0/25'), 2);
  client.change(uri, overlap.replace('192.0.2.128/25', '198.51.100.0/24').replace('192.0.2.129', '198.51.100.1'), 3);
  const d = await client.diagnostics(uri, (p) => p.version !== 1);
  assert.equal(d.version, 3);
  assert.deepEqual(d.diagnostics, []);
  client.close(uri);
});

test('settings: severity "off" drops a code; engine 24.0 turns MV102 into a warning', async () => {
  const uri = 'file:///lab/settings/macvlan.yaml';
  const text = [
    'version: 1',
    'networks:',
    '  a:',
    '    parent: eth0',
    '    subnet: 192.0.2.7/24',
    '    gateway: 192.0.2.1',
    '    ip_range: 192.0.2.128/25',
    'containers:',
    '  web: { image: nginx, networks: { a: { ipv4_address: 192.0.2.200 } } }',
  ].join('\n');
  client.open(uri, text);
  const first = await client.diagnostics(uri);
  assert.deepEqual(codes(first), ['MV102', 'MV405']);
  assert.equal(first.diagnostics[0].severity, DiagnosticSeverity.Error);
  const asked = client.configRequests;

  client.settings = { severity: { MV405: 'off' }, engine: '24.0' };
  const next = client.nextDiagnostics(uri);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const d = await next;
  assert.deepEqual(codes(d), ['MV102']);
  assert.equal(d.diagnostics[0].severity, DiagnosticSeverity.Warning);
  assert.ok(client.configRequests > asked, 'settings are asked again after a change');

  // Settings are cached: further edits do not ask the client again.
  const before = client.configRequests;
  client.change(uri, `${text}\n`, 2);
  assert.deepEqual(codes(await client.diagnostics(uri, (p) => p.version === 2)), ['MV102']);
  assert.equal(client.configRequests, before);
  client.settings = {};
  const reset = client.nextDiagnostics(uri);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(codes(await reset), ['MV102', 'MV405']);
  client.close(uri);
});

test('observed host state from the client produces MV208', async () => {
  const uri = 'file:///lab/observed/macvlan.yaml';
  client.open(uri, ['version: 1', 'networks:', '  a: { parent: eth0, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }', ''].join('\n'));
  assert.deepEqual(codes(await client.diagnostics(uri)), []);
  const params: ObservedStateParams = {
    uri,
    state: { hosts: { local: { engine: '27.3', interfaces: ['eth0'], networks: [{ id: 'n1', name: 'legacy', driver: 'macvlan', subnets: ['198.51.100.128/25'], labels: {} }] } } },
  };
  const next = client.nextDiagnostics(uri);
  await client.connection.sendNotification(OBSERVED_STATE_METHOD, params);
  const d = await next;
  assert.deepEqual(codes(d), ['MV208']);
  assert.deepEqual(d.diagnostics[0].range, { start: { line: 2, character: 29 }, end: { line: 2, character: 44 } });

  // Malformed state is ignored (and logged), not fed to the rules.
  const logged = client.logs.length;
  await client.connection.sendNotification(OBSERVED_STATE_METHOD, { state: { hosts: { local: { networks: 'nope' } } } });
  const sym = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(sym), 'the server still answers');
  assert.ok(client.logs.slice(logged).some((l) => l.includes('ignored params')));
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///lab/close/macvlan.yaml';
  client.open(uri, overlap);
  assert.deepEqual(codes(await client.diagnostics(uri)), ['MV201']);
  const next = client.nextDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await next).diagnostics, []);
});
