import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { planApply, type PlanOptions } from '../../../core/plan/plan';
import type { Plan } from '../../../core/plan/types';
import { applyPlan } from '../../../docker/apply';
import { DockerError } from '../../../docker/errors';
import { machineId } from '../../../docker/holder';
import { LOCK_VOLUME } from '../../../docker/lock';
import { observeDetail } from '../../../docker/observe';
import { FakeHost } from './fakeHost';
import { factsOf } from './helpers';

const SPEC = `
  version: 1
  networks:
    front:
      parent: eth0
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
    back:
      parent: eth1
      subnet: 198.51.100.0/24
      gateway: 198.51.100.1
  containers:
    web:
      image: nginx:alpine
      networks:
        front: { ipv4_address: 192.0.2.10 }
        back: { ipv4_address: 198.51.100.10 }
    db:
      image: postgres:16
      networks:
        back: { ipv4_address: 198.51.100.20 }
`;

async function planFor(host: FakeHost, spec: string, opts: PlanOptions = {}): Promise<Plan> {
  const facts = factsOf(spec);
  return planApply(facts, 'local', await observeDetail(host, { images: facts.model.containers.map((c) => c.image?.value ?? '') }), opts);
}

async function applied(spec = SPEC): Promise<FakeHost> {
  const host = new FakeHost();
  const r = await applyPlan(host, await planFor(host, spec));
  assert.equal(r.error, undefined);
  return host;
}

const attachments = (h: FakeHost, name: string) => h.ctr(name).networks.map((a) => `${a.network} ${a.staticIpv4 ?? 'dynamic'}`).sort();

