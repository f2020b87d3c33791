import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (gateway: string, v6gateway = '2001:db8:10::1'): string => `
version: 1
networks:
  lan:
    parent: eth0
    subnet: 198.51.100.0/24
    gateway: ${gateway}
    ipv6: { subnet: "2001:db8:10::/64", gateway: "${v6gateway}" }
`;

describe('MV105 gatewayNetworkOrBroadcast', () => {
  it('reports the network address as gateway', () => {
    const c = check(net('198.51.100.0'));
    const [f, ...more] = c.of('MV105');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '198.51.100.0');
    assert.deepEqual(f.path, ['networks', 'lan', 'gateway']);
    assert.equal(
      f.message,
      "gateway 198.51.100.0 of network lan is the network address of subnet 198.51.100.0/24 (line 5), which Docker never assigns — use the router's address, often 198.51.100.1",
    );
    assert.equal(c.textAt(f.related[0]), '198.51.100.0/24');
    assert.deepEqual(f.related[0].path, ['networks', 'lan', 'subnet']);
    assert.deepEqual(f.data, { fix: 'moveGateway', network: 'lan', family: 4 });
  });

  it('reports the broadcast address as gateway', () => {
    const c = check(net('198.51.100.255'));
    const [f] = c.of('MV105');
    assert.equal(c.textAt(f), '198.51.100.255');
    assert.match(f.message, /is the broadcast address of subnet 198\.51\.100\.0\/24/);
  });

  it('reports the IPv6 subnet-router anycast address, but not the last IPv6 address (no broadcast)', () => {
    const c = check(net('198.51.100.1', '2001:db8:10::'));
    const [f, ...more] = c.of('MV105');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '"2001:db8:10::"');
    assert.deepEqual(f.path, ['networks', 'lan', 'ipv6', 'gateway']);
    assert.match(f.message, /^ipv6 gateway 2001:db8:10:: of network lan is the subnet-router anycast address \(the network address\) of subnet 2001:db8:10::\/64 \(line 7\)/);
    assert.match(f.message, /often 2001:db8:10::1$/);
    assert.deepEqual(f.data, { fix: 'moveGateway', network: 'lan', family: 6 });

    assert.deepEqual(check(net('198.51.100.1', '2001:db8:10::ffff:ffff:ffff:ffff')).of('MV105'), []);
  });

  it('is quiet on ordinary gateways, and on gateways outside the subnet (MV104)', () => {
    assert.deepEqual(check(net('198.51.100.1')).of('MV105'), []);
    assert.deepEqual(check(net('198.51.100.254')).of('MV105'), []);
    const outside = check(net('203.0.113.0'));
    assert.deepEqual(outside.of('MV105'), []);
    assert.equal(outside.of('MV104').length, 1);
  });
});
