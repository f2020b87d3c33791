import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV106 ipRangeOutsideSubnet', () => {
  it('reports an ip_range outside its subnet, pointing at the subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: 198.51.100.128/25
    `);
    const [f, ...more] = c.of('MV106');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '198.51.100.128/25');
    assert.deepEqual(f.path, ['networks', 'lan', 'ip_range']);
    assert.equal(f.message, 'ip_range 198.51.100.128/25 of network lan is outside its subnet 192.0.2.0/24 (line 5) — use a block inside the subnet');
    assert.equal(c.textAt(f.related[0]), '192.0.2.0/24');
    assert.deepEqual(f.related[0].path, ['networks', 'lan', 'subnet']);
  });

  it('reports an ip_range larger than its subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/25
          gateway: 192.0.2.1
          ip_range: 192.0.2.0/24
    `);
    const [f] = c.of('MV106');
    assert.equal(c.textAt(f), '192.0.2.0/24');
    assert.equal(f.message, 'ip_range 192.0.2.0/24 of network lan is larger than its subnet 192.0.2.0/25 (line 5) — use a block of /25 or longer inside the subnet');
  });

  it('reports per-host ranges by host, and the ipv6 ip_range against the ipv6 subnet', () => {
    const c = check(`
      version: 1
      hosts:
        lab1: { docker: "ssh://ops@lab1.example" }
        lab2: { docker: "ssh://ops@lab2.example" }
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: { lab1: 192.0.2.128/26, lab2: 203.0.113.192/26 }
          ipv6: { subnet: "2001:db8:10::/64", ip_range: "2001:db8:20::/116" }
    `);
    const got = c.of('MV106').map((f) => [c.textAt(f), f.path.join('.'), f.message]);
    assert.deepEqual(got, [
      [
        '203.0.113.192/26',
        'networks.lan.ip_range.lab2',
        'ip_range 203.0.113.192/26 of network lan for host lab2 is outside its subnet 192.0.2.0/24 (line 8) — use a block inside the subnet',
      ],
      [
        '"2001:db8:20::/116"',
        'networks.lan.ipv6.ip_range',
        'ipv6 ip_range 2001:db8:20::/116 of network lan is outside its subnet 2001:db8:10::/64 (line 11) — use a block inside the subnet',
      ],
    ]);
  });

  it('reports a range of the other family in either slot', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: "2001:db8:10::/116"
          ipv6: { subnet: "2001:db8:10::/64", ip_range: 192.0.2.128/25 }
    `);
    const got = c.of('MV106').map((f) => [c.textAt(f), f.message]);
    assert.deepEqual(got, [
      ['"2001:db8:10::/116"', 'ip_range 2001:db8:10::/116 of network lan is an IPv6 block; it takes IPv4 — move it to ipv6: ip_range'],
      ['192.0.2.128/25', 'ipv6 ip_range 192.0.2.128/25 of network lan is an IPv4 block; it takes IPv6 — move it to ip_range'],
    ]);
    assert.deepEqual(c.of('MV111'), []);
  });

  it('reports an ip_range without subnet (IPv6 is MV111)', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          ip_range: 192.0.2.128/25
    `);
    const [f] = c.of('MV106');
    assert.equal(c.textAt(f), '192.0.2.128/25');
    assert.match(f.message, /^ip_range 192\.0\.2\.128\/25 of network lan has no subnet to sit in: .* — add subnet:$/);
    assert.deepEqual(f.related, []);
  });

  it('is quiet on ranges inside or equal to their subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: 192.0.2.0/24
          ipv6: { subnet: "2001:db8:10::/64", ip_range: "2001:db8:10::1000/116" }
        dmz:
          parent: eth1
          subnet: 10.20.0.0/16
          gateway: 10.20.0.1
          ip_range: 10.20.255.0/24
    `);
    assert.deepEqual(c.of('MV106'), []);
  });
});
