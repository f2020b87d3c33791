// Apply when things go wrong, against the real engine: the daemon dies mid-apply, the engine
// rejects a step half-way, two applies race, the daemon is down.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../core/check';
import { MANAGED_LABEL } from '../../core/observed';
import { planApply } from '../../core/plan/plan';
import type { Plan } from '../../core/plan/types';
import { applyPlan } from '../../docker/apply';
import { openDockerHost } from '../../docker/dockerodeHost';
import { DockerError } from '../../docker/errors';
import { LOCK_VOLUME } from '../../docker/lock';
import { observeDetail } from '../../docker/observe';
import type { DockerHost } from '../../docker/types';
import { type Engine, engineRequest, startEngine } from './engine';

interface NetJson {
  Id: string;
  Name: string;
  Labels: Record<string, string>;
  IPAM: { Config: { Subnet: string; Gateway?: string }[] };
}

function threeNets(image: string, withContainers = true): string {
  return `version: 1
networks:
  na:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
  nb:
    parent: eth1
    subnet: 198.51.100.0/24
    gateway: 198.51.100.1
  nc:
    parent: eth2
    subnet: 203.0.113.0/25
    gateway: 203.0.113.1
${
  withContainers
    ? `containers:
  ca:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      na: { ipv4_address: 192.0.2.10 }
  cb:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      nb: { ipv4_address: 198.51.100.10 }
`
    : ''
}`;
}

