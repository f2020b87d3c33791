import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggest } from '../../../core/schema/suggest';

test('edit distance counts an adjacent swap as one edit', () => {
  assert.equal(editDistance('subnet', 'subnet'), 0);
  assert.equal(editDistance('subnett', 'subnet'), 1);
  assert.equal(editDistance('netwroks', 'networks'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('suggest picks the closest candidate within reach, ignoring case', () => {
  const keys = ['driver', 'parent', 'vlan', 'mode', 'subnet', 'gateway', 'ip_range'];
  assert.equal(suggest('subnett', keys), 'subnet');
  assert.equal(suggest('Gateway', keys), 'gateway');
  assert.equal(suggest('gatway', keys), 'gateway');
  assert.equal(suggest('vlna', keys), 'vlan');
  assert.equal(suggest('ports', keys), undefined);
  assert.equal(suggest('x', keys), undefined);
});

test('a unique prefix counts; an ambiguous one does not', () => {
  assert.equal(suggest('ipv4', ['ipv4_address', 'ipv6_address', 'mac_address']), 'ipv4_address');
  assert.equal(suggest('ipv', ['ipv4_address', 'ipv6_address']), undefined);
});
