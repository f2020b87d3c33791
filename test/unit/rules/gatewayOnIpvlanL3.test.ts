import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (mode: string, driver = 'ipvlan'): string => `
version: 1
networks:
  routed:
    driver: ${driver}
    mode: ${mode}
    parent: eth0
    subnet: 203.0.113.0/24
    gateway: 203.0.113.1
    ipv6: { subnet: "2001:db8:30::/64", gateway: "2001:db8:30::1" }
`;

describe('MV110 gatewayOnIpvlanL3', () => {
  it('notes both gateways on an ipvlan l3 network as ignored', () => {
    const c = check(net('l3'));
    const got = c.of('MV110').map((f) => [c.textAt(f), f.path.join('.'), f.severity]);
    assert.deepEqual(got, [
      ['203.0.113.1', 'networks.routed.gateway', 'info'],
      ['"2001:db8:30::1"', 'networks.routed.ipv6.gateway', 'info'],
    ]);
    const [f] = c.of('MV110');
    assert.equal(
      f.message,
      'gateway 203.0.113.1 of network routed is ignored: in ipvlan l3 mode the host routes for the containers and their default route is the parent link — remove it',
    );
    assert.deepEqual(f.related, []);
  });

  it('notes l3s too', () => {
    const c = check(net('l3s'));
    assert.equal(c.of('MV110').length, 2);
    assert.match(c.of('MV110')[0].message, /in ipvlan l3s mode/);
  });

  it('is quiet on ipvlan l2 and on macvlan', () => {
    assert.deepEqual(check(net('l2')).of('MV110'), []);
    assert.deepEqual(check(net('bridge', 'macvlan')).of('MV110'), []);
  });
});
