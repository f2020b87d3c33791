import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const hosts = 'hosts: { lab1: { docker: "unix:///a" }, lab2: { docker: "unix:///b" } }';

describe('MV205 segmentSubnetMismatch', () => {
  it('warns when one parent+vlan carries different subnets on different hosts', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        vlan10:
          parent: eth0.10
          subnet: 192.0.2.0/24
          hosts: [lab1]
        vlan10b:
          parent: eth0
          vlan: 10
          subnet: 198.51.100.0/24
          hosts: [lab2]
    `);
    const [f, ...more] = c.of('MV205');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(c.textAt(f), '198.51.100.0/24');
    assert.deepEqual(f.path, ['networks', 'vlan10b', 'subnet']);
    assert.equal(c.textAt(f.related[0]), '192.0.2.0/24');
    assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'subnet']);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'segment eth0.10 carries 198.51.100.0/24 on host lab2 (network vlan10b) but 192.0.2.0/24 on host lab1 (network vlan10, line 6) — ' +
        'one VLAN is one L2 segment: use the same subnet on every host, or put the networks on different VLANs',
    );
  });

  it('compares IPv6 subnets too', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        a: { parent: eth0.10, subnet: 192.0.2.0/24, ipv6: { subnet: "2001:db8:1::/64" }, hosts: [lab1] }
        b: { parent: eth0.10, subnet: 192.0.2.0/24, ipv6: { subnet: "2001:db8:2::/64" }, hosts: [lab2] }
    `);
    const [f, ...more] = c.of('MV205');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'b', 'ipv6', 'subnet']);
  });

  it('stays quiet for one network on both hosts, equal subnets, other VLANs, and a host carrying both subnets', () => {
    const quiet = (nets: string): void => {
      const c = check(`
        version: 1
        ${hosts}
        networks:
${nets}
      `);
      assert.deepEqual(c.of('MV205'), []);
      assert.deepEqual([...c.of('MV000'), ...c.of('MV001')], []);
    };
    quiet('          a: { parent: eth0.10, subnet: 192.0.2.0/24 }');
    quiet(`          a: { parent: eth0.10, subnet: 192.0.2.0/24, hosts: [lab1] }
          b: { parent: eth0.10, subnet: 192.0.2.0/24, hosts: [lab2] }`);
    quiet(`          a: { parent: eth0.10, subnet: 192.0.2.0/24, hosts: [lab1] }
          b: { parent: eth0.20, subnet: 198.51.100.0/24, hosts: [lab2] }`);
    // lab2 carries both subnets on eth0.10: two subnets on one VLAN is deliberate.
    quiet(`          a: { parent: eth0.10, subnet: 192.0.2.0/24 }
          b: { parent: eth0.10, subnet: 198.51.100.0/24, hosts: [lab2] }`);
  });
});
