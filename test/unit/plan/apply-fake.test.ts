import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { planApply } from '../../../core/plan/plan';
import type { Plan } from '../../../core/plan/types';
import { applyPlan } from '../../../docker/apply';
import { DockerError } from '../../../docker/errors';
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

async function planFor(host: FakeHost, spec: string): Promise<Plan> {
  const facts = factsOf(spec);
  return planApply(facts, 'local', await observeDetail(host, { images: facts.model.containers.map((c) => c.image?.value ?? '') }));
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

  it('removes a container it created when its start fails, and keeps the steps already done', async () => {
    const host = new FakeHost();
    const p = await planFor(host, SPEC);
    host.failNext('startContainer', new DockerError('conflict', 'cannot start container db: Address already in use', '', 403), 'db');
    const r = await applyPlan(host, p);
    assert.deepEqual(r.done.map((s) => s.kind), ['createNetwork', 'createNetwork', 'createContainer']);
    assert.deepEqual(r.notDone.map((s) => s.kind), ['createContainer']);
    assert.deepEqual(r.rolledBack, ['removed the new container db']);
    assert.deepEqual([...host.containers.values()].map((c) => c.name), ['web']);
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
    assert.deepEqual(r.rolledBack, ['removed network back, whose create did not answer in time']);
    assert.deepEqual([...host.networks.values()].map((n) => n.name), ['front']);
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

  it('removes a stale lock left by a process of this machine that is gone', async () => {
    const host = new FakeHost();
    host.volumes.set(LOCK_VOLUME, { 'io.macvlan-spec.lock.token': 't', 'io.macvlan-spec.lock.pid': '999999999', 'io.macvlan-spec.lock.machine': os.hostname() });
    const r = await applyPlan(host, await planFor(host, SPEC));
    assert.equal(r.error, undefined);
    assert.match(r.notes[0], /^removed a stale apply lock \(taken by pid 999999999 on .*; that apply is gone\)$/);
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
  });

  it('re-checks the label before removing: a network that lost it is not touched', async () => {
    const host = await applied();
    const p = await planFor(host, SPEC.replace(/ {4}db:\n(?: {6}.*\n)+/, '').replace(/ {4}back:\n(?: {6}.*\n)+/, '').replace('        back: { ipv4_address: 198.51.100.10 }\n', ''));
    assert.deepEqual(p.steps.map((s) => s.kind), ['removeContainer', 'removeNetwork']);
    assert.deepEqual(p.steps[1].kind === 'removeNetwork' && p.steps[1].detach.map((d) => d.container), ['web']);
    host.net('back').labels = { someone: 'else' };
    const r = await applyPlan(host, p);
    assert.equal(r.done.length, 1);
    assert.deepEqual(attachments(host, 'web'), ['back 198.51.100.10', 'front 192.0.2.10']);
    assert.match(r.error?.message ?? '', /^network back \(n0+\d+\) is not managed by macvlan-spec; apply does not touch it$/);
    assert.ok(host.net('back'));
  });
});
