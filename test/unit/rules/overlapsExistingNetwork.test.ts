import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';
import type { ObservedNetwork, ObservedState } from '../../../core/observed';

const spec = `
  version: 1
  networks:
    lan:
      parent: eth0
      subnet: 172.18.5.0/24
      gateway: 172.18.5.1
    vlan20:
      parent: eth0.20
      subnet: 192.0.2.0/24
`;

const live = (...networks: ObservedNetwork[]): ObservedState => ({ hosts: { local: { engine: '27.3.1', networks } } });
const bridge = (name: string, labels: Record<string, string> = {}): ObservedNetwork => ({
  id: `id-${name}`,
  name,
  driver: 'bridge',
  subnets: ['172.18.0.0/16', 'fd00:18::/64'],
  labels,
});

describe('MV208 overlapsExistingNetwork', () => {
  it('fires for a subnet inside an unmanaged network on the host, naming it, its subnet and driver', () => {
    const c = check(spec, { observed: live(bridge('compose_default')) });
    const [f, ...more] = c.of('MV208');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '172.18.5.0/24');
    assert.deepEqual(f.path, ['networks', 'lan', 'subnet']);
    assert.deepEqual(f.related, []);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'subnet 172.18.5.0/24 of network lan overlaps existing network compose_default (172.18.0.0/16, driver bridge) on the Docker host, ' +
        'which this spec does not own — pick a free subnet, or remove that network first',
    );
  });

  it("skips this spec's own networks and those it describes as they are (adopted); counts other specs' and older ones, naming the owner", () => {
    const mine = { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'default' };
    assert.deepEqual(check(spec, { observed: live(bridge('lan', mine)) }).of('MV208'), []);
    // an orphan of this spec: the plan's to report (kept, or removed first with --prune)
    assert.deepEqual(check(spec, { observed: live(bridge('old-lan', mine)) }).of('MV208'), []);
    // the name comes from the file when there is no name:
    assert.equal(check(spec, { observed: live(bridge('old-lan', mine)), specPath: '/srv/lab.macvlan.yaml' }).of('MV208').length, 1);
    assert.deepEqual(check(spec, { observed: live(bridge('old-lan', { ...mine, 'io.macvlan-spec.spec': 'lab' })), specPath: '/srv/lab.macvlan.yaml' }).of('MV208'), []);

    const theirs = check(spec, { observed: live(bridge('old-lan', { ...mine, 'io.macvlan-spec.spec': 'homelab' })) }).of('MV208');
    assert.equal(theirs.length, 1);
    assert.match(theirs[0].message, /overlaps existing network old-lan \(172\.18\.0\.0\/16, driver bridge\) on the Docker host, which belongs to spec homelab \(label io\.macvlan-spec\.spec=homelab\), which this spec does not own — pick a free subnet/);
    const older = check(spec, { observed: live(bridge('old-lan', { 'io.macvlan-spec.managed': 'true' })) }).of('MV208');
    assert.match(older[0].message, /, made by an older macvlan-spec \(no spec name on it\), which this spec does not own/);
    assert.equal(check(spec, { observed: live(bridge('old-lan')) }).of('MV208').length, 1);

    const unlabelled = check(spec, { observed: live(bridge('lan')) }).of('MV208');
    assert.equal(unlabelled.length, 1);
    assert.match(unlabelled[0].message, /\(same name, but not created by macvlan-spec and defined differently, so apply will not replace it\)/);
  });

  it('an existing network the spec describes exactly as it is (Add to Spec) is adopted: no MV208, as the plan leaves it', () => {
    const handmade: ObservedNetwork = {
      id: 'id-lan',
      name: 'lan',
      driver: 'macvlan',
      subnets: ['172.18.5.0/24'],
      labels: {},
      parent: 'eth0',
      definition: { options: { parent: 'eth0' }, ipam: [{ subnet: '172.18.5.0/24', gateway: '172.18.5.1', aux: {} }], enableIPv6: false, internal: false },
    };
    assert.deepEqual(check(spec, { observed: live(handmade) }).of('MV208'), []);
    // without its definition (an older client) it cannot be told from a different one
    assert.equal(check(spec, { observed: live({ ...handmade, definition: undefined }) }).of('MV208').length, 1);
    // one field differs: it counts, and says why apply will not replace it
    const other = { ...handmade, definition: { ...handmade.definition!, internal: true } };
    assert.match(check(spec, { observed: live(other) }).of('MV208')[0].message, /same name, but not created by macvlan-spec and defined differently/);
    // another spec's network of the same name and definition is never adopted
    assert.equal(check(spec, { observed: live({ ...handmade, labels: { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'x' } }) }).of('MV208').length, 1);
  });

  it('checks IPv6 subnets and names the host when hosts are declared', () => {
    const c = check(
      `
      version: 1
      hosts: { lab1: { docker: "unix:///a" } }
      networks:
        lan: { parent: eth0, subnet: 192.0.2.0/24, ipv6: { subnet: "fd00:18::/48" } }
    `,
      { observed: { hosts: { lab1: { networks: [bridge('br')] } } } },
    );
    const [f, ...more] = c.of('MV208');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'lan', 'ipv6', 'subnet']);
    assert.match(f.message, /^ipv6 subnet fd00:18::\/48 of network lan overlaps existing network br \(fd00:18::\/64, driver bridge\) on host lab1,/);
  });

  it('stays quiet without observed state, and for disjoint existing networks', () => {
    assert.deepEqual(check(spec).of('MV208'), []);
    assert.deepEqual(check(spec, { observed: live({ ...bridge('x'), subnets: ['172.17.0.0/16', 'not-a-cidr'] }) }).of('MV208'), []);
  });
});
