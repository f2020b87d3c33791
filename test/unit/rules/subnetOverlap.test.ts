import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';
import { overlapsEarlier } from '../../../core/analysis/hostNets';
import { makeCidr } from '../../../core/ip';

describe('MV201 subnetOverlap', () => {
  it('reports the later network, related to the earlier one, with renumber data', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.168.0.0/16
          gateway: 192.168.0.1
        vlan20:
          parent: eth0.20
          subnet: 192.168.1.0/24
          gateway: 192.168.1.1
    `);
    const [f, ...more] = c.of('MV201');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '192.168.1.0/24');
    assert.deepEqual(f.path, ['networks', 'vlan20', 'subnet']);
    assert.deepEqual(f.data, { fix: 'renumberNetwork', network: 'vlan20', family: 4 });
    assert.equal(f.related.length, 1);
    assert.equal(c.textAt(f.related[0]), '192.168.0.0/16');
    assert.deepEqual(f.related[0].path, ['networks', 'lan', 'subnet']);
    assert.equal(
      f.message,
      'subnet 192.168.1.0/24 of network vlan20 overlaps 192.168.0.0/16 of network lan (line 5) — ' +
        'Docker 29.0 refuses it with "Pool overlaps with other one on this address space"; give one of them a free subnet',
    );
  });

  it('counts identical subnets, and reports the later network even when it is the larger one', () => {
    const same = check(`
      version: 1
      networks:
        a: { parent: eth0.10, subnet: 192.0.2.0/24 }
        b: { parent: eth0.20, subnet: 192.0.2.0/24 }
    `).of('MV201');
    assert.equal(same.length, 1);
    assert.deepEqual(same[0].path, ['networks', 'b', 'subnet']);
    assert.match(same[0].message, /^subnet 192\.0\.2\.0\/24 of network b is the same as 192\.0\.2\.0\/24 of network a \(line 3\)/);

    const c = check(`
      version: 1
      networks:
        small: { parent: eth0.10, subnet: 10.0.1.0/24 }
        other: { parent: eth0.11, subnet: 10.0.2.0/24 }
        big: { parent: eth0.20, subnet: 10.0.0.0/16 }
    `);
    const fs = c.of('MV201');
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0].path, ['networks', 'big', 'subnet']);
    assert.deepEqual(fs[0].data, { fix: 'renumberNetwork', network: 'big', family: 4 });
    assert.deepEqual(fs[0].related[0].path, ['networks', 'small', 'subnet']);
    assert.match(fs[0].message, /of network small \(line 3\) and 1 more network —/);
  });

  it('reports every network that overlaps an earlier one, even inside a later, larger block', () => {
    const c = check(`
      version: 1
      networks:
        m: { parent: eth0.10, subnet: 10.0.1.0/24 }
        n: { parent: eth0.11, subnet: 10.0.1.128/25 }
        r: { parent: eth0.12, subnet: 10.0.0.0/16 }
    `);
    const got = c.of('MV201').map((f) => [f.path[1], f.related[0].path[1]]);
    assert.deepEqual(got, [
      ['n', 'm'],
      ['r', 'm'],
    ]);
  });

  it('checks IPv6 subnets on their own, with family 6 in the data', () => {
    const c = check(`
      version: 1
      networks:
        a: { parent: eth0.10, subnet: 192.0.2.0/24, ipv6: { subnet: "2001:db8::/48" } }
        b: { parent: eth0.20, subnet: 198.51.100.0/24, ipv6: { subnet: "2001:db8:0:10::/64" } }
    `);
    const [f, ...more] = c.of('MV201');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '"2001:db8:0:10::/64"');
    assert.deepEqual(f.path, ['networks', 'b', 'ipv6', 'subnet']);
    assert.deepEqual(f.data, { fix: 'renumberNetwork', network: 'b', family: 6 });
    assert.deepEqual(f.related[0].path, ['networks', 'a', 'ipv6', 'subnet']);
    assert.match(f.message, /^ipv6 subnet 2001:db8:0:10::\/64 of network b overlaps 2001:db8::\/48 of network a/);
  });

  it('reports a pair that overlaps on two hosts once, naming both hosts', () => {
    const c = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///var/run/docker.sock" }, lab2: { docker: "ssh://ops@lab2.example" } }
      networks:
        a: { parent: eth0.10, subnet: 192.0.2.0/24 }
        b: { parent: eth0.20, subnet: 192.0.2.0/25 }
    `);
    const fs = c.of('MV201');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /\(line 4\) on hosts lab1, lab2 — /);
  });

  it('stays quiet for adjacent subnets and for the same subnet on different hosts', () => {
    assert.deepEqual(
      check(`
        version: 1
        networks:
          a: { parent: eth0.10, subnet: 192.0.2.0/25 }
          b: { parent: eth0.20, subnet: 192.0.2.128/25 }
          c: { parent: eth0.30, subnet: 198.51.100.0/24, ipv6: { subnet: "2001:db8:1::/64" } }
          d: { parent: eth0.40, subnet: 203.0.113.0/24, ipv6: { subnet: "2001:db8:2::/64" } }
      `).of('MV201'),
      [],
    );
    assert.deepEqual(
      check(`
        version: 1
        hosts: { lab1: { docker: "unix:///var/run/docker.sock" }, lab2: { docker: "ssh://ops@lab2.example" } }
        networks:
          a: { parent: eth0.10, subnet: 192.0.2.0/24, hosts: [lab1] }
          b: { parent: eth0.10, subnet: 192.0.2.0/24, hosts: [lab2] }
      `).of('MV201'),
      [],
    );
  });

  it('scales: 4,000 disjoint networks give no finding, and one overlap among them gives exactly one', () => {
    const spec = (extra: string): string => {
      const lines = ['version: 1', 'networks:'];
      for (let i = 0; i < 4000; i++) lines.push(`  n${i}: { parent: eth0, subnet: 10.${i >> 8}.${i & 255}.0/24 }`);
      return lines.join('\n') + extra + '\n';
    };
    assert.equal(check(spec('')).of('MV201').length, 0);
    const one = check(spec('\n  late: { parent: eth0, subnet: 10.3.7.128/25 }')).of('MV201');
    assert.equal(one.length, 1);
    assert.deepEqual(one[0].path, ['networks', 'late', 'subnet']);
    assert.deepEqual(one[0].related[0].path, ['networks', `n${3 * 256 + 7}`, 'subnet']);
  });
});

