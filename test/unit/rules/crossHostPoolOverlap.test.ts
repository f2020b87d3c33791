import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const hosts = 'hosts: { lab1: { docker: "unix:///a" }, lab2: { docker: "unix:///b" }, lab3: { docker: "unix:///c" } }';

describe('MV207 crossHostPoolOverlap', () => {
  it('fires on a single ip_range shared by the hosts of a network', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        vlan10:
          parent: eth0.10
          subnet: 192.0.2.0/24
          ip_range: 192.0.2.128/25
          hosts: [lab1, lab2]
    `);
    const [f, ...more] = c.of('MV207');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '192.0.2.128/25');
    assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range']);
    assert.deepEqual(f.related, []);
    assert.deepEqual(f.data, { fix: 'partitionPool', network: 'vlan10' });
    assert.equal(
      f.message,
      'network vlan10 is on hosts lab1, lab2 and hands out ip_range 192.0.2.128/25 on each host: Docker IPAM is per host, ' +
        'so two hosts can give containers the same address — give each host its own range: ip_range: { lab1: …, lab2: … }',
    );
  });

  it('fires on the subnet when there is no ip_range, internal networks included', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        backend: { internal: true, subnet: 10.20.0.0/16 }
    `);
    const [f, ...more] = c.of('MV207');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '10.20.0.0/16');
    assert.deepEqual(f.path, ['networks', 'backend', 'subnet']);
    assert.match(f.message, /is on hosts lab1, lab2, lab3 and has no ip_range, so each host hands out its whole subnet 10\.20\.0\.0\/16/);
  });

  it('fires on the later host entry of a map whose ranges overlap, related to the earlier one', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        vlan10:
          parent: eth0.10
          subnet: 192.0.2.0/24
          ip_range:
            lab1: 192.0.2.128/26
            lab2: 192.0.2.160/27
          hosts: [lab1, lab2]
    `);
    const [f, ...more] = c.of('MV207');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '192.0.2.160/27');
    assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range', 'lab2']);
    assert.equal(c.textAt(f.related[0]), '192.0.2.128/26');
    assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ip_range', 'lab1']);
    assert.deepEqual(f.data, { fix: 'partitionPool', network: 'vlan10' });
    assert.equal(
      f.message,
      'ip_range 192.0.2.160/27 of host lab2 in network vlan10 overlaps the range of host lab1, 192.0.2.128/26 (line 8): ' +
        'Docker IPAM is per host, so both hosts can give containers the same address — give each host a disjoint range',
    );
  });

  it('fires once on the ip_range key for hosts missing from the map', () => {
    const c = check(`
      version: 1
      ${hosts}
      networks:
        vlan10:
          parent: eth0.10
          subnet: 192.0.2.0/24
          ip_range: { lab1: 192.0.2.128/26 }
    `);
    const [f, ...more] = c.of('MV207');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), 'ip_range');
    assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range']);
    assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ip_range', 'lab1']);
    assert.match(f.message, /^hosts lab2, lab3 of network vlan10 have no entry in the ip_range map, so each hands out the whole subnet 192\.0\.2\.0\/24, which overlaps the range of host lab1/);
  });

  it('stays quiet for disjoint per-host ranges and for a network on one host', () => {
    const quiet = (nets: string): void => {
      const c = check(`
        version: 1
        ${hosts}
        networks:
${nets}
      `);
      assert.deepEqual(c.of('MV207'), []);
      assert.deepEqual([...c.of('MV000'), ...c.of('MV001')], []);
    };
    quiet('          a: { parent: eth0.10, subnet: 192.0.2.0/24, ip_range: { lab1: 192.0.2.64/26, lab2: 192.0.2.128/26, lab3: 192.0.2.192/26 } }');
    quiet('          a: { parent: eth0.10, subnet: 192.0.2.0/24, ip_range: 192.0.2.128/25, hosts: [lab2] }');
    // IPv6 has no per-host ip_range in format v1, so it is not judged.
    quiet('          a: { parent: eth0.10, subnet: 192.0.2.0/24, ip_range: { lab1: 192.0.2.64/26, lab2: 192.0.2.128/26, lab3: 192.0.2.192/26 }, ipv6: { subnet: "2001:db8::/64" } }');
  });
});
