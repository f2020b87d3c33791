// Our Docker interface (docker/) against the real engine, and its timeout / cancel behaviour
// against a socket that never answers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openDockerHost } from '../../docker/dockerodeHost';
import { DockerError } from '../../docker/errors';
import type { DockerEvent, DockerHost } from '../../docker/types';
import { type Engine, engineRequest, startEngine } from './engine';

describe('DockerHost over dockerode (real engine)', () => {
  let engine: Engine;
  let host: DockerHost;
  const req = <T>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);

  before(async () => {
    engine = await startEngine({ parents: ['eth0', 'eth1'] });
    host = openDockerHost({ url: engine.dockerHost, kind: 'unix', source: 'flag', socketPath: engine.socketPath });
  });
  after(async () => {
    host?.close();
    await engine?.stop();
  });

  it('reports the engine and no interfaces (the API has no call for them)', async () => {
    const info = await host.info();
    assert.match(info.engineVersion, /^20\.10\.\d+/);
    assert.equal(info.apiVersion, '1.41');
    assert.equal(info.os, 'linux');
    assert.equal(await host.interfaces(), undefined);
  });

  it('creates, lists (with endpoints), connects and observes in our own types', async () => {
    const id = await host.createNetwork({
      name: 'dn',
      driver: 'macvlan',
      options: { parent: 'eth0', macvlan_mode: 'bridge' },
      ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25', aux: { r: '192.0.2.2' } }],
      enableIPv6: false,
      internal: false,
      labels: { 'io.macvlan-spec.managed': 'true' },
    });
    assert.match(id, /^[0-9a-f]{64}$/);
    await assert.rejects(
      host.createNetwork({ name: 'dn', driver: 'macvlan', options: { parent: 'eth1' }, ipam: [], enableIPv6: false, internal: false, labels: {} }),
      (e: unknown) => e instanceof DockerError && e.kind === 'conflict' && e.message === `cannot create network dn on ${engine.dockerHost}: network with name dn already exists`,
    );
    const cid = await host.createContainer({ name: 'dc', image: engine.image, command: ['sleep', '3600'], env: [], restart: 'no', labels: {}, network: { name: 'dn', ipv4: '192.0.2.10', mac: '02:00:00:00:00:10' }, stopTimeout: 1 });
    await host.startContainer(cid);
    await host.startContainer(cid); // already running: 304 is no error

    const n = (await host.listNetworks()).find((x) => x.name === 'dn');
    assert.ok(n);
    assert.deepEqual(n.ipam, [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25', aux: { r: '192.0.2.2' } }]);
    assert.deepEqual(n.containers, [{ id: cid, name: 'dc', ipv4: '192.0.2.10', ipv6: undefined, mac: '02:00:00:00:00:10' }]);
    const c = await host.inspectContainer('dc');
    assert.deepEqual(c.networks.map((a) => [a.network, a.staticIpv4, a.ipv4]), [['dn', '192.0.2.10', '192.0.2.10']]);
    assert.equal(c.config?.macAddress, '02:00:00:00:00:10');
    assert.deepEqual(c.config?.command, ['sleep', '3600']);

    const observed = await host.observe();
    assert.match(observed.engine ?? '', /^20\.10\./);
    assert.deepEqual(observed.networks.find((x) => x.name === 'dn'), { id, name: 'dn', driver: 'macvlan', subnets: ['192.0.2.0/24'], labels: { 'io.macvlan-spec.managed': 'true' }, parent: 'eth0', definition: { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25', aux: { r: '192.0.2.2' } }], enableIPv6: false, internal: false } });

    assert.equal(await host.imageExists(engine.image), true);
    assert.equal(await host.imageExists('localhost:1/nope:1'), false);
    await host.pullImage(engine.image); // present: no registry call
    await host.removeContainer(cid, { force: true });
    await host.removeNetwork(id);
    await assert.rejects(host.inspectNetwork('dn'), (e: unknown) => e instanceof DockerError && e.kind === 'notFound');
  });

  it('restarts, stops and starts a container and reads its logs, stdout and stderr as one text', async () => {
    const cid = await host.createContainer({ name: 'dl', image: engine.image, command: ['sh', '-c', "echo to-stdout; echo to-stderr >&2; trap 'exit 0' TERM; sleep 3600 & wait"], env: [], restart: 'no', labels: {}, stopTimeout: 1 });
    try {
      await host.startContainer(cid);
      const logs = async () => {
        for (let i = 0; i < 50; i++) {
          const text = await host.containerLogs(cid, 500);
          if (text.includes('to-stderr')) return text;
          await new Promise((r) => setTimeout(r, 50));
        }
        return host.containerLogs(cid, 500);
      };
      const first = await logs();
      assert.deepEqual(first.split('\n').filter(Boolean).sort(), ['to-stderr', 'to-stdout'], 'demultiplexed: no frame headers in the text');
      assert.equal(await host.containerLogs(cid, 1).then((t) => t.split('\n').filter(Boolean).length), 1, 'tail');
      const startedAt = async () => ((await engineRequest<{ State: { StartedAt: string; Status: string } }>(engine.socketPath, 'GET', `/containers/${cid}/json`)).json?.State);
      const before = await startedAt();
      await host.restartContainer(cid, 1);
      const after = await startedAt();
      assert.equal(after?.Status, 'running');
      assert.notEqual(after?.StartedAt, before?.StartedAt, 'restarted');
      await host.stopContainer(cid, 1);
      assert.equal((await startedAt())?.Status, 'exited');
      await host.startContainer(cid);
      assert.equal((await startedAt())?.Status, 'running');
    } finally {
      await host.removeContainer(cid, { force: true });
    }
  });

  it('follows network and container events until cancelled', async () => {
    const seen: DockerEvent[] = [];
    const ctl = new AbortController();
    let got!: () => void;
    const arrived = new Promise<void>((resolve) => (got = resolve));
    const following = host.events(ctl.signal, (e) => {
      seen.push(e);
      if (e.type === 'network' && e.action === 'create' && e.name === 'ev') got();
    });
    await new Promise((r) => setTimeout(r, 100)); // the stream is open
    const t0 = performance.now();
    assert.equal((await req('POST', '/networks/create', { Name: 'ev', Driver: 'macvlan', CheckDuplicate: true, Options: { parent: 'eth1' }, IPAM: { Config: [{ Subnet: '198.51.100.0/24' }] } })).status, 201);
    await arrived;
    console.log(`network event arrived ${Math.round(performance.now() - t0)} ms after the create`);
    ctl.abort();
    await following; // resolves on cancel
    assert.ok(seen.some((e) => e.type === 'network' && e.action === 'create' && e.name === 'ev' && /^[0-9a-f]{64}$/.test(e.id)));
  });

  it('rejects the event stream when the daemon goes away', async () => {
    const ctl = new AbortController();
    const outcome = host.events(ctl.signal, () => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 100));
    await engine.kill();
    try {
      const e = await outcome;
      assert.ok(e instanceof DockerError, String(e));
      assert.equal(e.kind, 'unreachable');
      assert.match(e.message, new RegExp(`^the event stream from ${engine.dockerHost.replace(/[.]/g, '\\.')} (ended|broke \\(aborted\\)) — did the daemon stop\\?$`));
    } finally {
      await engine.restart();
    }
  });
});

describe('DockerHost timeouts and cancel (a socket that never answers)', () => {
  let dir: string;
  let sock: string;
  let server: net.Server;
  before(async () => {
    dir = mkdtempSync('/tmp/mvs-hang-');
    sock = path.join(dir, 'hang.sock');
    server = net.createServer(() => {}); // accepts, reads, never writes
    await new Promise<void>((resolve) => server.listen(sock, resolve));
  });
  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('times out each call with a message that says which call and how long', async () => {
    const host = openDockerHost({ url: `unix://${sock}`, kind: 'unix', source: 'flag', socketPath: sock }, { timeoutMs: 300 });
    const t0 = performance.now();
    await assert.rejects(host.listNetworks(), (e: unknown) => {
      assert.ok(e instanceof DockerError);
      assert.equal(e.kind, 'timeout');
      assert.equal(e.message, `list networks on unix://${sock}: no answer within 0.3 s`);
      assert.match(e.hint, /raise the timeout/);
      return true;
    });
    const ms = performance.now() - t0;
    assert.ok(ms >= 290 && ms < 2000, `took ${ms} ms`);
  });

  it('cancels a call when its signal aborts', async () => {
    const host = openDockerHost({ url: `unix://${sock}`, kind: 'unix', source: 'flag', socketPath: sock }, { timeoutMs: 10_000 });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const t0 = performance.now();
    await assert.rejects(host.createNetwork({ name: 'x', driver: 'macvlan', options: {}, ipam: [], enableIPv6: false, internal: false, labels: {} }, ctl.signal), (e: unknown) => e instanceof DockerError && e.kind === 'cancelled' && e.message === `create network x on unix://${sock}: cancelled`);
    assert.ok(performance.now() - t0 < 2000);
  });
});
