// Smoke test of the real-engine harness: Debian docker.io 20.10 in its own netns.
// Run: node scripts/run-node-tests.mjs test/engine   (as root; installs docker.io if missing)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, engineRequest, execInContainer, execInNetns, pidAlive, startEngine } from './engine';

const NET = 'mvs-smoke-macvlan';
const IPVLAN_NET = 'mvs-smoke-ipvlan';

describe('real engine harness (docker.io 20.10 in a netns)', () => {
  let engine: Engine;
  let dockerdPid = 0;
  const req = <T = unknown>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);

  before(async () => {
    const t0 = performance.now();
    engine = await startEngine();
    dockerdPid = engine.pid;
    const wall = Math.round(performance.now() - t0);
    console.log(
      `engine up in ${wall} ms wall (dockerd spawn -> /_ping ${engine.startMs} ms, image import ${engine.importMs} ms), ` +
        `pid ${engine.pid}, socket ${engine.socketPath}, netns ${engine.netns}`,
    );
  });

  after(async () => {
    // stop() is idempotent; the last test stops explicitly to assert on it.
    await engine?.stop();
  });

  it('answers /_ping and reports Engine 20.10.x / API 1.41', async () => {
    const ping = await req('GET', '/_ping');
    assert.equal(ping.status, 200);
    assert.equal(ping.text, 'OK');
    const v = await req<{ Version: string; ApiVersion: string; MinAPIVersion: string }>('GET', '/version');
    assert.equal(v.status, 200);
    assert.equal(v.json?.ApiVersion, '1.41');
    assert.match(v.json?.Version ?? '', /^20\.10\.\d+/);
  });

  it('has the veth parents in its netns and the busybox image', async () => {
    const links = await execInNetns(engine.netns, ['ip', '-o', 'link', 'show']);
    assert.equal(links.code, 0, links.stderr);
    for (const nic of ['eth0', 'eth1', 'eth2', 'bond0', 'ens3', 'wlan0']) {
      assert.match(links.stdout, new RegExp(`: ${nic}@${nic}-peer: <[^>]*\\bUP\\b`), `${nic} missing or down`);
    }
    assert.deepEqual(engine.interfaces, ['eth0', 'eth1', 'eth2', 'bond0', 'ens3', 'wlan0']);
    const img = await req<{ RepoTags: string[]; Config: { Cmd: string[] } }>('GET', `/images/${engine.image}/json`);
    assert.equal(img.status, 200, img.text);
    assert.deepEqual(img.json?.RepoTags, ['macvlan-test/busybox:latest']);
    assert.deepEqual(img.json?.Config.Cmd, ['sh']);
  });

  it('runs a container with a static IP on a macvlan network over eth0', async () => {
    const net = await req<{ Id: string }>('POST', '/networks/create', {
      Name: NET,
      Driver: 'macvlan',
      CheckDuplicate: true, // without it 20.10 happily creates a second network of the same name
      Options: { parent: 'eth0' },
      IPAM: { Driver: 'default', Config: [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1' }] },
    });
    assert.equal(net.status, 201, net.text);

    const dup = await req('POST', '/networks/create', {
      Name: NET,
      Driver: 'macvlan',
      CheckDuplicate: true,
      Options: { parent: 'eth1' },
      IPAM: { Config: [{ Subnet: '198.51.100.0/24' }] },
    });
    assert.equal(dup.status, 409);
    assert.deepEqual(dup.json, { message: `network with name ${NET} already exists` });

    const created = await req<{ Id: string }>('POST', '/containers/create?name=mvs-smoke-c1', {
      Image: engine.image,
      Cmd: ['sleep', '3600'],
      StopTimeout: 1, // sleep as PID 1 ignores SIGTERM; don't make daemon shutdown wait 10 s
      HostConfig: { NetworkMode: NET },
      NetworkingConfig: { EndpointsConfig: { [NET]: { IPAMConfig: { IPv4Address: '192.0.2.10' } } } },
    });
    assert.equal(created.status, 201, created.text);
    const started = await req('POST', '/containers/mvs-smoke-c1/start');
    assert.equal(started.status, 204, started.text);

    type Inspect = {
      State: { Running: boolean };
      NetworkSettings: {
        SandboxKey: string; Networks: Record<string, { IPAddress: string; IPPrefixLen: number; Gateway: string; NetworkID: string }> };
    };
    const info = await req<Inspect>('GET', '/containers/mvs-smoke-c1/json');
    assert.equal(info.status, 200);
    assert.equal(info.json?.State.Running, true);
    const ep = info.json?.NetworkSettings.Networks[NET];
    assert.equal(ep?.IPAddress, '192.0.2.10');
    assert.equal(ep?.IPPrefixLen, 24);
    assert.equal(ep?.Gateway, '192.0.2.1');
    assert.equal(ep?.NetworkID, net.json?.Id);

    // and the kernel agrees: a macvlan link with that address inside the container
    const inside = await execInContainer(engine.socketPath, 'mvs-smoke-c1', ['ip', '-4', '-o', 'addr', 'show', 'eth0']);
    assert.equal(inside.code, 0, inside.output);
    assert.match(inside.output, /inet 192\.0\.2\.10\/24 /);
    // busybox ip has no -d: look at the container's netns with the host's iproute2
    const details = await execInNetns(info.json?.NetworkSettings.SandboxKey ?? '', ['ip', '-d', 'link', 'show', 'eth0']);
    assert.equal(details.code, 0, details.stderr);
    assert.match(details.stdout, /macvlan mode bridge/);
  });

  it('creates an ipvlan network, but this kernel cannot start a container on it', async () => {
    const net = await req('POST', '/networks/create', {
      Name: IPVLAN_NET,
      Driver: 'ipvlan',
      CheckDuplicate: true,
      Options: { parent: 'eth1', ipvlan_mode: 'l2' },
      IPAM: { Config: [{ Subnet: '198.51.100.0/24', Gateway: '198.51.100.1' }] },
    });
    assert.equal(net.status, 201, net.text); // network create only records config; no link yet

    const created = await req('POST', '/containers/create?name=mvs-smoke-c2', {
      Image: engine.image,
      Cmd: ['sleep', '3600'],
      HostConfig: { NetworkMode: IPVLAN_NET },
      NetworkingConfig: { EndpointsConfig: { [IPVLAN_NET]: { IPAMConfig: { IPv4Address: '198.51.100.10' } } } },
    });
    assert.equal(created.status, 201, created.text);
    // CONFIG_IPVLAN is not set in this kernel, so creating the ipvlan link in the container's
    // netns fails. Observed: 500 {"message":"failed to create the ipvlan port: operation not supported"}
    // and the container stays "created" with State.Error set to the same text, ExitCode 128.
    const started = await req('POST', '/containers/mvs-smoke-c2/start');
    assert.equal(started.status, 500);
    assert.deepEqual(started.json, { message: 'failed to create the ipvlan port: operation not supported' });
    const info = await req<{ State: { Status: string; Error: string; ExitCode: number } }>('GET', '/containers/mvs-smoke-c2/json');
    assert.equal(info.json?.State.Status, 'created');
    assert.equal(info.json?.State.Error, 'failed to create the ipvlan port: operation not supported');
    assert.equal(info.json?.State.ExitCode, 128);
  });

  it('cleans up, stops the engine and leaves no dockerd behind', async () => {
    for (const c of ['mvs-smoke-c1', 'mvs-smoke-c2']) {
      const r = await req('DELETE', `/containers/${c}?force=1`);
      assert.equal(r.status, 204, r.text);
    }
    for (const n of [NET, IPVLAN_NET]) {
      const r = await req('DELETE', `/networks/${n}`);
      assert.equal(r.status, 204, r.text);
    }
    const left = await req<Array<{ Name: string }>>('GET', '/networks');
    assert.deepEqual(left.json?.map((n) => n.Name).sort(), ['host', 'none']);

    assert.ok(pidAlive(dockerdPid), 'dockerd should be running before stop');
    const t0 = performance.now();
    await engine.stop();
    console.log(`engine stopped in ${Math.round(performance.now() - t0)} ms`);
    assert.equal(pidAlive(dockerdPid), false, `dockerd ${dockerdPid} still running`);
    await assert.rejects(req('GET', '/_ping'), /ENOENT|ECONNREFUSED/);
  });
});
