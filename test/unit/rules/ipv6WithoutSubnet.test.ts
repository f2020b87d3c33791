import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (ipv6: string, addr = '"2001:db8:10::10"'): string => `
  version: 1
  networks:
    vlan10:
      parent: eth0.10
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
      ${ipv6}
  containers:
    web:
      image: nginx:alpine
      networks:
        vlan10:
          ipv4_address: 192.0.2.10
          ipv6_address: ${addr}
`;

test('MV407 fires on an ipv6_address when the network has no ipv6 subnet', () => {
  const r = check(spec(''));
  const [f, ...rest] = r.of('MV407');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '"2001:db8:10::10"');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10', 'ipv6_address']);
  assert.equal(r.textAt(f.related[0]), 'vlan10');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10']);
  assert.deepEqual(f.data, { fix: 'removeKey' });
  // An ipv6 block with only a gateway still has no subnet.
  assert.equal(check(spec('ipv6: { gateway: "2001:db8:10::1" }')).of('MV407').length, 1);
});

test('MV407 near misses: an ipv6 subnet is set; a malformed ipv6 subnet or address is MV101 only', () => {
  assert.deepEqual(check(spec('ipv6: { subnet: "2001:db8:10::/64" }')).of('MV407'), []);
  const badSubnet = check(spec('ipv6: { subnet: "2001:db8:10::/129" }'));
  assert.deepEqual(badSubnet.of('MV407'), []);
  assert.equal(badSubnet.of('MV101').length, 1);
  const badAddr = check(spec('', '"2001:db8:10::1::2"'));
  assert.deepEqual(badAddr.of('MV407'), []);
  assert.equal(badAddr.of('MV101').length, 1);
});
