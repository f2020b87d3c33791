import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeDrift } from '../../../core/plan/drift';
import { desiredFor } from '../../../core/plan/desired';
import { formatPlan } from '../../../core/plan/format';
import { importSpec } from '../../../core/plan/import';
import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../../../core/observed';
import type { NetworkDef, NetworkDetail, ObservedHostDetail } from '../../../core/plan/types';
import { emptyHost, factsOf, kinds, plan } from './helpers';

const SPEC = `
  version: 1
  name: lab
  hosts: { n1: { docker: "unix:///n1" }, n2: { docker: "unix:///n2" }, n3: { docker: "unix:///n3" } }
  networks:
    sw:
      scope: swarm
      parent: eth1
      subnet: 203.0.113.0/24
      gateway: 203.0.113.1
      ip_range: { n1: 203.0.113.64/27, n2: 203.0.113.96/27, n3: 203.0.113.128/27 }
      labels: { team: infra }
`;
const swarm = { managers: ['n1'] };
const mine = { [MANAGED_LABEL]: 'true', [SPEC_LABEL]: 'lab' };

let seq = 0;
/** A network as Docker 20.10 reports what apply created from `def`. */
function asDocker(def: NetworkDef): NetworkDetail {
  const id = `id${++seq}`;
  if (def.scope === 'swarm') return { id, name: def.name, driver: def.driver, options: {}, ipam: [], enableIPv6: false, internal: def.internal, labels: {}, containers: [], scope: 'swarm', configFrom: def.configFrom, attachable: def.attachable };
  return { id, name: def.name, driver: 'null', options: { ...def.options }, ipam: def.ipam, enableIPv6: def.enableIPv6, internal: false, labels: { ...def.labels }, containers: [], configOnly: true };
}
const applied = (yaml: string, host: string): ObservedHostDetail => ({ ...emptyHost(), networks: desiredFor(factsOf(yaml), host, swarm).networks.map(asDocker) });

