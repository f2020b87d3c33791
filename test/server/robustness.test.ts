import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type CompletionItem, type InlayHint } from 'vscode-languageserver/node';
import { FIX_ALL_KIND as SERVICE_FIX_ALL } from '../../core/service';
import { FIX_ALL_KIND } from '../../server/protocol';
import { startServer } from '../../server/server';
import { debounceDelay } from '../../server/validation';
import { codes, connectClient, startInProcess } from './harness';

const spec = ['version: 1', 'networks:', '  n:', '    parent: eth0', '    subnet: 192.0.2.0/24', '    gateway: ', ''].join('\n');

test('a handler that throws costs one empty answer and a logged error, not the connection', async () => {
  const client = await startInProcess({
    service: {
      hover: () => {
        throw new Error('boom in hover');
      },
    },
  });
  try {
    const uri = 'file:///lab/throw/macvlan.yaml';
    client.open(uri, spec);
    await client.diagnostics(uri);
    const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 14 } });
    assert.equal(h, null);
    assert.ok(client.logs.some((l) => l.includes('hover failed') && l.includes('boom in hover')));
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 13 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['192.0.2.1', '192.0.2.254'], 'the server keeps answering');
  } finally {
    client.dispose();
  }
});

test('requests for documents the server does not have get empty answers', async () => {
  const client = await startInProcess();
  try {
    const textDocument = { uri: 'file:///nowhere/macvlan.yaml' };
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/completion', { textDocument, position: { line: 0, character: 0 } }), []);
  } finally {
    client.dispose();
  }
});

test('inlay hints follow macvlan.inlayHints.enabled', async () => {
  const client = await startInProcess();
  try {
    const uri = 'file:///lab/hints/macvlan.yaml';
    client.open(uri, spec);
    await client.diagnostics(uri);
    const params = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } } };
    assert.equal(((await client.connection.sendRequest('textDocument/inlayHint', params)) as InlayHint[]).length, 1);
    client.settings = { inlayHints: { enabled: false } };
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await next;
    assert.deepEqual(await client.connection.sendRequest('textDocument/inlayHint', params), []);
  } finally {
    client.dispose();
  }
});

test('a client without workspace/configuration pushes settings with didChangeConfiguration', async () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server);
  server.listen();
  const client = await connectClient(new StreamMessageReader(toClient), new StreamMessageWriter(toServer), {});
  try {
    const uri = 'file:///lab/push/macvlan.yaml';
    client.open(uri, ['version: 1', 'networks:', '  n: { parent: eth0, subnet: 192.0.2.0/24 }', ''].join('\n'));
    assert.deepEqual(codes(await client.diagnostics(uri)), ['MV109']);
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { macvlan: { severity: { MV109: 'off' } } } });
    assert.deepEqual(codes(await next), []);
    assert.equal(client.configRequests, 0);
  } finally {
    client.dispose();
    server.dispose();
  }
});

test('debounce: 5 ms plus an eighth of the last check, at most 150 ms', () => {
  assert.equal(debounceDelay(), 5);
  assert.equal(debounceDelay(8), 6);
  assert.equal(debounceDelay(100), 18);
  assert.equal(debounceDelay(400), 55);
  assert.equal(debounceDelay(5_000), 150);
});

test('the fix-all kind is the same in the protocol module and the service', () => {
  assert.equal(FIX_ALL_KIND, SERVICE_FIX_ALL);
});
