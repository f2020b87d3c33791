import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV107 auxOutsideSubnet', () => {
  it('reports an aux address outside the subnet, pointing at the subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses:
            router2: 192.0.2.2
            printer: 198.51.100.9
    `);
    const [f, ...more] = c.of('MV107');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '198.51.100.9');
    assert.deepEqual(f.path, ['networks', 'lan', 'aux_addresses', 'printer']);
    assert.match(f.message, /^aux address printer \(198\.51\.100\.9\) of network lan is outside its subnet 192\.0\.2\.0\/24 \(line 5\) — /);
    assert.equal(c.textAt(f.related[0]), '192.0.2.0/24');
    assert.deepEqual(f.related[0].path, ['networks', 'lan', 'subnet']);
  });

  it('reports an IPv6 aux address as the other family', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses: { router6: "2001:db8:10::2" }
          ipv6: { subnet: "2001:db8:10::/64" }
    `);
    const [f] = c.of('MV107');
    assert.equal(c.textAt(f), '"2001:db8:10::2"');
    assert.match(f.message, /^aux address router6 \(2001:db8:10::2\) of network lan is an IPv6 address; aux_addresses holds IPv4 addresses/);
  });

  it('reports aux addresses on a network without subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          aux_addresses: { router2: 192.0.2.2 }
    `);
    const [f] = c.of('MV107');
    assert.equal(c.textAt(f), '192.0.2.2');
    assert.match(f.message, /has no subnet to sit in/);
  });

  it('is quiet on aux addresses inside the subnet, and when the subnet did not parse', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses: { router2: 192.0.2.2, printer: 192.0.2.254 }
        bad:
          parent: eth1
          subnet: 198.51.100.0/
          aux_addresses: { router2: 203.0.113.2 }
    `);
    assert.deepEqual(c.of('MV107'), []);
  });
});
