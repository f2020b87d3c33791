import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { codes, spawnStdioServer } from './harness';

const root = join(__dirname, '..', '..');

test('the bundled server (npm run build) speaks LSP over stdio', { timeout: 120_000 }, async () => {
  // The bundling step of `npm run build` (the asset copy it also runs does not touch the server).
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const server = await spawnStdioServer();
  const { client } = server;
  try {
    assert.equal(client.initialize.serverInfo?.name, 'macvlan-spec');
    const uri = 'file:///lab/stdio/macvlan.yaml';
    client.open(uri, ['version: 1', 'networks:', '  a: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }', '  b: { parent: eth1, subnet: 192.0.2.0/25, gateway: 192.0.2.1 }', ''].join('\n'));
    const d = await client.diagnostics(uri);
    assert.deepEqual(codes(d), ['MV201']);
    assert.deepEqual(d.diagnostics[0].range, { start: { line: 3, character: 29 }, end: { line: 3, character: 41 } });
    assert.equal(await server.shutdown(), 0);
  } finally {
    server.dispose();
  }
});
