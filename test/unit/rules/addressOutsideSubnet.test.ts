import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (subnet: string, v4: string, v6 = ''): string => `
  version: 1
  networks:
    vlan10:
      parent: eth0.10
      ${subnet}
      ipv6: { subnet: "2001:db8:10::/64" }
  containers:
    web:
      image: nginx:alpine
      networks:
        vlan10:
          ${v4}
          ${v6}
`;

test('MV402 fires on an ipv4_address outside the subnet', () => {
  const r = check(spec('subnet: 192.0.2.0/24', 'ipv4_address: 198.51.100.10'));
  const [f, ...rest] = r.of('MV402');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '198.51.100.10');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10', 'ipv4_address']);
  assert.equal(f.related.length, 1);
  assert.equal(r.textAt(f.related[0]), '192.0.2.0/24');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'subnet']);
  assert.match(f.message, /outside subnet 192\.0\.2\.0\/24 of network vlan10 \(line 5\)/);
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 4 });
});

test('MV402 fires on an ipv6_address outside the ipv6 subnet', () => {
  const r = check(spec('subnet: 192.0.2.0/24', 'ipv4_address: 192.0.2.10', 'ipv6_address: "2001:db8:20::10"'));
  const [f, ...rest] = r.of('MV402');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '"2001:db8:20::10"');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10', 'ipv6_address']);
  assert.equal(r.textAt(f.related[0]), '"2001:db8:10::/64"');
  assert.deepEqual(f.data, { fix: 'assignAddress', container: 'web', network: 'vlan10', family: 6 });
});

test('MV402 fires when the network has no subnet at all (Docker refuses static addresses then)', () => {
  const r = check(spec('', 'ipv4_address: 192.0.2.10'));
  const [f] = r.of('MV402');
  assert.equal(r.textAt(f), '192.0.2.10');
  assert.match(f.message, /has no subnet/);
  assert.equal(r.textAt(f.related[0]), 'vlan10');
});

test('MV402 near misses: first and last usable address, a malformed subnet (MV101 only), an undefined network', () => {
  assert.deepEqual(check(spec('subnet: 192.0.2.0/24', 'ipv4_address: 192.0.2.254')).of('MV402'), []);
  assert.deepEqual(check(spec('subnet: 192.0.2.0/24', 'ipv4_address: 192.0.2.1')).of('MV402'), []);
  const bad = check(spec('subnet: 192.0.2.0/33', 'ipv4_address: 198.51.100.10'));
  assert.deepEqual(bad.of('MV402'), []);
  assert.equal(bad.of('MV101').length, 1);
  const r = check(`
    version: 1
    containers:
      web:
        image: nginx:alpine
        networks:
          nowhere:
            ipv4_address: 198.51.100.10
  `);
  assert.deepEqual(r.of('MV402'), []);
});
