import assert from 'node:assert/strict';
import { test } from 'node:test';
import { familyFacts } from '../../../core/analysis/addressSpace';
import { subnetOf } from '../../../core/analysis/hostNets';
import { checkText } from '../../../core/check';

test('familyFacts and subnetOf agree: a value of the other family under subnet:/gateway: counts as absent', () => {
  const { facts } = checkText(['version: 1', 'networks:', '  odd:', '    parent: eth0', '    subnet: "2001:db8::/64"', '    gateway: "2001:db8::1"', '    ip_range: "2001:db8::/80"', ''].join('\n'));
  const net = facts.netByName.get('odd')!;
  assert.equal(subnetOf(net, 4), undefined);
  const v4 = familyFacts(net, 4);
  assert.equal(v4.subnet, undefined);
  assert.equal(net.gateway?.family, 6, 'facts keep the parsed gateway');
  assert.equal(v4.gateway, undefined, 'an IPv6 gateway is no IPv4 gateway (it was before)');
  assert.deepEqual(v4.pools, []);
  assert.equal(v4.gatewayVal?.value, '2001:db8::1', 'the gateway as written stays, for a fix to overwrite');
});

test('familyFacts: the IPv4 and IPv6 views of a dual-stack network', () => {
  const { facts } = checkText(
    ['version: 1', 'networks:', '  lan:', '    parent: eth0', '    subnet: 192.0.2.0/24', '    gateway: 192.0.2.1', '    ip_range: 192.0.2.128/25', '    ipv6: { subnet: "2001:db8::/64", gateway: "2001:db8::1" }', ''].join('\n'),
  );
  const net = facts.netByName.get('lan')!;
  const v4 = familyFacts(net, 4);
  const v6 = familyFacts(net, 6);
  assert.equal(v4.subnet, subnetOf(net, 4));
  assert.equal(v6.subnet, subnetOf(net, 6));
  assert.equal(v4.gateway?.family, 4);
  assert.equal(v6.gateway?.family, 6);
  assert.equal(v4.pools.length, 1);
  assert.equal(v6.pools.length, 0);
});
