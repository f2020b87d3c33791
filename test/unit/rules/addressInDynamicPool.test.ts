import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (addr: string, range = 'ip_range: 192.0.2.128/25'): string => `
  version: 1
  networks:
    vlan10:
      parent: eth0.10
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      ${range}
      ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1", ip_range: "2001:db8:10::1000/116" }
  containers:
    web:
      image: nginx:alpine
      networks:
        vlan10:
          ${addr}
`;

test('MV405 warns on a static address inside ip_range, related to it', () => {
  const r = check(spec('ipv4_address: 192.0.2.128'));
  const [f, ...rest] = r.of('MV405');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.equal(r.textAt(f), '192.0.2.128');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10', 'ipv4_address']);
  assert.equal(r.textAt(f.related[0]), '192.0.2.128/25');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ip_range']);
  assert.match(f.message, /inside ip_range 192\.0\.2\.128\/25 of network vlan10 \(line 7\)/);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 4 });
});

test('MV405 warns on an ipv6_address inside the ipv6 ip_range', () => {
  const r = check(spec('ipv6_address: "2001:db8:10::1abc"'));
  const [f] = r.of('MV405');
  assert.equal(r.textAt(f), '"2001:db8:10::1abc"');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ipv6', 'ip_range']);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 6 });
});

test('MV405 near misses: just outside ip_range, and no ip_range at all', () => {
  assert.deepEqual(check(spec('ipv4_address: 192.0.2.127')).of('MV405'), []);
  assert.deepEqual(check(spec('ipv6_address: "2001:db8:10::fff"')).of('MV405'), []);
  assert.deepEqual(check(spec('ipv4_address: 192.0.2.200', '')).of('MV405'), []);
});

const perHost = (host: string, addr: string): string => `
  version: 1
  hosts:
    lab1: { docker: "ssh://ops@lab1.example" }
    lab2: { docker: "ssh://ops@lab2.example" }
  networks:
    vlan10:
      parent: eth0.10
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      ip_range: { lab1: 192.0.2.128/26, lab2: 192.0.2.192/26 }
  containers:
    web:
      image: nginx:alpine
      host: ${host}
      networks:
        vlan10: { ipv4_address: ${addr} }
`;

test("MV405 per-host ip_range: only the container's own host's entry counts", () => {
  const r = check(perHost('lab2', '192.0.2.200'));
  const [f, ...rest] = r.of('MV405');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f.related[0]), '192.0.2.192/26');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'ip_range', 'lab2']);
  assert.match(f.message, /ip_range of host lab2/);
  assert.deepEqual(check(perHost('lab1', '192.0.2.200')).of('MV405'), []);
});
