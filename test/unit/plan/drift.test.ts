import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeDrift, driftSummary } from '../../../core/plan/drift';
import { factsOf, hostAfterApply } from './helpers';
import { BRIDGE, net } from '../client/docker/fixtures';

const SPEC = `
  version: 1
  hosts:
    lab1: { docker: "unix:///run/lab1.sock" }
    lab2: { docker: "unix:///run/lab2.sock" }
  networks:
    lan:
      parent: eth0
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      ip_range: { lab1: 192.0.2.64/26, lab2: 192.0.2.128/26 }
    lab:
      parent: eth1
      subnet: 198.51.100.0/24
      gateway: 198.51.100.1
      hosts: [lab1]
    edge:
      parent: eth2
      subnet: 203.0.113.0/24
      gateway: 203.0.113.1
      hosts: [lab2]
`;

test('a host as apply leaves it is in sync everywhere', () => {
  const host = hostAfterApply(SPEC, 'lab1');
  const r = computeDrift(factsOf(SPEC), 'lab1', [...host.networks, BRIDGE()]);
  assert.deepEqual(Object.values(r.byId).map((d) => d.state), ['inSync', 'inSync']);
  assert.deepEqual(r.onlyInSpec, []);
  assert.equal(driftSummary(r), '2 in sync');
});

test('differs, only in spec, only on host: what apply would do, per network', () => {
  const facts = factsOf(SPEC);
  const [lan] = hostAfterApply(SPEC, 'lab1').networks;
  const changed = { ...lan, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/26', aux: {} }] };
  // Managed, but the spec puts it on lab2 only.
  const edge = hostAfterApply(SPEC, 'lab2').networks.find((n) => n.name === 'edge')!;
  const stray = net('old', { options: { parent: 'eth3' }, labels: { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'default' } });
  const older = net('older', { options: { parent: 'eth4' }, labels: { 'io.macvlan-spec.managed': 'true' } });
  const otherSpec = net('lab-net', { options: { parent: 'eth5' }, labels: { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'lab' } });
  const foreign = net('theirs', { options: { parent: 'eth3' }, ipam: [{ subnet: '10.9.0.0/16', aux: {} }] });
  const bridge = BRIDGE();
  const r = computeDrift(facts, 'lab1', [changed, edge, stray, older, otherSpec, foreign, bridge]);
  const by = (id: string) => r.byId[id];
  assert.equal(by(changed.id)?.state, 'differs');
  assert.deepEqual(by(changed.id)?.reasons, ['ip_range 192.0.2.128/26 → 192.0.2.64/26']);
  assert.equal(by(changed.id)?.action, 'apply recreates it');
  assert.equal(by(edge.id)?.state, 'orphan');
  assert.equal(by(edge.id)?.action, "this spec's network, which the spec now puts on other hosts only: apply keeps it; Apply and Remove (apply --prune) removes it");
  assert.equal(by(stray.id)?.state, 'orphan');
  assert.equal(by(stray.id)?.action, "this spec's network, no longer in the spec: apply keeps it; Apply and Remove (apply --prune) removes it");
  assert.equal(by(older.id)?.action, "made by an older macvlan-spec (no spec name on it): this spec's apply never touches it");
  assert.equal(by(otherSpec.id)?.action, "made by spec lab: this spec's apply never touches it");
  assert.equal(by(foreign.id)?.state, 'onlyOnHost');
  assert.equal(by(foreign.id)?.action, 'not created by macvlan-spec: apply never touches it');
  assert.equal(by(bridge.id), undefined, 'other drivers are not compared');
  assert.deepEqual(r.onlyInSpec.map((s) => [s.def.name, s.drift.state]), [['lab', 'onlyInSpec']]);
  assert.equal(driftSummary(r), '1 differs, 2 orphans, 3 only on host, 1 only in spec');
});

test('a network made by hand: in sync when it matches, a conflict when it differs', () => {
  const facts = factsOf(SPEC);
  const [lan, lab] = hostAfterApply(SPEC, 'lab1').networks;
  const same = { ...lan, labels: {} };
  const other = { ...lab, labels: {}, options: { ...lab.options, parent: 'eth9' } };
  const r = computeDrift(facts, 'lab1', [same, other]);
  assert.equal(r.byId[same.id]?.state, 'inSync');
  assert.equal(r.byId[same.id]?.label, 'adopted');
  assert.match(r.byId[same.id]?.action ?? '', /not created by macvlan-spec, but matches the spec: adopted as it is — apply never recreates or removes it/);
  assert.equal(r.byId[other.id]?.state, 'conflict');
  assert.match(r.byId[other.id]?.reasons[0] ?? '', /was not created by macvlan-spec, and differs from the spec \(parent eth9 → eth1\)/);
});

test('two networks of one name both show the conflict', () => {
  const facts = factsOf(SPEC);
  const [lan] = hostAfterApply(SPEC, 'lab1').networks;
  const twin = { ...lan, id: 'f'.repeat(64) };
  const r = computeDrift(facts, 'lab1', [lan, twin]);
  assert.deepEqual([r.byId[lan.id]?.state, r.byId[twin.id]?.state], ['conflict', 'conflict']);
});

test('a network as the spec says whose containers are not: "containers differ", with each container placed', () => {
  const spec = `
    version: 1
    networks:
      lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      probe: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.10 } } }
      web: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.20 } } }
  `;
  const host = hostAfterApply(spec);
  const [lan] = host.networks;
  lan.containers.push({ id: 'x'.repeat(64), name: 'stray', ipv4: '192.0.2.99' });
  const withStray = computeDrift(factsOf(spec), 'local', host.networks);
  assert.equal(withStray.byId[lan.id]?.state, 'inSync', 'a container apply leaves alone is no difference of the network');
  assert.deepEqual(withStray.byEndpoint[`${lan.id}/stray`], { container: 'stray', state: 'onlyOnHost', label: 'not in the spec for this network' });
  lan.containers.pop();
  const r0 = computeDrift(factsOf(spec), 'local', host.networks);
  assert.equal(r0.byId[lan.id]?.state, 'inSync');
  assert.deepEqual(Object.values(r0.byEndpoint).map((e) => [e.container, e.state]), [['probe', 'inSync'], ['web', 'inSync']]);

  // the spec moves probe to .11 and drops web; web was never started here
  const moved = spec.replace('192.0.2.10', '192.0.2.11').replace(/ {6}web:.*\n/, '      db: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.30 } } }\n');
  const r = computeDrift(factsOf(moved), 'local', host.networks);
  const d = r.byId[lan.id];
  assert.equal(d?.state, 'differs');
  assert.equal(d?.label, 'containers differ (probe: 192.0.2.10 → 192.0.2.11, +1)');
  assert.deepEqual(d?.reasons, ['probe: 192.0.2.10 → 192.0.2.11', 'db is not on it']);
  assert.deepEqual(r.byEndpoint[`${lan.id}/probe`], { container: 'probe', state: 'differs', label: 'differs: 192.0.2.10 → 192.0.2.11' });
  assert.deepEqual(r.byEndpoint[`${lan.id}/db`], { container: 'db', state: 'missing', label: 'not on lan (apply puts it at 192.0.2.30)' });
  assert.equal(r.byEndpoint[`${lan.id}/web`]?.state, 'onlyOnHost');
});
