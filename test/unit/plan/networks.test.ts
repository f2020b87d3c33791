import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyPlan } from '../../../core/plan/plan';
import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../../../core/observed';
import type { NetworkDetail, Step } from '../../../core/plan/types';
import { emptyHost, hostAfterApply, kinds, plan } from './helpers';

const SPEC = `
  version: 1
  networks:
    vlan10:
      parent: eth0
      vlan: 10
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      ip_range: 192.0.2.128/25
      aux_addresses: { switch: 192.0.2.2 }
      ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" }
      labels: { team: data }
    l2:
      driver: ipvlan
      parent: eth1
      ipvlan_flag: private
      subnet: 198.51.100.0/24
      gateway: 198.51.100.1
  containers:
    db:
      image: postgres:16
      networks:
        vlan10: { ipv4_address: 192.0.2.10, ipv6_address: "2001:db8:10::10" }
    web:
      image: nginx:alpine
      networks:
        vlan10:
`;

const step = <K extends Step['kind']>(steps: Step[], kind: K, name: string): Extract<Step, { kind: K }> => {
  const s = steps.find((x) => x.kind === kind && ('network' in x ? x.network : x.container) === name);
  assert.ok(s, `no ${kind} ${name} in ${steps.map((x) => x.kind).join(', ')}`);
  return s as Extract<Step, { kind: K }>;
};

const net = (obs: { networks: NetworkDetail[] }, name: string) => obs.networks.find((n) => n.name === name)!;

