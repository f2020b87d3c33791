import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV202 ipRangeOverlap', () => {
  it('warns on the later ip_range when two networks share a subnet and their ranges overlap, on top of MV201', () => {
    const c = check(`
      version: 1
      networks:
        a:
          parent: eth0
          subnet: 192.0.2.0/24
          ip_range: 192.0.2.0/25
        b:
          parent: eth1
          subnet: 192.0.2.0/24
          ip_range: 192.0.2.64/26
    `);
    const [f, ...more] = c.of('MV202');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(c.textAt(f), '192.0.2.64/26');
    assert.deepEqual(f.path, ['networks', 'b', 'ip_range']);
    assert.equal(f.related.length, 1);
    assert.equal(c.textAt(f.related[0]), '192.0.2.0/25');
    assert.deepEqual(f.related[0].path, ['networks', 'a', 'ip_range']);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'the pool of network b (ip_range 192.0.2.64/26) overlaps the pool of network a (ip_range 192.0.2.0/25, line 6) ' +
        'in their shared subnet 192.0.2.0/24 — both would hand out the same addresses; give each network a disjoint ip_range',
    );
    assert.equal(c.of('MV201').length, 1);
  });

  it('treats a network without ip_range as handing out its whole subnet', () => {
    const c = check(`
      version: 1
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24, ip_range: 192.0.2.128/25 }
        b: { parent: eth1, subnet: 192.0.2.0/24 }
    `);
    const [f, ...more] = c.of('MV202');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '192.0.2.0/24');
    assert.deepEqual(f.path, ['networks', 'b', 'subnet']);
    assert.deepEqual(f.related[0].path, ['networks', 'a', 'ip_range']);
    assert.match(f.message, /^the pool of network b \(the whole subnet, as it has no ip_range\) overlaps/);
  });

  it('uses the per-host entry of an ip_range map on that host', () => {
    const c = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///var/run/docker.sock" }, lab2: { docker: "ssh://ops@lab2.example" } }
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24, ip_range: { lab1: 192.0.2.0/26, lab2: 192.0.2.64/26 } }
        b: { parent: eth1, subnet: 192.0.2.0/24, hosts: [lab2], ip_range: 192.0.2.96/27 }
    `);
    const [f, ...more] = c.of('MV202');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'b', 'ip_range']);
    assert.deepEqual(f.related[0].path, ['networks', 'a', 'ip_range', 'lab2']);
    assert.match(f.message, /ip_range for host lab2 192\.0\.2\.64\/26, line 4\) in their shared subnet 192\.0\.2\.0\/24 on host lab2 —/);
  });

  it('stays quiet for disjoint ranges, two whole-subnet pools, other subnets and other hosts', () => {
    const quiet = (yaml: string): void => {
      const c = check(yaml);
      assert.deepEqual(c.of('MV202'), []);
      assert.deepEqual([...c.of('MV000'), ...c.of('MV001')], []);
    };
    quiet(`
      version: 1
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24, ip_range: 192.0.2.0/25 }
        b: { parent: eth1, subnet: 192.0.2.0/24, ip_range: 192.0.2.128/25 }
    `);
    // Same subnet, no ip_range on either: MV201 says it all.
    const both = check(`
      version: 1
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24 }
        b: { parent: eth1, subnet: 192.0.2.0/24 }
    `);
    assert.deepEqual(both.of('MV202'), []);
    assert.equal(both.of('MV201').length, 1);
    // Overlapping subnets that are not the same subnet.
    quiet(`
      version: 1
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24, ip_range: 192.0.2.0/25 }
        b: { parent: eth1, subnet: 192.0.2.0/25, ip_range: 192.0.2.0/26 }
    `);
    quiet(`
      version: 1
      hosts: { lab1: { docker: "unix:///var/run/docker.sock" }, lab2: { docker: "ssh://ops@lab2.example" } }
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24, ip_range: 192.0.2.0/25, hosts: [lab1] }
        b: { parent: eth0, subnet: 192.0.2.0/24, ip_range: 192.0.2.0/25, hosts: [lab2] }
    `);
  });
});
