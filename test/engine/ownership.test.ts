// Who owns what on a real engine (docker.io 20.10 in a netns): two specs on one host, images
// that carry our labels, adoption, orphans and --prune, a failed apply that leaves the host as it
// was, and the lock across processes. Resources are read back through the raw Engine API.
// Run: node scripts/run-node-tests.mjs test/engine
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkText } from '../../core/check';
import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../../core/observed';
import { planApply, type PlanOptions } from '../../core/plan/plan';
import type { Plan } from '../../core/plan/types';
import { applyPlan, type ApplyOptions, type ApplyResult } from '../../docker/apply';
import { openDockerHost } from '../../docker/dockerodeHost';
import { LOCK_VOLUME } from '../../docker/lock';
import { observeDetail } from '../../docker/observe';
import type { DockerHost } from '../../docker/types';
import { cli } from './cliRun';
import { type Engine, engineRequest, startEngine } from './engine';

interface NetJson {
  Id: string;
  Options: Record<string, string>;
  Labels: Record<string, string>;
  IPAM: { Config: { Subnet: string; Gateway?: string }[] };
}
interface CtrJson {
  Id: string;
  Name: string;
  State: { Running: boolean };
  Config: { Labels: Record<string, string> };
  NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
}

const LAB = (image: string) => `version: 1
networks:
  labnet:
    parent: eth0
    subnet: 192.0.2.0/25
    gateway: 192.0.2.1
containers:
  labc:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      labnet: { ipv4_address: 192.0.2.10 }
  labd:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      labnet: { ipv4_address: 192.0.2.11 }
`;

const HOME = (image: string) => `version: 1
networks:
  homenet:
    parent: eth1
    subnet: 198.51.100.0/24
    gateway: 198.51.100.1
containers:
  homec:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      homenet: { ipv4_address: 198.51.100.10 }
`;