describe('overlapsEarlier', () => {
  it('agrees with a brute-force search on random CIDR blocks (index = file order)', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const blocks = Array.from({ length: 1 + rnd(30) }, () => {
        const c = makeCidr(4, BigInt(0x0a000000 + rnd(1 << 13) * 16), 20 + rnd(9));
        return { network: c.network, last: c.last };
      });
      const hits = overlapsEarlier(blocks);
      const got = new Map<number, [number, number]>();
      for (let k = 0; k < hits.length; k += 3) got.set(hits[k], [hits[k + 1], hits[k + 2]]);
      blocks.forEach((b, i) => {
        const over = blocks.map((_, j) => j).filter((j) => j !== i && blocks[j].network <= b.last && b.network <= blocks[j].last);
        const earlier = over.filter((j) => j < i);
        assert.deepEqual(got.get(i), earlier.length > 0 ? [earlier[0], over.length] : undefined, `round ${round} block ${i}`);
      });
    }
  });
});

describe('MV201 quotes the engine in use', () => {
  it('before 18.09 the engine failed on the gateway, and the message says so in its words', () => {
    const spec = (engine: string) => `
      version: 1
      hosts:
        h1: { engine: "${engine}" }
      networks:
        lan: { parent: eth0, subnet: 192.168.0.0/16, gateway: 192.168.0.1 }
        vlan20: { parent: eth1, subnet: 192.168.1.0/24, gateway: 192.168.1.1 }
    `;
    assert.match(check(spec('18.06')).of('MV201')[0].message, / — Docker 18\.06 refuses it with "failed to allocate gateway \(192\.168\.1\.1\): Address already in use"; give one of them a free subnet$/);
    assert.match(check(spec('18.09')).of('MV201')[0].message, / — Docker 18\.09 refuses it with "Pool overlaps with other one on this address space"; give one of them a free subnet$/);
    assert.match(check(spec('20.10')).of('MV201')[0].message, /Docker 20\.10 refuses it with "Pool overlaps/);
  });
});
