import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyPlan } from '../../../core/plan/plan';
import { HASH_LABEL, MANAGED_LABEL } from '../../../core/observed';
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

  it('removes managed networks that left the spec and never touches unmanaged ones', () => {
    const host = hostAfterApply(SPEC);
    host.networks.push({ id: 'u'.repeat(64), name: 'legacy', driver: 'macvlan', options: { parent: 'eth2' }, ipam: [{ subnet: '203.0.113.0/24', aux: {} }], enableIPv6: false, internal: false, labels: {}, containers: [] });
    host.networks.push({ id: 'b'.repeat(64), name: 'bridge', driver: 'bridge', options: {}, ipam: [], enableIPv6: false, internal: false, labels: {}, containers: [] });
    const smaller = SPEC.replace(/ {4}l2:\n(?: {6}.*\n)+/, '');
    const p = plan(smaller, host);
    assert.deepEqual(kinds(p), ['removeNetwork l2']);
    const r = step(p.steps, 'removeNetwork', 'l2');
    assert.equal(r.id, net(host, 'l2').id);
    assert.equal(r.reason, 'managed network that is no longer in the spec');
    assert.deepEqual(r.detach, []);
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
    assert.deepEqual(p.unchanged.find((u) => u.name === 'l2'), { kind: 'network', name: 'l2', id: l2.id, managed: false });
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
    assert.match(p.conflicts[0].message, /^network vlan10 must be recreated \(gateway 192\.0\.2\.1 → 192\.0\.2\.254\), but container stranger \(id xxxxxxxxxxxx\), which macvlan-spec does not manage, is attached to it/);
    // a running one seen only through the network's endpoint list counts as well
    const h2 = hostAfterApply(SPEC);
    net(h2, 'l2').containers.push({ id: 'y'.repeat(64), name: 'ghost', ipv4: '198.51.100.9' });
    const p2 = plan(SPEC.replace(/ {4}l2:\n(?: {6}.*\n)+/, ''), h2);
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

  it('removes a managed network from a host the spec no longer puts it on', () => {
    const lab1 = hostAfterApply(TWO, 'lab2'); // as if lab1 had lab2's networks
    lab1.containers = [];
    for (const n of lab1.networks) n.containers = [];
    const p = plan(TWO, lab1, 'lab1');
    assert.deepEqual(kinds(p), ['removeNetwork only2', 'recreateNetwork lan', 'createContainer ca']);
    assert.equal(step(p.steps, 'removeNetwork', 'only2').reason, 'managed network that the spec puts on other hosts only');
    assert.deepEqual(step(p.steps, 'recreateNetwork', 'lan').reasons, ['ip_range 192.0.2.192/26 → 192.0.2.128/26']);
  });
});
