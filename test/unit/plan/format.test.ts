import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlan, planToJson, stepTitle, summaryLine } from '../../../core/plan/format';
import { hostAfterApply, plan } from './helpers';

const SPEC = `
  version: 1
  networks:
    front:
      parent: eth0
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      labels: { team: web }
    back:
      parent: eth1
      vlan: 20
      subnet: 198.51.100.0/24
      gateway: 198.51.100.1
      ipv6: { subnet: "2001:db8:20::/64" }
  containers:
    web:
      image: nginx:alpine
      networks:
        front: { ipv4_address: 192.0.2.10 }
        back:
`;

const CHANGED = SPEC.replace('192.0.2.1\n', '192.0.2.254\n').replace(
  '  containers:',
  '    extra:\n      parent: bond0\n      subnet: 203.0.113.0/24\n      gateway: 203.0.113.1\n      aux_addresses: { r2: 203.0.113.2 }\n  containers:\n    db:\n      image: postgres:16\n      networks: { extra: { ipv4_address: 203.0.113.5 } }',
);

function changedPlan() {
  const host = hostAfterApply(SPEC);
  host.networks.push({ id: 'f'.repeat(64), name: 'old', driver: 'macvlan', options: { parent: 'eth2' }, ipam: [], enableIPv6: false, internal: false, labels: { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'default' }, containers: [] });
  return plan(CHANGED, host, 'local', { prune: true });
}

describe('formatPlan', () => {
  it('reads as a document: sections, one line per change with its reason, a summary', () => {
    assert.equal(
      formatPlan(changedPlan(), { target: 'unix:///run/docker.sock' }),
      [
        'Plan for host local (unix:///run/docker.sock, Docker 20.10.24), spec default',
        '',
        'Networks',
        '  + create    extra  macvlan bridge on bond0 · 203.0.113.0/24 gateway 203.0.113.1 aux r2=203.0.113.2',
        '  ~ recreate  front  gateway 192.0.2.1 → 192.0.2.254',
        '                     containers reconnected: web 192.0.2.10 → 192.0.2.10',
        "  - remove    old    this spec's network, no longer in the spec",
        '  = unchanged back',
        '',
        'Containers',
        '  + create    db     postgres:16 · extra 203.0.113.5',
        '  = unchanged web',
        '',
        '2 to create, 1 to recreate, 0 to change, 1 to remove, 2 unchanged.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to do', () => {
    const p = plan(SPEC, hostAfterApply(SPEC));
    assert.equal(summaryLine(p), 'Nothing to do: the host matches the spec (3 unchanged).');
    assert.match(formatPlan(p), /\n {2}= unchanged back\n/);
  });

  it('lists conflicts and warnings, and counts conflicts in the summary', () => {
    const host = hostAfterApply(SPEC);
    host.networks.find((n) => n.name === 'front')!.labels = {};
    const spec = SPEC.replace('        back:\n', '        back: { mac_address: "02:00:00:00:00:01" }\n');
    const text = formatPlan(plan(spec, host));
    assert.match(text, /\nConflicts — apply refuses this plan until they are resolved\n {2}! network front: a network named front \(macvlan, id n\d+/);
    assert.match(text, /\nWarnings\n {2}\* container web: mac_address on back \(not its first network\) needs Docker API 1\.44/);
    assert.match(text, /; 1 conflict \(apply refuses\)\.\n$/);
  });

  it('has a JSON form with the counts and the steps as data', () => {
    const j = planToJson(changedPlan(), { target: 'unix:///run/docker.sock' }) as { summary: unknown; steps: { kind: string }[]; target: string };
    assert.deepEqual(j.summary, { create: 2, recreate: 1, remove: 1, change: 0, unchanged: 2, conflicts: 0, warnings: 0, orphans: 0 });
    assert.deepEqual(j.steps.map((s) => s.kind), ['createNetwork', 'recreateNetwork', 'createContainer', 'removeNetwork']);
    assert.equal(j.target, 'unix:///run/docker.sock');
    assert.doesNotThrow(() => JSON.stringify(j));
  });

  it('titles steps for progress output', () => {
    assert.deepEqual(changedPlan().steps.map(stepTitle), ['create network extra', 'recreate network front', 'create container db', 'remove network old']);
  });

  it('lists orphans (kept without --prune), and says which unchanged resources are adopted or from an older macvlan-spec', () => {
    const host = hostAfterApply(SPEC);
    host.networks.push({ id: 'f'.repeat(64), name: 'old', driver: 'macvlan', options: { parent: 'eth2' }, ipam: [], enableIPv6: false, internal: false, labels: { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'default' }, containers: [] });
    host.networks.find((n) => n.name === 'front')!.labels = { team: 'web' };
    delete host.networks.find((n) => n.name === 'back')!.labels['io.macvlan-spec.spec'];
    const p = plan(SPEC, host);
    const text = formatPlan(p);
    assert.match(text, /\nOrphans — this spec's, no longer in it; kept \(apply --prune removes them\)\n {2}· orphan {4}network old {2}this spec's network, no longer in the spec\n/);
    assert.match(text, /= unchanged front {2}adopted: not created by macvlan-spec, matches the spec; left as it is, never recreated or removed/);
    assert.match(text, /= unchanged back {3}made by an older macvlan-spec \(no spec name on it\), matches the spec; left as it is \(apply --adopt claims it\)/);
    assert.equal(summaryLine(p), 'Nothing to do: the host matches the spec (3 unchanged). 1 orphan kept (apply --prune removes it).');
  });
});
