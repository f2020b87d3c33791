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
        'which this spec does not manage — pick a free subnet, or remove that network first',
    );
  });

  it('skips managed networks (apply replaces or removes them) and counts unlabelled ones', () => {
    assert.deepEqual(check(spec, { observed: live(bridge('lan', { 'io.macvlan-spec.managed': 'true' })) }).of('MV208'), []);

    const stale = check(spec, { observed: live(bridge('old-lan', { 'io.macvlan-spec.managed': 'true' })) }).of('MV208');
    assert.deepEqual(stale, []);
    const unmanagedOther = check(spec, { observed: live(bridge('old-lan')) }).of('MV208');
    assert.equal(unmanagedOther.length, 1);

    const unlabelled = check(spec, { observed: live(bridge('lan')) }).of('MV208');
    assert.equal(unlabelled.length, 1);
    assert.match(unlabelled[0].message, /\(same name, but not labelled as created by macvlan-spec, so apply will not replace it\)/);
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