describe('apply faults against a real engine', () => {
  let engine: Engine;
  let host: DockerHost;
  const req = <T>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);
  const open = () => openDockerHost({ url: engine.dockerHost, kind: 'unix', source: 'flag', socketPath: engine.socketPath }, { timeoutMs: 5000 });
  const networks = async () => ((await req<NetJson[]>('GET', '/networks')).json ?? []).filter((n) => n.Name !== 'host' && n.Name !== 'none').sort((a, b) => (a.Name < b.Name ? -1 : 1));

  async function planOf(yaml: string, on: DockerHost = host): Promise<Plan> {
    const checked = checkText(yaml);
    assert.deepEqual(checked.findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
    return planApply(checked.facts, 'local', await observeDetail(on));
  }

  const removeAll = async () => {
    for (const c of (await req<{ Id: string }[]>('GET', '/containers/json?all=1')).json ?? []) await req('DELETE', `/containers/${c.Id}?force=1`);
    for (const n of await networks()) await req('DELETE', `/networks/${n.Id}`);
    await req('DELETE', `/volumes/${LOCK_VOLUME}`);
  };

  before(async () => {
    engine = await startEngine({ parents: ['eth0', 'eth1', 'eth2', 'bond0'] });
    host = open();
  });
  afterEach(removeAll);
  after(async () => {
    host?.close();
    await engine?.stop();
  });

  it('dockerd killed mid-apply: a clean failure, and after restart only complete managed networks', async () => {
    const plan = await planOf(threeNets(engine.image));
    assert.deepEqual(plan.steps.map((s) => s.kind), ['createNetwork', 'createNetwork', 'createNetwork', 'createContainer', 'createContainer']);
    const t0 = performance.now();
    const r = await applyPlan(host, plan, {
      stopTimeout: 1,
      onProgress: async (p) => {
        if (p.phase === 'done' && p.index === 1) await engine.kill(); // after na and nb exist
      },
    });
    console.log(`apply with dockerd killed after step 2: failed in ${Math.round(performance.now() - t0)} ms`);
    // Restart before asserting: a failed assertion must not leave the later tests without a daemon.
    const t1 = performance.now();
    await engine.restart();
    console.log(`restart after the kill: ${Math.round(performance.now() - t1)} ms`);
    assert.ok(r.error instanceof DockerError);
    assert.equal(r.error.kind, 'unreachable');
    // Refused, gone, or (when the next request met the daemon as it died) closed or reset
    // mid-request: which one is a race, each is a clear reason.
    assert.match(r.error.message, new RegExp(`^cannot reach Docker at unix://${engine.socketPath.replace(/[.]/g, '\\.')}: (connection refused — is the Docker daemon running\\?|no such socket|the connection was (closed|reset) — did the daemon stop or restart\\?|the connection was aborted)`));
    assert.match(r.error.hint ?? '', /start the Docker daemon/);
    assert.deepEqual(r.done.map((s) => s.kind), ['createNetwork', 'createNetwork']);
    assert.deepEqual(r.notDone.map((s) => s.kind), ['createNetwork', 'createContainer', 'createContainer']);
    assert.match(r.notes[0], /^could not release the apply lock \(cannot reach Docker/);
    // the undo of na and nb met no daemon either: the report names them, newest first
    assert.deepEqual(r.rollbackErrors.map((e) => e.replace(/\): .*/, ')')), ['could not undo (removed the new network nb)', 'could not undo (removed the new network na)']);

    // na and nb, complete. nc too when the kill met its create in flight and dockerd had
    // stored it: then it is complete as well (Docker stores a network whole or not at all).
    const nets = await networks();
    const names = nets.map((n) => n.Name);
    assert.ok(names.join() === 'na,nb' || names.join() === 'na,nb,nc', names.join());
    for (const n of nets) assert.equal(n.Labels[MANAGED_LABEL], 'true');
    assert.equal(nets[0].IPAM.Config[0].Subnet, '192.0.2.0/24');
    assert.equal(nets[1].IPAM.Config[0].Gateway, '198.51.100.1');

    // the next apply (same process) finds the lock stale, removes it and finishes the job
    const again = await planOf(threeNets(engine.image));
    assert.deepEqual(again.steps.map((s) => s.kind), [...(names.includes('nc') ? [] : ['createNetwork']), 'createContainer', 'createContainer']);
    const r2 = await applyPlan(host, again, { stopTimeout: 1 });
    assert.equal(r2.error, undefined, r2.error?.describe());
    assert.match(r2.notes[0], /^removed a stale apply lock \(taken by pid \d+ on .* \(machine id [0-9a-f]{12}\), \d+ s ago; this process holds no such lock\)$/);
    assert.deepEqual((await planOf(threeNets(engine.image))).steps, []);
  });

  it('a network create rejected half-way (an overlapping network appeared after planning): the steps before it are undone too', async () => {
    const plan = await planOf(threeNets(engine.image, false));
    const squat = await req('POST', '/networks/create', { Name: 'squatter', Driver: 'macvlan', CheckDuplicate: true, Options: { parent: 'bond0' }, IPAM: { Config: [{ Subnet: '198.51.100.0/25' }] } });
    assert.equal(squat.status, 201, squat.text);
    const r = await applyPlan(host, plan);
    assert.equal(r.error?.kind, 'conflict');
    assert.equal(r.error?.message, `cannot create network nb on ${engine.dockerHost}: Pool overlaps with other one on this address space`);
    assert.match(r.error?.hint ?? '', /overlapping subnet/);
    assert.deepEqual(r.done.map((s) => s.kind === 'createNetwork' && s.network), ['na']);
    assert.deepEqual(r.notDone.map((s) => s.kind === 'createNetwork' && s.network), ['nb', 'nc']);
    assert.deepEqual(r.rolledBack, ['removed the new network na']);
    assert.deepEqual((await networks()).map((n) => n.Name), ['squatter']);
  });

  it('a recreate rejected at create puts the old network back, with its containers at their old addresses', async () => {
    const first = await applyPlan(host, await planOf(threeNets(engine.image)), { stopTimeout: 1 });
    assert.equal(first.error, undefined, first.error?.describe());
    const moved = threeNets(engine.image)
      .replace('nb:\n    parent: eth1\n    subnet: 198.51.100.0/24\n    gateway: 198.51.100.1', 'nb:\n    parent: eth1\n    subnet: 203.0.113.128/25\n    gateway: 203.0.113.129')
      .replace('198.51.100.10 }', '203.0.113.140 }');
    const plan = await planOf(moved);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['recreateNetwork']);
    // someone takes the new subnet between plan and apply
    assert.equal((await req('POST', '/networks/create', { Name: 'squatter', Driver: 'macvlan', CheckDuplicate: true, Options: { parent: 'bond0' }, IPAM: { Config: [{ Subnet: '203.0.113.128/25' }] } })).status, 201);
    const t0 = performance.now();
    const r = await applyPlan(host, plan, { stopTimeout: 1 });
    console.log(`failed recreate + restore: ${Math.round(performance.now() - t0)} ms`);
    assert.equal(r.error?.message, `cannot create network nb on ${engine.dockerHost}: Pool overlaps with other one on this address space`);
    assert.deepEqual(r.rolledBack, ['restored network nb as it was', 'reconnected cb to nb at 198.51.100.10']);
    assert.deepEqual(r.rollbackErrors, []);
    const cb = (await req<{ State: { Running: boolean }; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('GET', '/containers/cb/json')).json!;
    assert.equal(cb.State.Running, true);
    assert.equal(cb.NetworkSettings.Networks.nb.IPAddress, '198.51.100.10');
    await req('DELETE', '/networks/squatter');
    assert.deepEqual((await planOf(threeNets(engine.image))).steps, [], 'the host is as before the failed apply');
  });

  it('two applies at once: one runs, the other is refused with a clear message', async () => {
    const a = open();
    const b = open();
    try {
      const plan = await planOf(threeNets(engine.image, false));
      let release!: () => void;
      const otherDone = new Promise<void>((resolve) => (release = resolve));
      const hold = async () => otherDone; // the winner waits at its first step until the loser has answered
      const [ra, rb] = await Promise.all([
        applyPlan(a, plan, { onProgress: hold }).finally(() => release()),
        applyPlan(b, plan, { onProgress: hold }).finally(() => release()),
      ]);
      const [ok, refused] = ra.error ? [rb, ra] : [ra, rb];
      assert.equal(ok.error, undefined, ok.error?.describe());
      assert.equal(ok.done.length, 3);
      assert.equal(refused.error?.kind, 'conflict');
      assert.match(refused.error?.message ?? '', new RegExp(`^another apply is running against ${engine.dockerHost.replace(/[.]/g, '\\.')}: the lock \\(volume macvlan-spec-lock\\) is taken by pid ${process.pid} on .+, \\d+ s ago; wait for it to finish and try again$`));
      assert.equal(refused.done.length, 0);
      assert.deepEqual((await networks()).map((n) => n.Name), ['na', 'nb', 'nc']);
      assert.equal((await req('GET', `/volumes/${LOCK_VOLUME}`)).status, 404, 'the winner released the lock');
    } finally {
      a.close();
      b.close();
    }
  });

  it('daemon stopped: unreachable, with a hint', async () => {
    await engine.kill();
    try {
      const down = open();
      await assert.rejects(down.observe(), (e: unknown) => {
        assert.ok(e instanceof DockerError);
        assert.equal(e.kind, 'unreachable');
        // A pooled keep-alive connection to the killed daemon fails with a reset instead of a
        // refusal; both name the cause.
        assert.match(e.message, /^cannot reach Docker at unix:\/\/.*docker\.sock: (connection refused — is the Docker daemon running\?|no such socket — is the Docker daemon running, and is this the right socket\?|the connection was (reset|closed) — did the daemon stop or restart\?)$/);
        assert.equal(e.hint, "start the Docker daemon (e.g. `sudo systemctl start docker`), or point --docker / DOCKER_HOST / the spec's docker: at the right host");
        return true;
      });
    } finally {
      await engine.restart();
    }
  });
});
