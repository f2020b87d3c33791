import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (net: string, addr = 'ipv4_address: 192.0.2.10'): string => `
  version: 1
  networks:
    vlan10:
      parent: eth0.10
      subnet: 192.0.2.0/24
      ${net}
      exclude: [192.0.2.100-192.0.2.119, 192.0.2.250, "2001:db8:10::100-2001:db8:10::1ff"]
  containers:
    web:
      image: nginx:alpine
      networks:
        vlan10:
          ${addr}
`;
const base = 'gateway: 192.0.2.1\n      ip_range: 192.0.2.0/26\n      ipv6: { subnet: "2001:db8:10::/64", ip_range: "2001:db8:10::/120" }';

test('MV411 fires (error) on a container address inside an exclude entry, related to the entry', () => {
  const r = check(spec(base, 'ipv4_address: 192.0.2.105'));
  const [f, ...rest] = r.of('MV411');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '192.0.2.105');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10', 'ipv4_address']);
  assert.equal(r.textAt(f.related[0]), '192.0.2.100-192.0.2.119');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'exclude', 0]);
  assert.match(f.message, /inside exclude entry 192\.0\.2\.100-192\.0\.2\.119 of network vlan10 \(line 9\)/);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 4 });
});

test('MV411 fires on an ipv6_address inside an IPv6 exclude range', () => {
  const r = check(spec(base, 'ipv6_address: "2001:db8:10::1ab"'));
  const [f] = r.of('MV411').filter((x) => x.severity === 'error');
  assert.equal(r.textAt(f), '"2001:db8:10::1ab"');
  assert.equal(r.textAt(f.related[0]), '"2001:db8:10::100-2001:db8:10::1ff"');
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 6 });
});

test('MV411 fires (error) on a gateway inside exclude, without an address hint', () => {
  const r = check(spec('gateway: 192.0.2.250\n      ip_range: 192.0.2.0/26'));
  const [f, ...rest] = r.of('MV411');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '192.0.2.250');
  assert.deepEqual(f.path, ['networks', 'vlan10', 'gateway']);
  assert.equal(r.textAt(f.related[0]), '192.0.2.250');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'exclude', 1]);
  assert.equal(f.data, undefined);
});

test('MV411 warns on a pool that contains excluded addresses (ip_range, ipv6 ip_range, or the whole subnet)', () => {
  const r = check(spec('gateway: 192.0.2.1\n      ip_range: 192.0.2.64/26'));
  const [f, ...rest] = r.of('MV411');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.equal(r.textAt(f), '192.0.2.64/26');
  assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range']);
  assert.match(f.message, /contains 20 excluded addresses \(192\.0\.2\.100-192\.0\.2\.119 \(line 8\)\)/);
  assert.match(f.message, /narrow ip_range to avoid them, or list them in aux_addresses/);
  assert.equal(f.related.length, 1);
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'exclude', 0]);
  assert.equal(f.data, undefined);

  const whole = check(spec('gateway: 192.0.2.1\n      ipv6: { subnet: "2001:db8:10::/64" }'));
  const pools = whole.of('MV411');
  assert.deepEqual(pools.map((x) => [whole.textAt(x), x.severity]), [
    ['192.0.2.0/24', 'warning'],
    ['"2001:db8:10::/64"', 'warning'],
  ]);
  assert.match(pools[0].message, /contains 21 excluded addresses/);
  assert.match(pools[0].message, /set an ip_range that avoids them/);
  assert.match(pools[1].message, /contains 256 excluded addresses/);
});

test('MV411 aux inside exclude does not fire, and an excluded address reserved as aux is not counted in a pool', () => {
  const r = check(spec('gateway: 192.0.2.1\n      ip_range: 192.0.2.192/26\n      aux_addresses: { printer: 192.0.2.250 }'));
  assert.deepEqual(r.of('MV411'), []);
  // Half covered: one of two excluded addresses in the pool is still up for grabs.
  const half = check(`
    version: 1
    networks:
      vlan10:
        parent: eth0.10
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: 192.0.2.192/26
        aux_addresses: { printer: 192.0.2.250 }
        exclude: [192.0.2.250-192.0.2.251]
  `);
  const [f] = half.of('MV411');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /contains 1 excluded address /);
});

test('MV411 near misses: an address just outside an exclude entry; a pool that avoids every entry', () => {
  const r = check(spec(base, 'ipv4_address: 192.0.2.120'));
  assert.deepEqual(r.of('MV411'), []);
  assert.deepEqual(check(spec(base, 'ipv4_address: 192.0.2.99')).of('MV411'), []);
});

test('MV411 per-host pools: each host entry is judged on its own', () => {
  const r = check(`
    version: 1
    hosts:
      lab1: { docker: "ssh://ops@lab1.example" }
      lab2: { docker: "ssh://ops@lab2.example" }
    networks:
      vlan10:
        parent: eth0.10
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: { lab1: 192.0.2.64/26, lab2: 192.0.2.128/26 }
        exclude: [192.0.2.100-192.0.2.119]
  `);
  const [f, ...rest] = r.of('MV411');
  assert.equal(rest.length, 0);
  assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range', 'lab1']);
  assert.match(f.message, /ip_range of host lab1 192\.0\.2\.64\/26/);
});
