import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (subnet: string, v6?: string): string => `
version: 1
networks:
  p2p:
    parent: eth0
    internal: true
    subnet: ${subnet}
${v6 ? `    ipv6: { subnet: "${v6}" }\n` : ''}`;

describe('MV103 noUsableAddresses', () => {
  it('reports an IPv4 /31 and /32 on the subnet value', () => {
    const c31 = check(net('192.0.2.0/31'));
    const [f, ...more] = c31.of('MV103');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c31.textAt(f), '192.0.2.0/31');
    assert.deepEqual(f.path, ['networks', 'p2p', 'subnet']);
    assert.equal(
      f.message,
      'subnet 192.0.2.0/31 of network p2p has no address Docker can hand out: a /31 holds only its network and broadcast addresses — use a /30 or a shorter prefix',
    );
    assert.deepEqual(f.related, []);

    const c32 = check(net('198.51.100.7/32'));
    assert.equal(c32.of('MV103').length, 1);
    assert.match(c32.of('MV103')[0].message, /a \/32 is a single address/);
  });

  it('reports an IPv6 /127 and /128', () => {
    const c = check(net('192.0.2.0/24', '2001:db8:10::/127'));
    const [f, ...more] = c.of('MV103');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '"2001:db8:10::/127"');
    assert.deepEqual(f.path, ['networks', 'p2p', 'ipv6', 'subnet']);
    assert.match(f.message, /^ipv6 subnet 2001:db8:10::\/127 of network p2p has no address Docker can hand out: .*subnet-router anycast.* — use a \/126 or a shorter prefix$/);
    assert.equal(check(net('192.0.2.0/24', '2001:db8:10::1/128')).of('MV103').length, 1);
  });

  it('is quiet on /30 and /126, the smallest subnets with usable addresses', () => {
    assert.deepEqual(check(net('192.0.2.0/30', '2001:db8:10::/126')).of('MV103'), []);
  });

  it('does not also report the gateway of such a subnet as network or broadcast (MV105)', () => {
    const c = check(`
      version: 1
      networks:
        p2p:
          parent: eth0
          subnet: 192.0.2.0/31
          gateway: 192.0.2.0
    `);
    assert.equal(c.of('MV103').length, 1);
    assert.deepEqual(c.of('MV105'), []);
  });
});
