import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (addr: string, extra = ''): string => `
  version: 1
  networks:
    vlan10:
      parent: eth0.10
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      aux_addresses: { router2: 192.0.2.2 }
      ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" }
  containers:
    web:
      image: nginx:alpine
      networks:
        vlan10:
          ${addr}
          ${extra}
`;

test('MV403 fires on the gateway, related to it', () => {
  const r = check(spec('ipv4_address: 192.0.2.1'));
  const [f, ...rest] = r.of('MV403');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '192.0.2.1');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10', 'ipv4_address']);
  assert.equal(r.textAt(f.related[0]), '192.0.2.1');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'gateway']);
  assert.match(f.message, /is the gateway of network vlan10 \(line 6\)/);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 4 });
});

test('MV403 fires on the network and broadcast addresses, related to the subnet', () => {
  for (const [addr, what] of [['192.0.2.0', 'network'], ['192.0.2.255', 'broadcast']]) {
    const r = check(spec(`ipv4_address: ${addr}`));
    const [f, ...rest] = r.of('MV403');
    assert.equal(rest.length, 0);
    assert.equal(r.textAt(f), addr);
    assert.match(f.message, new RegExp(`the ${what} address of subnet`));
    assert.equal(r.textAt(f.related[0]), '192.0.2.0/24');
  }
});

test('MV403 fires on an aux address, related to it', () => {
  const r = check(spec('ipv4_address: 192.0.2.2'));
  const [f] = r.of('MV403');
  assert.equal(r.textAt(f), '192.0.2.2');
  assert.match(f.message, /aux address router2/);
  assert.equal(r.textAt(f.related[0]), '192.0.2.2');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'aux_addresses', 'router2']);
});

test('MV403 fires on the ipv6 gateway and the ipv6 subnet-router anycast address', () => {
  const r = check(spec('ipv4_address: 192.0.2.10', 'ipv6_address: "2001:db8:10::1"'));
  const [f] = r.of('MV403');
  assert.equal(r.textAt(f), '"2001:db8:10::1"');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ipv6', 'gateway']);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 6 });
  const n = check(spec('ipv4_address: 192.0.2.10', 'ipv6_address: "2001:db8:10::"'));
  assert.match(n.of('MV403')[0].message, /network address of ipv6 subnet/);
});

const noGateway = (engine: string): string => `
  version: 1
  hosts:
    lab1: { docker: "ssh://ops@lab1.example", engine: "${engine}" }
  networks:
    vlan10:
      parent: eth0.10
      subnet: 192.0.2.0/24
      ip_range: 192.0.2.128/25
  containers:
    web:
      image: nginx:alpine
      networks:
        vlan10:
          ipv4_address: 192.0.2.128
`;

test('MV403 fires on the gateway an engine before 29 picks itself (first address of ip_range)', () => {
  const r = check(noGateway('27.3'));
  const [f, ...rest] = r.of('MV403');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '192.0.2.128');
  assert.match(f.message, /Docker Engine 27\.3 assigns itself/);
  assert.equal(r.textAt(f.related[0]), '192.0.2.128/25');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ip_range']);
});

test('MV403 near misses: an ordinary host address; engine 29 picks no gateway; an address outside the subnet is MV402 only', () => {
  assert.deepEqual(check(spec('ipv4_address: 192.0.2.3')).of('MV403'), []);
  assert.deepEqual(check(spec('ipv4_address: 192.0.2.254')).of('MV403'), []);
  assert.deepEqual(check(noGateway('29.0')).of('MV403'), []);
  const out = check(spec('ipv4_address: 198.51.100.1'));
  assert.deepEqual(out.of('MV403'), []);
  assert.equal(out.of('MV402').length, 1);
});