describe('planner: scope swarm', () => {
  it('a manager gets its config-only network, then the swarm network made from it', () => {
    const p = plan(SPEC, emptyHost(), 'n1', { swarm });
    assert.deepEqual(kinds(p), ['createNetwork sw-config', 'createNetwork sw']);
    const [co, sw] = p.steps.map((s) => (s.kind === 'createNetwork' ? s.def : undefined));
    assert.equal(co?.configOnly, true);
    assert.equal(co?.internal, false);
    assert.deepEqual(co?.options, { parent: 'eth1', macvlan_mode: 'bridge' });
    assert.deepEqual(co?.ipam, [{ subnet: '203.0.113.0/24', gateway: '203.0.113.1', ipRange: '203.0.113.64/27', aux: {} }]);
    assert.equal(co?.labels.team, 'infra');
    assert.equal(co?.labels[SPEC_LABEL], 'lab');
    assert.ok(co?.labels[HASH_LABEL]);
    assert.deepEqual(sw, { name: 'sw', driver: 'macvlan', options: {}, ipam: [], enableIPv6: false, internal: false, labels: {}, scope: 'swarm', attachable: true, configFrom: 'sw-config' });
    const text = formatPlan(p);
    assert.match(text, /\+ create\s+sw-config\s+config-only: macvlan bridge on eth1 · 203\.0\.113\.0\/24 gateway 203\.0\.113\.1 ip_range 203\.0\.113\.64\/27 · labels team=infra/);
    assert.match(text, /\+ create\s+sw\s+swarm network: macvlan --config-from sw-config · attachable/);
  });

  it('a worker gets only its own config-only network, with its own slice, and leaves the swarm instance alone', () => {
    const instance: NetworkDetail = { id: 'inst', name: 'sw', driver: 'macvlan', options: { parent: 'eth1' }, ipam: [{ subnet: '203.0.113.0/24', gateway: '203.0.113.1', ipRange: '203.0.113.96/27', aux: {} }], enableIPv6: false, internal: false, labels: {}, containers: [], scope: 'swarm', configFrom: 'sw-config', attachable: true };
    const p = plan(SPEC, emptyHost(), 'n2', { swarm });
    assert.deepEqual(kinds(p), ['createNetwork sw-config']);
    const def = p.steps[0].kind === 'createNetwork' ? p.steps[0].def : undefined;
    assert.equal(def?.ipam[0].ipRange, '203.0.113.96/27');
    // after apply and a task: the worker shows the swarm network too; nothing to do, no orphan, no pool conflict
    const after = plan(SPEC, { ...applied(SPEC, 'n2'), networks: [...applied(SPEC, 'n2').networks, instance] }, 'n2', { swarm, prune: true });
    assert.deepEqual(after.steps, []);
    assert.deepEqual([after.conflicts, after.orphans], [[], []]);
    assert.deepEqual(after.unchanged.map((u) => `${u.name} ${u.state}`), ['sw-config owned']);
  });

  it('nothing to do once applied, as Docker reports the two halves (config-only driver "null", swarm network without labels)', () => {
    const p = plan(SPEC, applied(SPEC, 'n1'), 'n1', { swarm });
    assert.deepEqual(p.steps, []);
    assert.deepEqual(p.unchanged.map((u) => `${u.name} ${u.state}`), ['sw-config owned', 'sw owned']);
  });

  it('drift: internal recreates the swarm network only; a changed slice recreates that node\'s config-only network', () => {
    const internal = plan(SPEC.replace('scope: swarm', 'scope: swarm\n      internal: true'), applied(SPEC, 'n1'), 'n1', { swarm });
    assert.deepEqual(kinds(internal), ['recreateNetwork sw']);
    assert.deepEqual(internal.steps[0].kind === 'recreateNetwork' && internal.steps[0].reasons, ['internal false → true']);
    const moved = SPEC.replace('n2: 203.0.113.96/27', 'n2: 203.0.113.160/27');
    assert.deepEqual(kinds(plan(moved, applied(SPEC, 'n1'), 'n1', { swarm })), []);
    const n2 = plan(moved, applied(SPEC, 'n2'), 'n2', { swarm });
    assert.deepEqual(kinds(n2), ['recreateNetwork sw-config']);
    assert.match(formatPlan(n2), /~ recreate\s+sw-config\s+config-only network: ip_range 203\.0\.113\.96\/27 → 203\.0\.113\.160\/27/);
  });

  it('removal: orphans without --prune; with it the swarm network goes before the config-only network, on the first manager only', () => {
    const gone = SPEC.slice(0, SPEC.indexOf('  networks:'));
    const kept = plan(gone, applied(SPEC, 'n1'), 'n1', { swarm });
    assert.deepEqual(kept.orphans.map((o) => o.name), ['sw', 'sw-config']);
    const pruned = plan(gone, applied(SPEC, 'n1'), 'n1', { swarm, prune: true });
    assert.deepEqual(kinds(pruned), ['removeNetwork sw', 'removeNetwork sw-config']);
    assert.deepEqual(pruned.steps.map((s) => s.kind === 'removeNetwork' && s.part), ['swarm', 'config-only']);
    assert.match(formatPlan(pruned), /- remove\s+sw\s+swarm network: this spec's network, no longer in the spec/);
    // a second manager sees the swarm network too, but only the first removes it
    const second = plan(gone, applied(SPEC, 'n2'), 'n2', { swarm: { managers: ['n1', 'n2'] }, prune: true });
    assert.deepEqual(kinds(second), ['removeNetwork sw-config']);
  });

  it('ownership: a swarm network is whoever owns the config-only network it names', () => {
    const theirs = applied(SPEC, 'n1');
    theirs.networks[0].labels = { ...mine, [SPEC_LABEL]: 'other' };
    const p = plan(SPEC, theirs, 'n1', { swarm });
    assert.deepEqual(p.conflicts.map((c) => c.name), ['sw-config', 'sw']);
    assert.match(p.conflicts[1].message, /network sw \(id id\d+\) belongs to spec other/);
    // a swarm network made by hand from a config-only network that is not ours: left alone when it matches (adopted)
    const hand = applied(SPEC, 'n1');
    hand.networks[0].labels = {};
    assert.deepEqual(plan(SPEC.replace('labels: { team: infra }', ''), hand, 'n1', { swarm }).unchanged.map((u) => `${u.name} ${u.state}`), ['sw-config adopted', 'sw adopted']);
  });

  it('who makes the swarm network: the first manager among the network\'s hosts; without a word from the others, this host if it is a manager', () => {
    assert.deepEqual(kinds(plan(SPEC, emptyHost(), 'n2', { swarm: { managers: ['n2', 'n3'] } })), ['createNetwork sw-config', 'createNetwork sw']);
    assert.deepEqual(kinds(plan(SPEC, emptyHost(), 'n3', { swarm: { managers: ['n2', 'n3'] } })), ['createNetwork sw-config']);
    const manager = { ...emptyHost(), swarm: { state: 'active', nodeId: 'x', manager: true, clusterId: 'c', managers: ['x'] } };
    assert.deepEqual(kinds(plan(SPEC, manager, 'n3')), ['createNetwork sw-config', 'createNetwork sw']);
    assert.deepEqual(kinds(plan(SPEC, { ...manager, swarm: { ...manager.swarm, manager: false } }, 'n3')), ['createNetwork sw-config']);
  });

  it('drift in the editor: the worker instance of the spec\'s swarm network is in sync, managed on a manager', () => {
    const instance: NetworkDetail = { id: 'inst', name: 'sw', driver: 'macvlan', options: {}, ipam: [], enableIPv6: false, internal: false, labels: {}, containers: [], scope: 'swarm', configFrom: 'sw-config' };
    const d = computeDrift(factsOf(SPEC), 'n2', [...applied(SPEC, 'n2').networks, instance], swarm);
    assert.equal(d.byId.inst.label, 'in sync (swarm)');
    assert.equal(d.counts.inSync, 2);
    const m = computeDrift(factsOf(SPEC), 'n1', [], swarm);
    assert.deepEqual(m.onlyInSpec.map((o) => o.def.name), ['sw-config', 'sw']);
  });
});

describe('planner: a config-only network in use on its node', () => {
  const instance = (ipam: NetworkDetail['ipam']): NetworkDetail => ({ id: 'inst', name: 'sw', driver: 'macvlan', options: { parent: 'eth1' }, ipam, enableIPv6: false, internal: false, labels: {}, containers: [], scope: 'swarm', configFrom: 'sw-config', attachable: true });
  const used = instance([{ subnet: '203.0.113.0/24', gateway: '203.0.113.1', ipRange: '203.0.113.96/27', aux: {} }]);

  it('is a conflict, not a failed step, when it would be recreated or removed while the swarm network is instantiated there', () => {
    const moved = SPEC.replace('n2: 203.0.113.96/27', 'n2: 203.0.113.160/27');
    const host = { ...applied(SPEC, 'n2'), networks: [...applied(SPEC, 'n2').networks, used] };
    const p = plan(moved, host, 'n2', { swarm });
    assert.deepEqual(p.steps, []);
    assert.equal(p.conflicts.length, 1);
    assert.match(p.conflicts[0].message, /^config-only network sw-config must be recreated \(ip_range 203\.0\.113\.96\/27 → 203\.0\.113\.160\/27\), but swarm network sw, made from it, is in use on this node/);
    const gone = SPEC.slice(0, SPEC.indexOf('  networks:'));
    assert.match(plan(gone, host, 'n2', { swarm, prune: true }).conflicts[0]?.message ?? '', /must be removed, but swarm network sw/);
  });

  it('near misses: not instantiated (no IPAM yet), or the swarm network goes first in the same plan', () => {
    const moved = SPEC.replace('n1: 203.0.113.64/27', 'n1: 203.0.113.192/27');
    const idle = { ...applied(SPEC, 'n1') };
    assert.deepEqual(kinds(plan(moved, idle, 'n1', { swarm })), ['recreateNetwork sw-config']);
    const n1 = applied(SPEC, 'n1');
    n1.networks[1].ipam = used.ipam;
    const gone = SPEC.slice(0, SPEC.indexOf('  networks:'));
    assert.deepEqual(kinds(plan(gone, n1, 'n1', { swarm, prune: true })), ['removeNetwork sw', 'removeNetwork sw-config']);
  });
});

describe('import: a swarm network and its config-only network', () => {
  it('imports as scope: swarm, and plans nothing against the same host', () => {
    const one = `
      version: 1
      name: lab
      networks:
        sw: { scope: swarm, parent: eth1, subnet: 203.0.113.0/24, gateway: 203.0.113.1, ip_range: 203.0.113.64/27, internal: true, labels: { team: infra } }
    `;
    const host = { ...emptyHost(), networks: desiredFor(factsOf(one), 'local', { managers: ['local'] }).networks.map(asDocker) };
    const r = importSpec(host);
    assert.deepEqual(r.skipped, []);
    assert.match(r.text, /networks:\n {2}sw:\n {4}driver: macvlan\n {4}parent: eth1\n {4}subnet: 203\.0\.113\.0\/24\n {4}gateway: 203\.0\.113\.1\n {4}ip_range: 203\.0\.113\.64\/27\n {4}internal: true\n {4}labels:\n {6}team: infra\n {4}scope: swarm\n/);
    assert.deepEqual(plan(r.text, host, 'local', { swarm: { managers: ['local'] } }).steps, []);
    // a worker's instance without its config-only network is left out, and says so
    const alone = importSpec({ ...emptyHost(), networks: [{ ...host.networks[1], configFrom: 'elsewhere' }] });
    assert.deepEqual(alone.skipped, ['network sw: a swarm network whose config-only network elsewhere is not on this host']);
  });
});
