// `macvlan-spec shim` proven on the real engine: from the engine's own network namespace (the
// Docker host) a container on its macvlan network is unreachable — a macvlan child never talks
// to its parent's own address — and reachable after the generated `sh` output ran there.
// Traffic stays inside the namespace the harness made (documentation addresses only).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Engine, execInNetns, startEngine } from './engine';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

describe('host_shim: the generated sh commands let the host reach its macvlan container', () => {
  let engine: Engine;
  let dir: string;
  let spec: string;

  before(async () => {
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    engine = await startEngine({ parents: ['eth0'] });
    dir = mkdtempSync('/tmp/mvs-shim-');
    chmodSync(dir, 0o755);
    spec = path.join(dir, 'lab.macvlan.yaml');
    writeFileSync(
      spec,
      [
        'version: 1',
        'networks:',
        '  lan:',
        '    parent: eth0',
        '    subnet: 192.0.2.0/24',
        '    gateway: 192.0.2.1',
        '    ip_range: 192.0.2.128/26',
        '    aux_addresses: { shim: 192.0.2.250 }',
        '    host_shim: 192.0.2.250',
        'containers:',
        '  probe:',
        `    image: ${engine.image}`,
        '    command: [sleep, "3600"]',
        '    networks:',
        '      lan: { ipv4_address: 192.0.2.10 }',
        '',
      ].join('\n'),
    );
    const applied = spawnSync(process.execPath, [CLI, 'apply', spec, '--docker', engine.dockerHost, '--yes'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(applied.status, 0, applied.stderr + applied.stdout);
  });
  after(async () => {
    await engine?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ping = () => execInNetns(engine.netns, ['busybox', 'ping', '-c', '1', '-W', '2', '192.0.2.10'], 20_000);

  it('unreachable before, reachable after running the sh output in the host namespace', async () => {
    const before = await ping();
    assert.notEqual(before.code, 0, `the host reached its container without a shim:\n${before.stdout}`);
    const shim = spawnSync(process.execPath, [CLI, 'shim', spec, '--format', 'sh'], { encoding: 'utf8' });
    assert.equal(shim.status, 0, shim.stderr);
    assert.match(shim.stdout, /^ip link add mvs-lan link eth0 type macvlan mode bridge$/m);
    const ran = await execInNetns(engine.netns, ['sh', '-e', '-c', shim.stdout]);
    assert.equal(ran.code, 0, ran.stderr);
    const afterShim = await ping();
    assert.equal(afterShim.code, 0, `${afterShim.stdout}\n${afterShim.stderr}`);
    assert.match(afterShim.stdout, /1 packets received/);
  });
});
