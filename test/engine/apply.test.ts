// Apply against the real engine (docker.io 20.10 in a netns): networks and containers are read
// back through the raw Engine API, not through our own adapter.
// Run: node scripts/run-node-tests.mjs test/engine
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../core/check';
import { HASH_LABEL, MANAGED_LABEL } from '../../core/observed';
import { importSpec } from '../../core/plan/import';
import { isEmptyPlan, planApply, type PlanOptions } from '../../core/plan/plan';
import type { Plan } from '../../core/plan/types';
import { applyPlan, type ApplyResult } from '../../docker/apply';
import { openDockerHost } from '../../docker/dockerodeHost';
import { observeDetail } from '../../docker/observe';
import type { DockerHost } from '../../docker/types';
import { type Engine, engineRequest, startEngine } from './engine';

interface NetJson {
  Id: string;
  Driver: string;
  EnableIPv6: boolean;
  Options: Record<string, string>;
  Labels: Record<string, string>;
  IPAM: { Config: { Subnet: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[] };
}
interface CtrJson {
  Id: string;
  State: { Running: boolean };
  Config: { Labels: Record<string, string>; Cmd: string[]; Env: string[]; StopTimeout?: number };
  HostConfig: { NetworkMode: string; RestartPolicy: { Name: string } };
  NetworkSettings: { Networks: Record<string, { IPAddress: string; GlobalIPv6Address: string; MacAddress: string; IPAMConfig: { IPv4Address?: string } | null }> };
}

/** Two networks, four containers; `front` takes its subnet as a parameter (the recreate test moves it). */
function spec(image: string, front = '192.0.2'): string {
  return `version: 1
networks:
  front:
    parent: eth0
    subnet: ${front}.0/24
    gateway: ${front}.1
    ip_range: ${front}.128/25
    aux_addresses: { router2: ${front}.2 }
    labels: { team: web }
  back:
    parent: eth1
    subnet: 198.51.100.0/24
    gateway: 198.51.100.1
    ipv6: { subnet: "2001:db8:51::/64", gateway: "2001:db8:51::1" }
containers:
  web:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      front: { ipv4_address: ${front}.10, mac_address: "02:00:c0:00:02:0a" }
      back: { ipv4_address: 198.51.100.10, ipv6_address: "2001:db8:51::10" }
  api:
    image: ${image}
    command: sleep 3600
    networks:
      front: { ipv4_address: ${front}.11 }
  db:
    image: ${image}
    command: [sleep, "3600"]
    env: { ROLE: primary }
    restart: unless-stopped
    networks:
      back: { ipv4_address: 198.51.100.20 }
  worker:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      front:
`;
}

/** The spec without `back` and `db`. */
function smallerSpec(image: string): string {
  return spec(image, '203.0.113')
    .replace(/ {2}back:\n(?: {4}.*\n)+/, '')
    .replace(/ {2}db:\n(?: {4}.*\n)+/, '')
    .replace('      back: { ipv4_address: 198.51.100.10, ipv6_address: "2001:db8:51::10" }\n', '');
}

describe('apply against a real engine (docker.io 20.10)', () => {
  let engine: Engine;
  let host: DockerHost;
  const req = <T>(method: string, p: string, body?: unknown) => engineRequest<T>(engine.socketPath, method, p, body);
  const net = async (name: string) => (await req<NetJson>('GET', `/networks/${name}`)).json!;
  const ctr = async (name: string) => (await req<CtrJson>('GET', `/containers/${name}/json`)).json!;

  async function planOf(yaml: string, opts: PlanOptions = {}): Promise<Plan> {
    const checked = checkText(yaml);
    assert.deepEqual(checked.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`), []);
    const observed = await observeDetail(host, { images: checked.facts.model.containers.map((c) => c.image?.value ?? '') });
    return planApply(checked.facts, 'local', observed, opts);
  }

  async function apply(yaml: string, opts: PlanOptions = {}): Promise<{ plan: Plan; result: ApplyResult; ms: number }> {
    const plan = await planOf(yaml, opts);
    const t0 = performance.now();
    const result = await applyPlan(host, plan, { stopTimeout: 1 });
    const ms = Math.round(performance.now() - t0);
    assert.equal(result.error, undefined, result.error?.describe());
    return { plan, result, ms };
  }

  before(async () => {
    engine = await startEngine({ parents: ['eth0', 'eth1', 'eth2', 'bond0'] });
    host = openDockerHost({ url: engine.dockerHost, kind: 'unix', source: 'flag', socketPath: engine.socketPath });
  });
  after(async () => {
    host?.close();
    await engine?.stop();
  });

  it('creates two networks and four containers exactly as the spec says', async () => {
    const { plan, result, ms } = await apply(spec(engine.image));
    console.log(`apply: ${plan.steps.length} steps (2 networks, 4 containers) in ${ms} ms`);
    assert.equal(result.done.length, 6);

    const front = await net('front');
    assert.equal(front.Driver, 'macvlan');
    assert.deepEqual(front.Options, { parent: 'eth0', macvlan_mode: 'bridge' });
    assert.deepEqual(front.IPAM.Config, [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1', IPRange: '192.0.2.128/25', AuxiliaryAddresses: { router2: '192.0.2.2' } }]);
    assert.equal(front.Labels.team, 'web');
    assert.equal(front.Labels[MANAGED_LABEL], 'true');
    assert.match(front.Labels[HASH_LABEL], /^[0-9a-f]{16}$/);
    assert.equal(front.EnableIPv6, false);
    const back = await net('back');
    assert.deepEqual(back.Options, { parent: 'eth1', macvlan_mode: 'bridge' });
    assert.deepEqual(back.IPAM.Config, [
      { Subnet: '198.51.100.0/24', Gateway: '198.51.100.1' },
      { Subnet: '2001:db8:51::/64', Gateway: '2001:db8:51::1' },
    ]);
    assert.equal(back.EnableIPv6, true);

    const web = await ctr('web');
    assert.equal(web.State.Running, true);
    assert.equal(web.HostConfig.NetworkMode, 'front');
    assert.deepEqual(web.Config.Cmd, ['sleep', '3600']);
    assert.equal(web.Config.StopTimeout, 1);
    assert.equal(web.Config.Labels[MANAGED_LABEL], 'true');
    assert.equal(web.NetworkSettings.Networks.front.IPAddress, '192.0.2.10');
    assert.equal(web.NetworkSettings.Networks.front.MacAddress, '02:00:c0:00:02:0a');
    assert.equal(web.NetworkSettings.Networks.back.IPAddress, '198.51.100.10');
    assert.equal(web.NetworkSettings.Networks.back.GlobalIPv6Address, '2001:db8:51::10');
    assert.equal((await ctr('api')).NetworkSettings.Networks.front.IPAddress, '192.0.2.11');
    const db = await ctr('db');
    assert.equal(db.NetworkSettings.Networks.back.IPAddress, '198.51.100.20');
    assert.deepEqual(db.Config.Env, ['ROLE=primary']);
    assert.equal(db.HostConfig.RestartPolicy.Name, 'unless-stopped');
    // dynamic: the first address of the ip_range
    const worker = await ctr('worker');
    assert.equal(worker.NetworkSettings.Networks.front.IPAddress, '192.0.2.128');
    assert.equal(worker.NetworkSettings.Networks.front.IPAMConfig, null);
  });

  it('plans nothing the second time', async () => {
    const t0 = performance.now();
    const plan = await planOf(spec(engine.image));
    console.log(`observe + plan of an applied host: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(plan.steps, []);
    assert.ok(isEmptyPlan(plan));
    assert.equal(plan.unchanged.length, 6);
  });

  it('recreates a network whose subnet changed and reconnects its containers at their new addresses', async () => {
    const oldId = (await net('front')).Id;
    const { plan, ms } = await apply(spec(engine.image, '203.0.113'));
    console.log(`recreate of a network with 3 containers: ${ms} ms`);
    assert.deepEqual(plan.steps.map((s) => s.kind), ['recreateNetwork']);
    const step = plan.steps[0];
    assert.ok(step.kind === 'recreateNetwork');
    assert.deepEqual(step.reasons, [
      'subnet 192.0.2.0/24 → 203.0.113.0/24',
      'gateway 192.0.2.1 → 203.0.113.1',
      'ip_range 192.0.2.128/25 → 203.0.113.128/25',
      'aux_addresses { router2: 192.0.2.2 } → { router2: 203.0.113.2 }',
    ]);
    const front = await net('front');
    assert.notEqual(front.Id, oldId);
    assert.deepEqual(front.IPAM.Config, [{ Subnet: '203.0.113.0/24', Gateway: '203.0.113.1', IPRange: '203.0.113.128/25', AuxiliaryAddresses: { router2: '203.0.113.2' } }]);
    const web = await ctr('web');
    assert.equal(web.State.Running, true);
    assert.equal(web.NetworkSettings.Networks.front.IPAddress, '203.0.113.10');
    assert.equal(web.NetworkSettings.Networks.front.MacAddress, '02:00:c0:00:02:0a');
    assert.equal(web.NetworkSettings.Networks.back.IPAddress, '198.51.100.10', 'its other network is untouched');
    assert.equal((await ctr('api')).NetworkSettings.Networks.front.IPAddress, '203.0.113.11');
    assert.equal((await ctr('worker')).NetworkSettings.Networks.front.IPAddress, '203.0.113.128');
    assert.deepEqual((await planOf(spec(engine.image, '203.0.113'))).steps, []);
  });

  it("removes this spec's network that left it only with --prune, and leaves an unmanaged one alone", async () => {
    const unmanaged = await req<{ Id: string }>('POST', '/networks/create', {
      Name: 'legacy',
      Driver: 'macvlan',
      CheckDuplicate: true,
      Options: { parent: 'eth2' },
      IPAM: { Config: [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1' }] },
    });
    assert.equal(unmanaged.status, 201, unmanaged.text);
    const smaller = smallerSpec(engine.image);
    const kept = await apply(smaller);
    assert.deepEqual(kept.plan.steps.map((s) => s.kind), ['disconnect']);
    assert.deepEqual(kept.plan.orphans.map((o) => `${o.kind} ${o.name}`), ['network back', 'container db']);
    assert.equal((await req('GET', '/networks/back')).status, 200, 'an orphan stays without --prune');
    assert.equal((await ctr('db')).State.Running, true);
    const { plan } = await apply(smaller, { prune: true });
    assert.deepEqual(plan.steps.map((s) => s.kind), ['removeContainer', 'removeNetwork']);
    const rm = plan.steps[1];
    assert.ok(rm.kind === 'removeNetwork');
    assert.deepEqual(rm.detach.map((d) => d.container), ['db']);
    assert.equal((await req('GET', '/networks/back')).status, 404);
    // By exact name: GET /containers/db/json falls back to an ID prefix, and "db" is hex (a
    // container whose ID starts with db answered 200 in one CI run).
    const named = await req<{ Names: string[] }[]>('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: ['^/db$'] }))}`);
    assert.deepEqual(named.json, []);
    const legacy = await net('legacy');
    assert.equal(legacy.Id, unmanaged.json?.Id);
    assert.deepEqual(legacy.IPAM.Config, [{ Subnet: '192.0.2.0/24', Gateway: '192.0.2.1' }]);
    assert.deepEqual(Object.keys((await ctr('web')).NetworkSettings.Networks), ['front']);
    assert.deepEqual((await planOf(smaller)).steps, []);
    assert.deepEqual((await planOf(smaller)).orphans, []);
  });

  it('imports what it applied, and the import plans nothing against the same host', async () => {
    const observed = await observeDetail(host);
    const r = importSpec(observed, { header: 'round trip' });
    assert.deepEqual(r.networks, ['front', 'legacy']);
    assert.deepEqual(r.containers, ['api', 'web', 'worker']);
    assert.match(r.text, /\n {2}front:\n {4}driver: macvlan\n {4}parent: eth0\n {4}subnet: 203\.0\.113\.0\/24\n/);
    assert.match(r.text, /\n {6}front: \{ ipv4_address: 203\.0\.113\.10, mac_address: "02:00:c0:00:02:0a" \}\n/);
    assert.match(r.text, /\n {2}worker:\n {4}image: macvlan-test\/busybox:latest\n {4}networks:\n {6}front:\n {4}command: \[ sleep, "3600" \]\n/);
    const checked = checkText(r.text);
    assert.deepEqual(checked.findings.filter((f) => f.severity === 'error').map((f) => f.message), []);
    const plan = planApply(checked.facts, 'local', await observeDetail(host));
    assert.deepEqual(plan.steps, [], r.text);
    assert.deepEqual(plan.conflicts, []);
    assert.deepEqual(plan.unchanged.filter((u) => u.state !== 'owned').map((u) => u.name), ['legacy']);
  });

  it('fails clearly on an image it cannot pull (no registry here), leaving nothing behind', async () => {
    const yaml = smallerSpec(engine.image)
      .replace('networks:\n', 'networks:\n  side:\n    parent: bond0\n    subnet: 198.51.100.0/24\n    gateway: 198.51.100.1\n')
      .replace('containers:\n', 'containers:\n  ghost:\n    image: localhost:1/missing:1.0\n    networks:\n      side: { ipv4_address: 198.51.100.5 }\n');
    const plan = await planOf(yaml);
    const create = plan.steps.find((s) => s.kind === 'createContainer');
    assert.ok(create && create.kind === 'createContainer' && create.pull, 'the plan says it will pull');
    const r = await applyPlan(host, plan, { stopTimeout: 1 });
    assert.equal(r.error?.kind, 'rejected');
    assert.match(r.error?.message ?? '', new RegExp(`^image localhost:1/missing:1\\.0 is not on ${engine.dockerHost.replace(/[/.]/g, '\\$&')} and pulling it failed: .*connection refused`));
    assert.match(r.error?.hint ?? '', /docker load/);
    assert.deepEqual(r.done.map((s) => s.kind), ['createNetwork'], 'the network before it stays: it is complete');
    assert.equal((await req('GET', '/containers/ghost/json')).status, 404);
  });
});