describe('ownership: apply touches only what its own spec made (real engine)', () => {
  let engine: Engine;
  let host: DockerHost;
  let dir: string;
  const req = <T>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);
  const net = async (name: string) => (await req<NetJson>('GET', `/networks/${name}`)).json!;
  const ctr = async (name: string) => (await req<CtrJson>('GET', `/containers/${name}/json`)).json!;
  const exists = async (kind: 'networks' | 'containers', name: string) => (await req('GET', kind === 'networks' ? `/networks/${name}` : `/containers/${name}/json`)).status === 200;
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  /** Plans a spec file as the CLI does: its name comes from the file (or its name: key). */
  async function planOf(specFile: string, text: string, opts: PlanOptions = {}): Promise<Plan> {
    const checked = checkText(text, { specPath: specFile });
    assert.deepEqual(checked.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`), []);
    const observed = await observeDetail(host, { images: checked.facts.model.containers.map((c) => c.image?.value ?? '') });
    return planApply(checked.facts, 'local', observed, opts);
  }

  async function apply(specFile: string, text: string, opts: PlanOptions = {}, applyOpts: ApplyOptions = {}): Promise<{ plan: Plan; result: ApplyResult }> {
    const plan = await planOf(specFile, text, opts);
    assert.deepEqual(plan.conflicts, []);
    const result = await applyPlan(host, plan, { stopTimeout: 1, ...applyOpts });
    return { plan, result };
  }

  before(async () => {
    engine = await startEngine({ parents: ['eth0', 'eth1', 'eth2', 'bond0'] });
    host = openDockerHost({ url: engine.dockerHost, kind: 'unix', source: 'flag', socketPath: engine.socketPath });
    dir = mkdtempSync(path.join(os.tmpdir(), 'mvs-own-'));
  });
  after(async () => {
    host?.close();
    await engine?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("two specs applied in turn to one host each keep the other's resources, also with --prune", async () => {
    const lab = file('lab.macvlan.yaml', LAB(engine.image));
    const home = file('home.macvlan.yaml', HOME(engine.image));
    const a = await apply(lab, LAB(engine.image));
    assert.equal(a.result.error, undefined, a.result.error?.describe());
    assert.equal(a.plan.spec, 'lab');
    const b = await apply(home, HOME(engine.image), { prune: true });
    assert.equal(b.result.error, undefined, b.result.error?.describe());
    assert.deepEqual(b.plan.steps.map((s) => s.kind), ['createNetwork', 'createContainer']);
    assert.deepEqual(b.plan.orphans, []);
    // lab's resources are still there, labelled as lab's; home's as home's
    assert.equal((await net('labnet')).Labels[SPEC_LABEL], 'lab');
    assert.equal((await ctr('labc')).State.Running, true);
    assert.equal((await net('homenet')).Labels[SPEC_LABEL], 'home');
    assert.equal((await ctr('homec')).Config.Labels[SPEC_LABEL], 'home');
    // and lab, planned again with --prune, has nothing to do: home's are not its orphans
    const again = await planOf(lab, LAB(engine.image), { prune: true });
    assert.deepEqual(again.steps, []);
    assert.deepEqual(again.orphans, []);
  });

  it("a spec reusing another spec's network name is refused, naming that spec, and nothing changes", async () => {
    const text = HOME(engine.image).replace('homenet', 'labnet').replace('homenet', 'labnet').replace('homec', 'intruder').replace('parent: eth1', 'parent: eth2').replace(/198\.51\.100/g, '203.0.113');
    const intruder = file('intruder.macvlan.yaml', text);
    const plan = await planOf(intruder, text, { prune: true, adopt: true });
    assert.deepEqual(plan.conflicts.map((c) => c.name), ['labnet']);
    assert.match(plan.conflicts[0].message, /^network labnet \(id [0-9a-f]{12}\) belongs to spec lab \(label io\.macvlan-spec\.spec=lab\); apply never changes another spec's networks/);
    const labnetId = (await net('labnet')).Id;
    const r = await cli(['apply', intruder, '--docker', engine.dockerHost, '--yes', '--prune', '--adopt']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /! network labnet: network labnet \(id [0-9a-f]{12}\) belongs to spec lab/);
    assert.match(r.stderr, /apply refused: the plan has conflicts \(see above\); nothing changed/);
    assert.equal((await net('labnet')).Id, labnetId);
    assert.equal(await exists('containers', 'intruder'), false);
  });

  it('a container whose image carries the managed and spec labels is not ours: it survives --prune', async () => {
    // An image made from a container with our labels (docker commit copies labels).
    const base = await req<{ Id: string }>('POST', '/containers/create?name=template', { Image: engine.image, Cmd: ['sleep', '3600'], NetworkDisabled: true });
    assert.equal(base.status, 201, base.text);
    const changes = encodeURIComponent(`LABEL ${MANAGED_LABEL}=true ${SPEC_LABEL}=lab ${HASH_LABEL}=0123456789abcdef`);
    const commit = await req('POST', `/commit?container=template&repo=labelled&tag=1&changes=${changes}`);
    assert.equal(commit.status, 201, commit.text);
    await req('DELETE', '/containers/template?force=true');
    const made = await req('POST', '/containers/create?name=imposter', { Image: 'labelled:1', Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: 'none' } });
    assert.equal(made.status, 201, made.text);
    assert.equal((await req('POST', '/containers/imposter/start')).status, 204);
    assert.equal((await ctr('imposter')).Config.Labels[SPEC_LABEL], 'lab', 'Docker merges the image labels into the container');

    const lab = path.join(dir, 'lab.macvlan.yaml');
    const plan = await planOf(lab, LAB(engine.image), { prune: true });
    assert.deepEqual(plan.steps, []);
    assert.deepEqual(plan.orphans, []);
    const r = await cli(['apply', lab, '--docker', engine.dockerHost, '--yes', '--prune']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await ctr('imposter')).State.Running, true);
    await req('DELETE', '/containers/imposter?force=true');
  });

  it('an orphan stays without --prune and goes with it', async () => {
    const lab = path.join(dir, 'lab.macvlan.yaml');
    const smaller = LAB(engine.image).replace(/ {2}labd:\n(?: {4}.*\n)+/, '');
    const kept = await apply(lab, smaller);
    assert.equal(kept.result.error, undefined);
    assert.deepEqual(kept.plan.steps, []);
    assert.deepEqual(kept.plan.orphans.map((o) => `${o.kind} ${o.name}`), ['container labd']);
    assert.equal((await ctr('labd')).State.Running, true);
    const planText = await cli(['plan', file('lab.macvlan.yaml', smaller), '--docker', engine.dockerHost]);
    assert.equal(planText.code, 0, planText.stderr);
    assert.match(planText.stdout, /Orphans — this spec's, no longer in it; kept \(apply --prune removes them\)\n {2}· orphan +container labd/);
    const pruned = await apply(lab, smaller, { prune: true });
    assert.equal(pruned.result.error, undefined, pruned.result.error?.describe());
    assert.deepEqual(pruned.plan.steps.map((s) => s.kind), ['removeContainer']);
    assert.equal(await exists('containers', 'labd'), false);
    assert.equal(await exists('containers', 'labd.macvlan-spec-removed'), false, 'the stepped-aside container is gone once the apply succeeded');
    const back = await apply(lab, LAB(engine.image));
    assert.equal(back.result.error, undefined);
  });

  it('a recreate whose new definition fails (a parent that does not exist) leaves the old network with its containers at their addresses', async () => {
    const lab = path.join(dir, 'lab.macvlan.yaml');
    const oldId = (await net('labnet')).Id;
    const broken = LAB(engine.image).replace('parent: eth0', 'parent: eth9');
    const plan = await planOf(lab, broken);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['recreateNetwork']);
    const r = await applyPlan(host, plan, { stopTimeout: 1 });
    assert.ok(r.error, 'the create on a missing parent fails');
    assert.deepEqual(r.rollbackErrors, []);
    assert.deepEqual(r.rolledBack, ['restored network labnet as it was', 'reconnected labc to labnet at 192.0.2.10', 'reconnected labd to labnet at 192.0.2.11']);
    const labnet = await net('labnet');
    assert.notEqual(labnet.Id, oldId, 'Docker gives the restored network a new id');
    assert.equal(labnet.Options.parent, 'eth0');
    assert.equal(labnet.Labels[SPEC_LABEL], 'lab');
    for (const [name, addr] of [['labc', '192.0.2.10'], ['labd', '192.0.2.11']]) {
      const c = await ctr(name);
      assert.equal(c.State.Running, true, name);
      assert.equal(c.NetworkSettings.Networks.labnet?.IPAddress, addr, name);
    }
    assert.deepEqual((await planOf(lab, LAB(engine.image))).steps, [], 'the host is as it was');
  });

  it('a failed apply with --prune removed nothing: creates run first, and a create the kernel refuses (802.1Q) undoes what ran before it', async () => {
    const lab = path.join(dir, 'lab.macvlan.yaml');
    // like examples/seed.macvlan.yaml on this kernel: a VLAN sub-interface cannot be made here
    const next = LAB(engine.image)
      .replace(/ {2}labnet:\n(?: {4}.*\n)+/, '  fresh:\n    parent: bond0\n    subnet: 203.0.113.0/26\n  vlan10:\n    parent: eth2\n    vlan: 10\n    subnet: 203.0.113.64/26\n')
      .replace(/containers:\n[\s\S]*$/, '');
    const plan = await planOf(lab, next, { prune: true });
    assert.deepEqual(plan.steps.map((s) => `${s.kind} ${'network' in s ? s.network : s.container}`), [
      'createNetwork fresh',
      'createNetwork vlan10',
      'removeContainer labc',
      'removeContainer labd',
      'removeNetwork labnet',
    ]);
    const r = await applyPlan(host, plan, { stopTimeout: 1 });
    assert.ok(r.error, 'creating a network on eth2.10 fails on this kernel');
    assert.equal(r.failedStep, 1);
    assert.deepEqual(r.rolledBack, ['removed the new network fresh']);
    assert.equal(await exists('networks', 'fresh'), false);
    assert.equal((await ctr('labc')).State.Running, true);
    assert.equal((await ctr('labd')).NetworkSettings.Networks.labnet?.IPAddress, '192.0.2.11');
  });

  it("adopts a hand-made network the spec describes as it is (never removed, even with --prune); an older macvlan-spec's network is left until --adopt claims it", async () => {
    const made = await req('POST', '/networks/create', { Name: 'handmade', Driver: 'macvlan', CheckDuplicate: true, Options: { parent: 'bond0' }, IPAM: { Config: [{ Subnet: '203.0.113.0/26', Gateway: '203.0.113.1' }] } });
    assert.equal(made.status, 201, made.text);
    const lab = path.join(dir, 'lab.macvlan.yaml');
    const withHandmade = LAB(engine.image).replace('containers:', '  handmade:\n    parent: bond0\n    subnet: 203.0.113.0/26\n    gateway: 203.0.113.1\ncontainers:');
    const plan = await planOf(lab, withHandmade, { prune: true });
    assert.deepEqual(plan.steps, []);
    assert.deepEqual(plan.unchanged.find((u) => u.name === 'handmade')?.state, 'adopted');
    // taken out of the spec again: not this spec's orphan, so --prune leaves it
    const r = await apply(lab, LAB(engine.image), { prune: true });
    assert.deepEqual(r.plan.steps, []);
    assert.equal(await exists('networks', 'handmade'), true);
    await req('DELETE', '/networks/handmade');

    // made by an older macvlan-spec: managed and hashed, but no spec name
    const older = await req('POST', '/networks/create', { Name: 'older', Driver: 'macvlan', CheckDuplicate: true, Options: { parent: 'bond0' }, Labels: { [MANAGED_LABEL]: 'true', [HASH_LABEL]: '0123456789abcdef' }, IPAM: { Config: [{ Subnet: '203.0.113.0/26', Gateway: '203.0.113.1' }] } });
    assert.equal(older.status, 201, older.text);
    const withOlder = withHandmade.replace('  handmade:', '  older:');
    const left = await planOf(lab, withOlder);
    assert.deepEqual(left.steps, []);
    assert.deepEqual(left.unchanged.find((u) => u.name === 'older')?.state, 'legacy');
    const changed = withOlder.replace('gateway: 203.0.113.1', 'gateway: 203.0.113.62');
    const refused = await planOf(lab, changed);
    assert.equal(refused.conflicts[0]?.fix, 'adopt');
    const claimed = await apply(lab, withOlder, { adopt: true });
    assert.equal(claimed.result.error, undefined, claimed.result.error?.describe());
    assert.deepEqual(claimed.plan.steps.map((s) => s.kind), ['recreateNetwork']);
    assert.equal((await net('older')).Labels[SPEC_LABEL], 'lab');
    assert.deepEqual((await planOf(lab, withOlder)).unchanged.find((u) => u.name === 'older')?.state, 'owned');
    const cleanup = await apply(lab, LAB(engine.image), { prune: true });
    assert.equal(cleanup.result.error, undefined);
    assert.equal(await exists('networks', 'older'), false, 'once claimed, it is this spec\'s orphan and --prune removes it');
  });

  it('a lock with our hostname and a dead pid but another machine id is respected while its lease runs, and broken once it ran out', async () => {
    const seed = (lease: string) =>
      req('POST', '/volumes/create', {
        Name: LOCK_VOLUME,
        Labels: {
          'io.macvlan-spec.lock.token': 'seeded',
          'io.macvlan-spec.lock.pid': '999999999',
          'io.macvlan-spec.lock.machine': os.hostname(),
          'io.macvlan-spec.lock.machine-id': 'f'.repeat(32),
          'io.macvlan-spec.lock.lease-ms': lease,
        },
      });
    assert.equal((await seed('600000')).status, 201);
    const lab = path.join(dir, 'lab.macvlan.yaml');
    const changed = LAB(engine.image).replace('192.0.2.11 }', '192.0.2.12 }');
    const plan = await planOf(lab, changed);
    const r = await applyPlan(host, plan, { stopTimeout: 1 });
    assert.equal(r.error?.kind, 'conflict', r.error?.describe());
    assert.match(r.error?.message ?? '', /another apply is running .* taken by pid 999999999 on .* \(machine id ffffffffffff\)/);
    assert.equal((await ctr('labd')).NetworkSettings.Networks.labnet.IPAddress, '192.0.2.11');
    await req('DELETE', `/volumes/${LOCK_VOLUME}`);
    // a lease of 1 s that nobody renews: stale once the daemon's clock passes it
    assert.equal((await seed('1000')).status, 201);
    await new Promise((res) => setTimeout(res, 2100));
    const ok = await applyPlan(host, plan, { stopTimeout: 1 });
    assert.equal(ok.error, undefined, ok.error?.describe());
    assert.match(ok.notes[0], /^removed a stale apply lock \(.*its lease of 1 s was last renewed \d+ s ago \(daemon clock\)\)$/);
    assert.equal((await req('GET', `/volumes/${LOCK_VOLUME}`)).status, 404);
  });

  it('two processes with the same hostname: while one applies, the other is refused and changes nothing', async () => {
    const lab = path.join(dir, 'lab.macvlan.yaml');
    const plan = await planOf(lab, LAB(engine.image));
    assert.ok(plan.steps.length > 0, JSON.stringify(plan));
    let other: { code: number; stdout: string; stderr: string } | undefined;
    const home = path.join(dir, 'home.macvlan.yaml');
    writeFileSync(home, HOME(engine.image).replace('198.51.100.10 }', '198.51.100.11 }'));
    const r = await applyPlan(host, plan, {
      stopTimeout: 1,
      onProgress: async (p) => {
        if (p.phase === 'start' && p.index === 0 && !other) other = await cli(['apply', home, '--docker', engine.dockerHost, '--yes']);
      },
    });
    assert.equal(r.error, undefined, r.error?.describe());
    assert.ok(other);
    assert.equal(other.code, 1, other.stdout + other.stderr);
    assert.match(other.stderr, new RegExp(`apply did not start: another apply is running against ${engine.dockerHost.replace(/[/.]/g, '\\$&')}: the lock \\(volume macvlan-spec-lock\\) is taken by pid ${process.pid} on ${os.hostname()}`));
    assert.equal((await ctr('homec')).NetworkSettings.Networks.homenet.IPAddress, '198.51.100.10', 'the refused apply changed nothing');
  });
});
