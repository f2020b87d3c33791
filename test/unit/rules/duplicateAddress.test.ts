import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

test('MV404 fires on the later of two containers with one address on one network, related to the first', () => {
  const r = check(`
    version: 1
    networks:
      vlan10: { parent: eth0, vlan: 10, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      a:
        image: nginx:alpine
        networks:
          vlan10: { ipv4_address: 192.0.2.10 }
      b:
        image: nginx:alpine
        networks:
          vlan10: { ipv4_address: 192.0.2.10 }
  `);
  const [f, ...rest] = r.of('MV404');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '192.0.2.10');
  assert.deepEqual(f.path, ['containers', 'b', 'networks', 'vlan10', 'ipv4_address']);
  assert.equal(f.related.length, 1);
  assert.deepEqual(f.related[0].path, ['containers', 'a', 'networks', 'vlan10', 'ipv4_address']);
  assert.equal(r.textAt(f.related[0]), '192.0.2.10');
  assert.match(f.message, /already used by container a on segment eth0\.10 \(line 8\)/);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'b', network: 'vlan10', family: 4 });
});

test('MV404 fires across hosts and across two networks on the same segment (parent eth0.10 = eth0 + vlan 10)', () => {
  const r = check(`
    version: 1
    hosts:
      lab1: { docker: "ssh://ops@lab1.example" }
      lab2: { docker: "ssh://ops@lab2.example" }
    networks:
      left: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1, hosts: [lab1] }
      right: { parent: eth0, vlan: 10, subnet: 192.0.2.0/24, gateway: 192.0.2.1, hosts: [lab2] }
    containers:
      a:
        image: nginx:alpine
        host: lab1
        networks:
          left: { ipv4_address: 192.0.2.10, ipv6_address: "2001:db8::10" }
      b:
        image: nginx:alpine
        host: lab2
        networks:
          right: { ipv4_address: 192.0.2.10 }
  `);
  const [f, ...rest] = r.of('MV404');
  assert.equal(rest.length, 0);
  assert.deepEqual(f.path, ['containers', 'b', 'networks', 'right', 'ipv4_address']);
  assert.match(f.message, /container a \(network left\) on host lab1 on segment eth0\.10/);
});

test('MV404 fires for the same ipv6_address on one segment', () => {
  const r = check(`
    version: 1
    networks:
      v6: { parent: eth1, subnet: 192.0.2.0/24, ipv6: { subnet: "2001:db8:1::/64" } }
    containers:
      a: { image: x, networks: { v6: { ipv6_address: "2001:db8:1::10" } } }
      b: { image: x, networks: { v6: { ipv6_address: "2001:db8:1:0::10" } } }
  `);
  const [f, ...rest] = r.of('MV404');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '"2001:db8:1:0::10"');
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'b', network: 'v6', family: 6 });
});

test('MV404 near miss: the same address and subnet on two different VLAN segments does not collide', () => {
  const r = check(`
    version: 1
    networks:
      vlan10: { parent: eth0, vlan: 10, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
      vlan20: { parent: eth0, vlan: 20, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      a: { image: x, networks: { vlan10: { ipv4_address: 192.0.2.10 } } }
      b: { image: x, networks: { vlan20: { ipv4_address: 192.0.2.10 } } }
  `);
  assert.deepEqual(r.of('MV404'), []);
});

test('MV404 internal networks without parent: per host, so copies on two hosts do not collide', () => {
  const spec = (hostB: string): string => `
    version: 1
    hosts:
      lab1: { docker: "ssh://ops@lab1.example" }
      lab2: { docker: "ssh://ops@lab2.example" }
    networks:
      backend: { internal: true, subnet: 10.10.0.0/24 }
    containers:
      a: { image: x, host: lab1, networks: { backend: { ipv4_address: 10.10.0.10 } } }
      b: { image: x, host: ${hostB}, networks: { backend: { ipv4_address: 10.10.0.10 } } }
  `;
  assert.deepEqual(check(spec('lab2')).of('MV404'), []);
  const same = check(spec('lab1'));
  assert.equal(same.of('MV404').length, 1);
  assert.match(same.of('MV404')[0].message, /on network backend on host lab1/);
});

function bigSpec(n: number, duplicateOf?: number): string {
  const lines = ['version: 1', 'networks:', '  big: { parent: eth0, subnet: 10.0.0.0/8, gateway: 10.0.0.1 }', 'containers:'];
  const addr = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255)}`;
  for (let i = 0; i < n; i++) {
    // Offset by 2^8 so neither the network address nor the gateway is ever used.
    lines.push(`  c${i}: { image: x, networks: { big: { ipv4_address: ${addr(i + 256)} } } }`);
  }
  if (duplicateOf !== undefined) lines.push(`  dup: { image: x, networks: { big: { ipv4_address: ${addr(duplicateOf + 256)} } } }`);
  return lines.join('\n');
}

test('MV404 scale: 40,000 unique addresses give no finding, one duplicate gives exactly one', () => {
  assert.equal(check(bigSpec(40_000)).of('MV404').length, 0);
  const r = check(bigSpec(40_000, 12_345));
  const found = r.of('MV404');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0].path, ['containers', 'dup', 'networks', 'big', 'ipv4_address']);
  assert.deepEqual(found[0].related[0].path, ['containers', 'c12345', 'networks', 'big', 'ipv4_address']);
});
