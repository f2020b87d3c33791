import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const hosts = 'hosts: { lab1: { docker: "unix:///a" }, lab2: { docker: "unix:///b" } }';

describe('MV206 subnetOnSeveralSegments', () => {
  it('warns when one subnet sits on two VLANs, on the later network', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        vlan10:
          parent: eth0.10
          subnet: 192.0.2.0/24
          hosts: [lab1]
        vlan20:
          parent: eth0
          vlan: 20
          subnet: 192.0.2.0/24
          hosts: [lab2]
    `);
    const [f, ...more] = c.of('MV206');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(c.textAt(f), '192.0.2.0/24');
    assert.deepEqual(f.path, ['networks', 'vlan20', 'subnet']);
    assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'subnet']);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'subnet 192.0.2.0/24 of network vlan20 (VLAN 20 on eth0.20) is also the subnet of network vlan10 (VLAN 10 on eth0.10, line 6) — ' +
        'one subnet belongs on one VLAN; give one of them its own subnet',
    );
  });

  it('warns for a tagged and an untagged network with one subnet (host bits masked)', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        lan: { parent: eth0, subnet: 198.51.100.0/24, hosts: [lab1] }
        tagged: { parent: eth0.30, subnet: 198.51.100.7/24, hosts: [lab2] }
    `);
    const [f, ...more] = c.of('MV206');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'tagged', 'subnet']);
    assert.match(f.message, /\(VLAN 30 on eth0\.30\) is also the subnet of network lan \(untagged on eth0, line 4\)/);
  });

  it('stays quiet for one VLAN under different interface names, untagged LANs, and different subnets', () => {
    const quiet = (nets: string): void => {
      const c = check(`
        version: 1
        ${hosts}
        networks:
${nets}
      `);
      assert.deepEqual(c.of('MV206'), []);
      assert.deepEqual([...c.of('MV000'), ...c.of('MV001')], []);
    };
    quiet(`          a: { parent: eth0.10, subnet: 192.0.2.0/24, hosts: [lab1] }
          b: { parent: enp3s0.10, subnet: 192.0.2.0/24, hosts: [lab2] }`);
    quiet(`          a: { parent: eth0, subnet: 192.0.2.0/24, hosts: [lab1] }
          b: { parent: eno1, subnet: 192.0.2.0/24, hosts: [lab2] }`);
    quiet(`          a: { parent: eth0.10, subnet: 192.0.2.0/24 }
          b: { parent: eth0.20, subnet: 198.51.100.0/24 }`);
  });
});