describe('planApply: networks', () => {
  it('creates every network of an empty host with the Docker-level definition', () => {
    const p = plan(SPEC, emptyHost());
    assert.deepEqual(kinds(p), ['createNetwork vlan10', 'createNetwork l2', 'createContainer db', 'createContainer web']);
    const def = step(p.steps, 'createNetwork', 'vlan10').def;
    assert.equal(def.driver, 'macvlan');
    assert.deepEqual(def.options, { parent: 'eth0.10', macvlan_mode: 'bridge' });
    assert.deepEqual(def.ipam, [
      { subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25', aux: { switch: '192.0.2.2' } },
      { subnet: '2001:db8:10::/64', gateway: '2001:db8:10::1', ipRange: undefined, aux: {} },
    ]);
    assert.equal(def.enableIPv6, true);
    assert.equal(def.internal, false);
    assert.equal(def.labels.team, 'data');
    assert.equal(def.labels[MANAGED_LABEL], 'true');
    assert.match(def.labels[HASH_LABEL], /^[0-9a-f]{16}$/);
    const l2 = step(p.steps, 'createNetwork', 'l2').def;
    assert.deepEqual(l2.options, { parent: 'eth1', ipvlan_mode: 'l2', ipvlan_flag: 'private' });
    assert.equal(l2.enableIPv6, false);
    assert.deepEqual(p.conflicts, []);
  });

  it('plans nothing for the host apply leaves behind', () => {
    const p = plan(SPEC, hostAfterApply(SPEC));
    assert.deepEqual(p.steps, []);
    assert.ok(isEmptyPlan(p));
    assert.deepEqual(p.unchanged.map((u) => `${u.kind} ${u.name}`), ['network vlan10', 'network l2', 'container db', 'container web']);
  });

  it('recreates a network whose subnet changed, reconnecting its containers at their new addresses', () => {
    const host = hostAfterApply(SPEC);
    const changed = SPEC.replace(/192\.0\.2\./g, '203.0.113.');
    const p = plan(changed, host);
    assert.deepEqual(kinds(p), ['recreateNetwork vlan10']);
    const r = step(p.steps, 'recreateNetwork', 'vlan10');
    assert.deepEqual(r.reasons, [
      'subnet 192.0.2.0/24 → 203.0.113.0/24',
      'gateway 192.0.2.1 → 203.0.113.1',
      'ip_range 192.0.2.128/25 → 203.0.113.128/25',
      'aux_addresses { switch: 192.0.2.2 } → { switch: 203.0.113.2 }',
    ]);
    assert.equal(r.old.id, net(host, 'vlan10').id);
    assert.deepEqual(
      r.reattach.map((m) => [m.container, m.old, m.next]),
      [
        ['db', { network: 'vlan10', ipv4: '192.0.2.10', ipv6: '2001:db8:10::10' }, { network: 'vlan10', ipv4: '203.0.113.10', ipv6: '2001:db8:10::10', mac: undefined }],
        ['web', { network: 'vlan10', ipv4: undefined, ipv6: undefined }, { network: 'vlan10', ipv4: undefined, ipv6: undefined, mac: undefined }],
      ],
    );
    assert.notEqual(r.def.labels[HASH_LABEL], net(host, 'vlan10').labels[HASH_LABEL]);
  });

  it('recreates for a changed gateway and names only that field', () => {
    const p = plan(SPEC.replace('gateway: 192.0.2.1', 'gateway: 192.0.2.254'), hostAfterApply(SPEC));
    assert.deepEqual(step(p.steps, 'recreateNetwork', 'vlan10').reasons, ['gateway 192.0.2.1 → 192.0.2.254']);
  });

  it('recreates for parent, mode, ipvlan_flag and label changes', () => {
    const changed = SPEC.replace('vlan: 10', 'vlan: 11').replace('ipvlan_flag: private', 'ipvlan_flag: bridge').replace('team: data', 'team: ops');
    const p = plan(changed, hostAfterApply(SPEC));
    assert.deepEqual(step(p.steps, 'recreateNetwork', 'vlan10').reasons, ['parent eth0.10 → eth0.11', 'labels { team: data } → { team: ops }']);
    assert.deepEqual(step(p.steps, 'recreateNetwork', 'l2').reasons, ['ipvlan_flag private → bridge']);
  });

  it('compares normalised definitions: other spellings, driver defaults and an implicit gateway are no change', () => {
    const host = hostAfterApply(SPEC);
    const v10 = net(host, 'vlan10');
    // written differently by hand or by another tool, same meaning
    v10.ipam[1] = { subnet: '2001:0db8:0010:0000::/64', gateway: '2001:db8:10:0:0:0:0:1', aux: {} };
    v10.options = { parent: 'eth0.10' }; // macvlan_mode absent = bridge
    v10.labels[HASH_LABEL] = 'from-an-older-version';
    const l2 = net(host, 'l2');
    l2.options = { parent: 'eth1', ipvlan_flag: 'private' }; // ipvlan_mode absent = l2
    const p = plan(SPEC, host);
    assert.deepEqual(p.steps, []);

    // Docker reports the gateway it picked when the spec has none (after a daemon restart)
    const noGw = SPEC.replace('      gateway: 198.51.100.1\n', '');
    const h2 = hostAfterApply(noGw);
    net(h2, 'l2').ipam[0].gateway = '198.51.100.1';
    assert.deepEqual(plan(noGw, h2).steps, []);
  });

  it("keeps this spec's networks that left it as orphans, removes them only with --prune, and never touches anyone else's", () => {
    const host = hostAfterApply(SPEC);
    host.networks.push({ id: 'u'.repeat(64), name: 'handmade', driver: 'macvlan', options: { parent: 'eth2' }, ipam: [{ subnet: '203.0.113.0/24', aux: {} }], enableIPv6: false, internal: false, labels: {}, containers: [] });
    host.networks.push({ id: 'b'.repeat(64), name: 'bridge', driver: 'bridge', options: {}, ipam: [], enableIPv6: false, internal: false, labels: {}, containers: [] });
    const theirs = { [MANAGED_LABEL]: 'true', [SPEC_LABEL]: 'other', [HASH_LABEL]: '0123456789abcdef' };
    host.networks.push({ id: 'o'.repeat(64), name: 'theirs', driver: 'macvlan', options: { parent: 'eth3' }, ipam: [{ subnet: '203.0.113.0/25', aux: {} }], enableIPv6: false, internal: false, labels: theirs, containers: [] });
    host.networks.push({ id: 'l'.repeat(64), name: 'older', driver: 'macvlan', options: { parent: 'eth4' }, ipam: [], enableIPv6: false, internal: false, labels: { [MANAGED_LABEL]: 'true', [HASH_LABEL]: '0123456789abcdef' }, containers: [] });
    const smaller = SPEC.replace(/ {4}l2:\n(?: {6}.*\n)+/, '');
    const p = plan(smaller, host);
    assert.deepEqual(kinds(p), []);
    assert.deepEqual(p.orphans, [{ kind: 'network', name: 'l2', id: net(host, 'l2').id, reason: "this spec's network, no longer in the spec" }]);
    assert.equal(isEmptyPlan(p), true);
    const pruned = plan(smaller, host, 'local', { prune: true });
    assert.deepEqual(kinds(pruned), ['removeNetwork l2']);
    const r = step(pruned.steps, 'removeNetwork', 'l2');
    assert.equal(r.id, net(host, 'l2').id);
    assert.equal(r.reason, "this spec's network, no longer in the spec");
    assert.deepEqual(r.detach, []);
    assert.deepEqual(pruned.orphans, []);
  });

  it("refuses to take another spec's network by name, and names that spec", () => {
    const host = hostAfterApply(SPEC);
    net(host, 'l2').labels[SPEC_LABEL] = 'lab';
    for (const opts of [{}, { prune: true, adopt: true }]) {
      const p = plan(SPEC, host, 'local', opts);
      assert.deepEqual(kinds(p), []);
      assert.equal(p.conflicts.length, 1);
      assert.match(p.conflicts[0].message, /^network l2 \(id n\d+\) belongs to spec lab \(label io\.macvlan-spec\.spec=lab\); apply never changes another spec's networks/);
    }
  });

  it("refuses a subnet that overlaps another spec's network, and one an orphan holds until --prune (then the create waits for the removal)", () => {
    const host = hostAfterApply(SPEC);
    const other = { [MANAGED_LABEL]: 'true', [SPEC_LABEL]: 'lab', [HASH_LABEL]: '0123456789abcdef' };
    host.networks.push({ id: 'o'.repeat(64), name: 'labnet', driver: 'macvlan', options: { parent: 'eth3' }, ipam: [{ subnet: '203.0.113.0/25', aux: {} }], enableIPv6: false, internal: false, labels: other, containers: [] });
    const withNew = SPEC.replace('  containers:', '    extra:\n      parent: eth5\n      subnet: 203.0.113.0/24\n  containers:');
    const p = plan(withNew, host);
    assert.deepEqual(p.conflicts.map((c) => c.name), ['extra']);
    assert.match(p.conflicts[0].message, /overlaps network labnet of spec lab, 203\.0\.113\.0\/25, which apply never changes/);
    assert.ok(!kinds(p).includes('createNetwork extra'));

    // l2 renamed to l3 with the same subnet: l2 is an orphan that holds the pool
    const renamed = SPEC.replace('    l2:', '    l3:');
    const q = plan(renamed, hostAfterApply(SPEC));
    assert.deepEqual(q.conflicts.map((c) => c.name), ['l3']);
    assert.match(q.conflicts[0].message, /needs the pool 198\.51\.100\.0\/24 that network l2 holds — this spec's network, no longer in the spec \(an orphan\); run apply --prune/);
    const qp = plan(renamed, hostAfterApply(SPEC), 'local', { prune: true });
    assert.deepEqual(qp.conflicts, []);
    assert.deepEqual(kinds(qp), ['removeNetwork l2', 'createNetwork l3']);
  });

  it('leaves a network of an older macvlan-spec (no spec name) that matches, refuses one that differs, and claims both with --adopt', () => {
    const host = hostAfterApply(SPEC);
    delete net(host, 'l2').labels[SPEC_LABEL];
    const p = plan(SPEC, host);
    assert.deepEqual(kinds(p), []);
    assert.deepEqual(p.unchanged.find((u) => u.name === 'l2'), { kind: 'network', name: 'l2', id: net(host, 'l2').id, state: 'legacy' });
    const changed = SPEC.replace('gateway: 198.51.100.1', 'gateway: 198.51.100.254');
    const q = plan(changed, host);
    assert.match(q.conflicts[0].message, /^network l2 \(id n\d+\) was made by an older macvlan-spec \(no spec name on it\), so nothing says it is spec default's, and it differs from the spec \(gateway 198\.51\.100\.1 → 198\.51\.100\.254\); run apply --adopt/);
    const a = plan(SPEC, host, 'local', { adopt: true });
    assert.deepEqual(kinds(a), ['recreateNetwork l2']);
    assert.deepEqual(step(a.steps, 'recreateNetwork', 'l2').reasons, ['claimed for spec default (--adopt): recreated to carry io.macvlan-spec.spec=default']);
    assert.equal(step(a.steps, 'recreateNetwork', 'l2').def.labels[SPEC_LABEL], 'default');
  });

  it('refuses a network of the same name that macvlan-spec did not create', () => {
    const host = emptyHost();
    host.networks.push({ id: 'f'.repeat(64), name: 'vlan10', driver: 'bridge', options: {}, ipam: [{ subnet: '172.18.0.0/16', aux: {} }], enableIPv6: false, internal: false, labels: { owner: 'someone' }, containers: [] });
    const p = plan(SPEC, host);
    assert.deepEqual(kinds(p), ['createNetwork l2', 'createContainer db', 'createContainer web']);
    assert.equal(p.conflicts.length, 1);
    assert.equal(p.conflicts[0].name, 'vlan10');
    assert.match(p.conflicts[0].message, /^a network named vlan10 \(bridge, id ffffffffffff\) exists on the host but was not created by macvlan-spec, and differs from the spec \(driver bridge → macvlan; parent \(none\) → eth0\.10; subnet 172\.18\.0\.0\/16 → 192\.0\.2\.0\/24; .*\); apply never changes it/);
    assert.equal(isEmptyPlan(p), false);
  });

  it('adopts an unmanaged network that already is what the spec says, without touching it', () => {
    const host = hostAfterApply(SPEC);
    const l2 = net(host, 'l2');
    l2.labels = {};
    const p = plan(SPEC, host);
    assert.deepEqual(p.steps, []);
    assert.deepEqual(p.conflicts, []);
    assert.deepEqual(p.unchanged.find((u) => u.name === 'l2'), { kind: 'network', name: 'l2', id: l2.id, state: 'adopted' });
    // and once the spec changes it, it is in the way
    const changed = plan(SPEC.replace('198.51.100.1\n', '198.51.100.254\n'), host);
    assert.equal(changed.conflicts.length, 1);
    assert.match(changed.conflicts[0].message, /differs from the spec \(gateway 198\.51\.100\.1 → 198\.51\.100\.254\)/);
  });

  it('refuses twin networks of one name', () => {
    const host = hostAfterApply(SPEC);
    host.networks.push({ ...net(host, 'l2'), id: 'e'.repeat(64) });
    const p = plan(SPEC, host);
    assert.match(p.conflicts[0].message, /^2 networks named l2 exist on the host/);
  });

  it('refuses to recreate or remove a network an unmanaged container sits on', () => {
    const host = hostAfterApply(SPEC);
    host.containers.push({ id: 'x'.repeat(64), name: 'stranger', image: 'alpine', labels: {}, state: 'exited', networks: [{ network: 'vlan10', staticIpv4: '192.0.2.50' }] });
    const p = plan(SPEC.replace('gateway: 192.0.2.1', 'gateway: 192.0.2.254'), host);
    assert.equal(p.conflicts.length, 1);
    assert.match(p.conflicts[0].message, /^network vlan10 must be recreated \(gateway 192\.0\.2\.1 → 192\.0\.2\.254\), but container stranger \(id xxxxxxxxxxxx, not created by macvlan-spec\) is attached to it; apply never touches another owner's container/);
    // a running one seen only through the network's endpoint list counts as well
    const h2 = hostAfterApply(SPEC);
    net(h2, 'l2').containers.push({ id: 'y'.repeat(64), name: 'ghost', ipv4: '198.51.100.9' });
    const p2 = plan(SPEC.replace(/ {4}l2:\n(?: {6}.*\n)+/, ''), h2, 'local', { prune: true });
    assert.match(p2.conflicts[0].message, /^network l2 must be removed, but container ghost/);
  });
});

describe('planApply: per-host networks', () => {
  const TWO = `
    version: 1
    hosts:
      lab1: { docker: "unix:///run/lab1.sock" }
      lab2: { docker: "unix:///run/lab2.sock" }
    networks:
      lan:
        parent: bond0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: { lab1: 192.0.2.128/26, lab2: 192.0.2.192/26 }
      only2:
        parent: eth1
        subnet: 198.51.100.0/24
        gateway: 198.51.100.1
        hosts: [lab2]
    containers:
      ca: { image: busybox, host: lab1, networks: { lan: { ipv4_address: 192.0.2.53 } } }
      cb: { image: busybox, host: lab2, networks: { lan: { ipv4_address: 192.0.2.54 } } }
  `;

  it("gives each host its own ip_range and only its networks and containers", () => {
    const p1 = plan(TWO, emptyHost(), 'lab1');
    assert.deepEqual(kinds(p1), ['createNetwork lan', 'createContainer ca']);
    assert.equal(step(p1.steps, 'createNetwork', 'lan').def.ipam[0].ipRange, '192.0.2.128/26');
    const p2 = plan(TWO, emptyHost(), 'lab2');
    assert.deepEqual(kinds(p2), ['createNetwork lan', 'createNetwork only2', 'createContainer cb']);
    assert.equal(step(p2.steps, 'createNetwork', 'lan').def.ipam[0].ipRange, '192.0.2.192/26');
    // the two hosts' definitions differ, so do their hashes
    assert.notEqual(step(p1.steps, 'createNetwork', 'lan').def.labels[HASH_LABEL], step(p2.steps, 'createNetwork', 'lan').def.labels[HASH_LABEL]);
  });

  it("lists this spec's network on a host the spec no longer puts it on as an orphan, removed last with --prune", () => {
    const lab1 = hostAfterApply(TWO, 'lab2'); // as if lab1 had lab2's networks
    lab1.containers = [];
    for (const n of lab1.networks) n.containers = [];
    assert.deepEqual(plan(TWO, lab1, 'lab1').orphans.map((o) => o.name), ['only2']);
    const p = plan(TWO, lab1, 'lab1', { prune: true });
    assert.deepEqual(kinds(p), ['recreateNetwork lan', 'createContainer ca', 'removeNetwork only2']);
    assert.equal(step(p.steps, 'removeNetwork', 'only2').reason, "this spec's network, which the spec now puts on other hosts only");
    assert.deepEqual(step(p.steps, 'recreateNetwork', 'lan').reasons, ['ip_range 192.0.2.192/26 → 192.0.2.128/26']);
  });
});
