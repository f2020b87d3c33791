import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (ipv6: string): string => `
version: 1
networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
    ipv6: ${ipv6}
`;

describe('MV111 ipv6Block', () => {
  it('reports an ipv6 gateway and ip_range without an ipv6 subnet, each on its value', () => {
    const c = check(net('{ gateway: "2001:db8:10::1", ip_range: "2001:db8:10::1000/116" }'));
    const got = c.of('MV111').map((f) => [c.textAt(f), f.path.join('.'), f.severity, f.message]);
    assert.deepEqual(got, [
      [
        '"2001:db8:10::1"',
        'networks.lan.ipv6.gateway',
        'error',
        'ipv6 gateway 2001:db8:10::1 of network lan has no ipv6 subnet to sit in: Docker accepts an IPv6 gateway only together with its subnet — add ipv6: subnet',
      ],
      [
        '"2001:db8:10::1000/116"',
        'networks.lan.ipv6.ip_range',
        'error',
        'ipv6 ip_range 2001:db8:10::1000/116 of network lan has no ipv6 subnet to sit in: Docker accepts an IPv6 ip_range only together with its subnet — add ipv6: subnet',
      ],
    ]);
    assert.deepEqual(c.of('MV104'), []);
    assert.deepEqual(c.of('MV106'), []);
  });

  it('reports an empty ipv6 block on its key', () => {
    const c = check(net('{}'));
    const [f, ...more] = c.of('MV111');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), 'ipv6');
    assert.deepEqual(f.path, ['networks', 'lan', 'ipv6']);
    assert.match(f.message, /^the ipv6 block of network lan has no subnet — add ipv6: subnet/);
  });

  it('is quiet with an ipv6 subnet, and when the ipv6 subnet is present but malformed (MV101)', () => {
    assert.deepEqual(check(net('{ subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" }')).findings, []);
    const bad = check(net('{ subnet: "2001:db8:10::/129", gateway: "2001:db8:10::1" }'));
    assert.deepEqual(bad.of('MV111'), []);
    assert.equal(bad.of('MV101').length, 1);
  });

  it('leaves an IPv4 CIDR as ipv6 subnet to MV101', () => {
    const c = check(net('{ subnet: 198.51.100.0/24 }'));
    assert.deepEqual(c.of('MV111'), []);
    assert.equal(c.of('MV101').length, 1);
  });
});
