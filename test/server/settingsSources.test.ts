// Settings for clients that cannot answer workspace/configuration (bare Neovim, Helix, scripts):
// initializationOptions count, didChangeConfiguration replaces them, and the log says which apply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientCapabilities } from 'vscode-languageserver/node';
import { startInProcess } from './harness';

/** No workspace/configuration: settings only arrive with initialize or didChangeConfiguration. */
const BARE: ClientCapabilities = { textDocument: { publishDiagnostics: { versionSupport: true } } };

// No gateway: MV109 (warning) by default.
const spec = ['version: 1', 'networks:', '  lan:', '    parent: eth0', '    subnet: 192.0.2.0/24', ''].join('\n');

test('initializationOptions { macvlan: { severity } } apply to a client without workspace/configuration, and the log says so', async () => {
  const client = await startInProcess({}, BARE, { macvlan: { severity: { MV109: 'error' } } });
  try {
    const uri = 'file:///lab/init/macvlan.yaml';
    client.open(uri, spec);
    const d = await client.diagnostics(uri);
    assert.deepEqual(d.diagnostics.map((x) => [x.code, x.severity]), [['MV109', 1]]);
    assert.equal(client.configRequests, 0);
    assert.ok(client.logs.some((l) => l === 'settings: severity MV109=error, engine from the spec or host, inlay hints on (from initializationOptions)'), client.logs.join('\n'));
  } finally {
    client.dispose();
  }
});

test('the bare settings object as initializationOptions works too; didChangeConfiguration replaces it, one without our section keeps it', async () => {
  const client = await startInProcess({}, BARE, { severity: { MV109: 'off' } });
  try {
    const uri = 'file:///lab/init2/macvlan.yaml';
    client.open(uri, spec);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    client.change(uri, spec + '# touched\n', 2);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics, [], 'a notification without settings keeps them');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { macvlan: { severity: { MV109: 'info' } } } });
    const d = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(d.diagnostics.map((x) => [x.code, x.severity]), [['MV109', 3]]);
    assert.ok(client.logs.some((l) => l.endsWith('(from didChangeConfiguration)') && l.includes('MV109=info')), client.logs.join('\n'));
  } finally {
    client.dispose();
  }
});

test('a client that answers workspace/configuration with null falls back to initializationOptions', async () => {
  const client = await startInProcess({}, undefined, { macvlan: { severity: { MV109: 'off' } } });
  try {
    client.settings = null as unknown as Record<string, unknown>;
    const uri = 'file:///lab/init3/macvlan.yaml';
    client.open(uri, spec);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
    assert.ok(client.configRequests > 0);
  } finally {
    client.dispose();
  }
});