describe('applyPlan (fake daemon)', () => {
  it('applies a plan in order under the lock, and then plans nothing', async () => {
    const host = new FakeHost();
    const p = await planFor(host, SPEC);
    const seen: string[] = [];
    const r = await applyPlan(host, p, { onProgress: (e) => void seen.push(`${e.phase} ${e.index + 1}/${e.total} ${e.title}`) });
    assert.equal(r.error, undefined);
    assert.equal(r.done.length, 4);
    assert.deepEqual(r.notDone, []);
    assert.deepEqual(seen.slice(0, 2), ['start 1/4 create network front', 'done 1/4 create network front']);
    assert.deepEqual(host.log, [
      `createVolume ${LOCK_VOLUME}`,
      'createNetwork front',
      'createNetwork back',
      'pullImage nginx:alpine',
      'createContainer web',
      'connect web back 198.51.100.10',
      'startContainer web',
      'pullImage postgres:16',
      'createContainer db',
      'startContainer db',
      `removeVolume ${LOCK_VOLUME}`,
    ]);
    assert.deepEqual(attachments(host, 'web'), ['back 198.51.100.10', 'front 192.0.2.10']);
    assert.equal(host.volumes.size, 0);
    assert.deepEqual((await planFor(host, SPEC)).steps, []);
  });

  it('restores a network whose recreate failed at create, with its containers at their old addresses', async () => {
    const host = await applied();
    const oldLabels = host.net('back').labels;
    const p = await planFor(host, SPEC.replace(/198\.51\.100\./g, '203.0.113.'));
    assert.deepEqual(p.steps.map((s) => s.kind), ['recreateNetwork', 'reconnect', 'reconnect'].slice(0, p.steps.length));
    host.failNext('createNetwork', new DockerError('conflict', 'cannot create network back on fake: Pool overlaps with other one on this address space', '', 403), 'back');
    const r = await applyPlan(host, p);
    assert.equal(r.error?.kind, 'conflict');
    assert.equal(r.done.length, 0);
    assert.equal(r.notDone[0].kind, 'recreateNetwork');
    assert.deepEqual(r.rolledBack, ['restored network back as it was', 'reconnected db to back at 198.51.100.20', 'reconnected web to back at 198.51.100.10']);
    assert.deepEqual(r.rollbackErrors, []);
    assert.deepEqual(host.net('back').labels, oldLabels);
    assert.equal(host.net('back').ipam[0].subnet, '198.51.100.0/24');
    assert.deepEqual(attachments(host, 'web'), ['back 198.51.100.10', 'front 192.0.2.10']);
    assert.deepEqual(attachments(host, 'db'), ['back 198.51.100.20']);
    assert.equal(host.volumes.size, 0, 'lock released after a failure');
    assert.deepEqual((await planFor(host, SPEC)).steps, [], 'the host is as before');
  });

  it('undoes a recreate that failed while reconnecting: new network gone, old one back', async () => {
    const host = await applied();
    const p = await planFor(host, SPEC.replace(/198\.51\.100\./g, '203.0.113.'));
    host.failNext('connect', new DockerError('conflict', 'Address already in use', '', 403), 'web back 203.0.113.10');
    const r = await applyPlan(host, p);
    assert.equal(r.error?.message, 'Address already in use');
    assert.deepEqual(r.rolledBack, [
      'disconnected db from the new back',
      'removed the new network back',
      'restored network back as it was',
      'reconnected db to back at 198.51.100.20',
      'reconnected web to back at 198.51.100.10',
    ]);
    assert.deepEqual((await planFor(host, SPEC)).steps, []);
  });

  it('a failed step undoes itself and then every step before it, newest first: the host is left as it was', async () => {
    const host = new FakeHost();
    const p = await planFor(host, SPEC);
    host.failNext('startContainer', new DockerError('conflict', 'cannot start container db: Address already in use', '', 403), 'db');
    const r = await applyPlan(host, p);
    assert.deepEqual(r.done.map((s) => s.kind), ['createNetwork', 'createNetwork', 'createContainer']);
    assert.deepEqual(r.notDone.map((s) => s.kind), ['createContainer']);
    assert.deepEqual(r.rolledBack, ['removed the new container db', 'removed the new container web', 'removed the new network back', 'removed the new network front']);
    assert.deepEqual(r.rollbackErrors, []);
    assert.equal(host.containers.size, 0);
    assert.equal(host.networks.size, 0);
    assert.equal(host.volumes.size, 0);
  });

  it('removes a network whose create timed out but happened anyway', async () => {
    const host = new FakeHost();
    const p = await planFor(host, SPEC);
    const def = p.steps[1].kind === 'createNetwork' ? p.steps[1].def : undefined;
    assert.ok(def);
    host.failNext('createNetwork', new DockerError('timeout', 'create network back: no answer within 15 s'), 'back', () => {
      host.networks.set('late', { id: 'late', name: def.name, driver: def.driver, options: def.options, ipam: def.ipam, enableIPv6: false, internal: false, labels: def.labels, containers: [] });
    });
    const r = await applyPlan(host, p);
    assert.equal(r.error?.kind, 'timeout');
    assert.deepEqual(r.rolledBack, ['removed network back, whose create did not answer in time', 'removed the new network front']);
    assert.deepEqual([...host.networks.values()].map((n) => n.name), []);
  });

  it('puts the old container back when its recreate fails', async () => {
    const host = await applied();
    const oldId = host.ctr('db').id;
    const p = await planFor(host, SPEC.replace('image: postgres:16', 'image: busybox'));
    assert.deepEqual(p.steps.map((s) => s.kind), ['recreateContainer']);
    host.failNext('startContainer', new DockerError('rejected', 'cannot start container db: boom', '', 500), 'db');
    const r = await applyPlan(host, p);
    assert.equal(r.error?.message, 'cannot start container db: boom');
    assert.deepEqual(r.rolledBack, ['removed the new container db', 'renamed the old db back', 'started the old db again']);
    assert.equal(host.ctr('db').id, oldId);
    assert.equal(host.ctr('db').state, 'running');
    // and succeeds when nothing fails: the old one goes, the new one runs under the name
    const ok = await applyPlan(host, p);
    assert.equal(ok.error, undefined);
    assert.equal(host.ctr('db').image, 'busybox');
    assert.notEqual(host.ctr('db').id, oldId);
    assert.equal([...host.containers.values()].length, 2);
  });

  it('refuses while another apply holds the lock, naming the holder', async () => {
    const host = new FakeHost();
    host.volumes.set(LOCK_VOLUME, { 'io.macvlan-spec.lock.token': 't', 'io.macvlan-spec.lock.pid': '4242', 'io.macvlan-spec.lock.machine': 'build-07', 'io.macvlan-spec.lock.since': new Date(Date.now() - 12_000).toISOString() });
    const r = await applyPlan(host, await planFor(host, SPEC));
    assert.equal(r.error?.kind, 'conflict');
    assert.match(r.error?.message ?? '', /^another apply is running against unix:\/\/\/fake\.sock: the lock \(volume macvlan-spec-lock\) is taken by pid 4242 on build-07, 1[2-4] s ago; wait for it to finish and try again$/);
    assert.equal(r.error?.hint, 'if no apply is running (one crashed, or the daemon died mid-apply), remove the lock: docker volume rm macvlan-spec-lock');
    assert.equal(r.done.length, 0);
    assert.equal(host.networks.size, 0);
    assert.ok(host.volumes.has(LOCK_VOLUME), 'not its lock to remove');
  });

  it('removes a stale lock left by a process of this machine (same machine id) that is gone', async () => {
    const host = new FakeHost();
    host.volumes.set(LOCK_VOLUME, { 'io.macvlan-spec.lock.token': 't', 'io.macvlan-spec.lock.pid': '999999999', 'io.macvlan-spec.lock.machine': os.hostname(), 'io.macvlan-spec.lock.machine-id': machineId() });
    const r = await applyPlan(host, await planFor(host, SPEC));
    assert.equal(r.error, undefined);
    assert.match(r.notes[0], /^removed a stale apply lock \(taken by pid 999999999 on .*; process 999999999 on this machine is gone\)$/);
  });

  it("respects a lock with our hostname and a dead pid but another machine id while its lease runs; breaks it once the lease ran out", async () => {
    const host = new FakeHost();
    const seed = (since: string) => {
      host.volumes.set(LOCK_VOLUME, { 'io.macvlan-spec.lock.token': 't', 'io.macvlan-spec.lock.pid': '999999999', 'io.macvlan-spec.lock.machine': os.hostname(), 'io.macvlan-spec.lock.machine-id': 'f'.repeat(32), 'io.macvlan-spec.lock.lease-ms': '60000' });
      host.volumeCreated.set(LOCK_VOLUME, since);
    };
    seed(new Date().toISOString());
    const r = await applyPlan(host, await planFor(host, SPEC));
    assert.equal(r.error?.kind, 'conflict');
    assert.match(r.error?.message ?? '', /taken by pid 999999999 on .* \(machine id ffffffffffff\)/);
    assert.equal(host.networks.size, 0);
    // a renewal (a lease volume) keeps it alive even though the lock itself is old
    seed(new Date(Date.now() - 120_000).toISOString());
    host.volumes.set('macvlan-spec-lease-t-1', { 'io.macvlan-spec.lock.token': 't' });
    host.volumeCreated.set('macvlan-spec-lease-t-1', new Date(Date.now() - 5_000).toISOString());
    assert.equal((await applyPlan(host, await planFor(host, SPEC))).error?.kind, 'conflict');
    // no renewal for longer than the lease, by the daemon's clock: stale
    host.volumeCreated.set('macvlan-spec-lease-t-1', new Date(Date.now() - 61_000).toISOString());
    const ok = await applyPlan(host, await planFor(host, SPEC));
    assert.equal(ok.error, undefined);
    assert.match(ok.notes[0], /^removed a stale apply lock \(.*its lease of 60 s was last renewed 61 s ago \(daemon clock\)\)$/);
    assert.equal(host.volumes.size, 0, 'its lease volume went with it');
  });

  it('renews its lease while it works, and stops before a step once the lock is taken over', async () => {
    const host = new FakeHost();
    const p = await planFor(host, SPEC);
    const r = await applyPlan(host, p, {
      leaseMs: 60,
      onProgress: async (e) => {
        if (e.phase !== 'done' || e.index !== 0) return;
        await new Promise((res) => setTimeout(res, 100));
        assert.ok([...host.volumes.keys()].some((k) => k.startsWith('macvlan-spec-lease-')), 'a lease volume was made');
        host.volumes.set(LOCK_VOLUME, { 'io.macvlan-spec.lock.token': 'someone-else' });
        await new Promise((res) => setTimeout(res, 60));
      },
    });
    assert.equal(r.error?.message, 'apply stopped before step 2/4 (create network back): the apply lock was taken over by another apply');
    assert.deepEqual(r.rolledBack, ['removed the new network front']);
    assert.ok(host.volumes.has(LOCK_VOLUME), "the other apply's lock stays");
  });

  it('lets exactly one of two concurrent applies run', async () => {
    const host = new FakeHost();
    const p = await planFor(host, SPEC);
    const [a, b] = await Promise.all([applyPlan(host, p), applyPlan(host, p)]);
    const errors = [a, b].map((r) => r.error?.kind ?? 'ok').sort();
    assert.deepEqual(errors, ['conflict', 'ok']);
  });

  it('refuses a plan with conflicts without touching the host, and stops on cancel', async () => {
    const host = await applied();
    host.net('front').labels = {};
    const p = await planFor(host, SPEC.replace('192.0.2.1\n', '192.0.2.254\n'));
    const r = await applyPlan(host, p);
    assert.match(r.error?.message ?? '', /^apply refused: the plan has 1 conflict\(s\) \(network front\)$/);
    host.log = [];
    const empty = new FakeHost();
    const ctl = new AbortController();
    const r2 = await applyPlan(empty, await planFor(empty, SPEC), { signal: ctl.signal, onProgress: (e) => void (e.phase === 'done' && ctl.abort()) });
    assert.equal(r2.error?.kind, 'cancelled');
    assert.equal(r2.error?.message, 'apply cancelled before step 2/4 (create network back)');
    assert.equal(r2.done.length, 1);
    assert.deepEqual(r2.rolledBack, ['removed the new network front'], 'a cancel puts back what was done');
    assert.equal(empty.networks.size, 0);
  });

  it('re-checks the owner before removing: a network that is no longer ours is not touched, and the pruned container comes back', async () => {
    const host = await applied();
    const p = await planFor(host, SPEC.replace(/ {4}db:\n(?: {6}.*\n)+/, '').replace(/ {4}back:\n(?: {6}.*\n)+/, '').replace('        back: { ipv4_address: 198.51.100.10 }\n', ''), { prune: true });
    assert.deepEqual(p.steps.map((s) => s.kind), ['removeContainer', 'removeNetwork']);
    assert.deepEqual(p.steps[1].kind === 'removeNetwork' && p.steps[1].detach.map((d) => d.container), ['db', 'web']);
    const dbId = host.ctr('db').id;
    host.net('back').labels = { someone: 'else' };
    const r = await applyPlan(host, p);
    assert.equal(r.done.length, 1);
    assert.match(r.error?.message ?? '', /^network back \(n0+\d+\) is not spec default's \(not created by macvlan-spec\); apply does not touch it$/);
    assert.deepEqual(r.rolledBack, ['renamed the old db back', 'started the old db again']);
    assert.deepEqual(attachments(host, 'web'), ['back 198.51.100.10', 'front 192.0.2.10']);
    assert.equal(host.ctr('db').id, dbId);
    assert.equal(host.ctr('db').state, 'running');
    assert.ok(host.net('back'));
  });

  it('prunes for real only after every step succeeded: the stepped-aside container is removed at the end', async () => {
    const host = await applied();
    const p = await planFor(host, SPEC.replace(/ {4}db:\n(?: {6}.*\n)+/, ''), { prune: true });
    assert.deepEqual(p.steps.map((s) => s.kind), ['removeContainer']);
    host.log = [];
    const r = await applyPlan(host, p);
    assert.equal(r.error, undefined);
    assert.deepEqual(host.log.filter((l) => !l.includes('Volume')), ['renameContainer db db.macvlan-spec-removed', 'stopContainer db.macvlan-spec-removed', 'removeContainer db.macvlan-spec-removed']);
    assert.equal([...host.containers.values()].some((c) => c.name.startsWith('db')), false);
  });

  it('after a failure late in a plan, recreated and removed networks come back with their containers at their old addresses', async () => {
    const host = await applied();
    const extra = SPEC.replace(/198\.51\.100\./g, '203.0.113.').replace('  containers:', '    more:\n      parent: eth3\n      subnet: 192.0.2.0/25\n  containers:');
    // back is recreated (new subnet) with web and db moved along; "more" overlaps front: a conflict, so use a pool that fails at create instead
    const p = await planFor(host, extra.replace('192.0.2.0/25', '10.9.0.0/24'));
    assert.deepEqual(p.steps.map((s) => s.kind), ['createNetwork', 'recreateNetwork']);
    host.failNext('connect', new DockerError('rejected', 'boom', '', 500), 'db back 203.0.113.20');
    const r = await applyPlan(host, p);
    assert.equal(r.error?.message, 'boom');
    assert.ok(r.rolledBack.includes('removed the new network more'));
    assert.deepEqual(r.rollbackErrors, []);
    assert.equal(host.net('back').ipam[0].subnet, '198.51.100.0/24');
    assert.deepEqual(attachments(host, 'web'), ['back 198.51.100.10', 'front 192.0.2.10']);
    assert.deepEqual(attachments(host, 'db'), ['back 198.51.100.20']);
    assert.deepEqual((await planFor(host, SPEC)).steps, [], 'the host is as before');
  });
});

describe('applyPlan (fake daemon): scope swarm', () => {
  const SWARM = `
    version: 1
    networks:
      sw: { scope: swarm, parent: eth1, subnet: 203.0.113.0/24, gateway: 203.0.113.1, ip_range: 203.0.113.64/27 }
  `;
  const swarm = { managers: ['local'] };

  it('creates the config-only network before the swarm network, recreates the swarm network with rollback, prunes swarm first', async () => {
    const host = new FakeHost();
    const r = await applyPlan(host, await planFor(host, SWARM, { swarm }));
    assert.equal(r.error, undefined);
    assert.deepEqual(host.log.filter((l) => l.startsWith('createNetwork')), ['createNetwork sw-config', 'createNetwork sw']);
    assert.deepEqual((await planFor(host, SWARM, { swarm })).steps, []);

    // internal: the swarm network is recreated; a failing create puts the old one back (as Docker makes it: from sw-config)
    const internal = await planFor(host, SWARM.replace('scope: swarm,', 'scope: swarm, internal: true,'), { swarm });
    assert.deepEqual(internal.steps.map((s) => `${s.kind} ${'network' in s ? s.network : ''}`), ['recreateNetwork sw']);
    host.failNext('createNetwork', new DockerError('rejected', 'boom', '', 500), 'sw');
    const failed = await applyPlan(host, internal);
    assert.equal(failed.error?.message, 'boom');
    assert.deepEqual(failed.rolledBack, ['restored network sw as it was']);
    assert.equal(host.net('sw').configFrom, 'sw-config');
    assert.deepEqual((await planFor(host, SWARM, { swarm })).steps, [], 'the host is as before');

    host.log = [];
    const pruned = await applyPlan(host, await planFor(host, 'version: 1\n', { swarm, prune: true }));
    assert.equal(pruned.error, undefined);
    assert.deepEqual(host.log.filter((l) => l.startsWith('removeNetwork')), ['removeNetwork sw', 'removeNetwork sw-config']);
    assert.equal(host.networks.size, 0);
  });

  it("refuses to remove a swarm network whose config-only network is not this spec's any more", async () => {
    const host = new FakeHost();
    await applyPlan(host, await planFor(host, SWARM, { swarm }));
    const p = await planFor(host, 'version: 1\n', { swarm, prune: true });
    host.net('sw-config').labels = { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'other' };
    const r = await applyPlan(host, p);
    assert.match(r.error?.message ?? '', /network sw \(.*\) is not spec default's \(spec other\); apply does not touch it/);
    assert.ok(host.net('sw'));
  });
});
