import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaKeysAt, schemaNodeAt } from '../../../core/schema/validate';

test('keys at the top level', () => {
  assert.deepEqual(schemaKeysAt([]).map((k) => k.key), ['version', 'name', 'hosts', 'networks', 'containers']);
});

test('keys of a network, through the networks map, with documentation and enums', () => {
  const keys = schemaKeysAt(['networks', 'anything']);
  assert.deepEqual(keys.map((k) => k.key), ['driver', 'parent', 'vlan', 'mode', 'ipvlan_flag', 'subnet', 'gateway', 'ip_range', 'aux_addresses', 'exclude', 'ipv6', 'internal', 'hosts', 'scope', 'labels', 'host_shim']);
  const mode = keys.find((k) => k.key === 'mode');
  assert.ok(mode !== undefined);
  assert.deepEqual(mode.enum, ['bridge', 'private', 'vepa', 'passthru', 'l2', 'l3', 'l3s']);
  assert.equal(mode.enumDescriptions?.length, 7);
  assert.match(mode.description, /MV306/);
  assert.match(mode.markdownDescription ?? '', /`l3s`/);
  for (const k of keys) assert.notEqual(k.description, '', k.key);
  const scope = keys.find((k) => k.key === 'scope');
  assert.deepEqual(scope?.enum, ['local', 'swarm']);
  assert.match(scope?.markdownDescription ?? '', /config-only network `<name>-config`/);
});

test('keys through $ref: tls of a host, ipv6 of a network, a container attachment', () => {
  assert.deepEqual(schemaKeysAt(['hosts', 'lab1', 'tls']).map((k) => k.key), ['ca', 'cert', 'key']);
  assert.deepEqual(schemaKeysAt(['networks', 'n', 'ipv6']).map((k) => k.key), ['subnet', 'gateway', 'ip_range']);
  assert.deepEqual(schemaKeysAt(['containers', 'web', 'networks', 'vlan10']).map((k) => k.key), ['ipv4_address', 'ipv6_address', 'mac_address']);
});

test('restart offers the enum values of its anyOf', () => {
  const restart = schemaKeysAt(['containers', 'web']).find((k) => k.key === 'restart');
  assert.deepEqual(restart?.enum, ['no', 'always', 'unless-stopped', 'on-failure']);
  assert.equal(restart?.enumDescriptions?.length, 4);
});

test('maps with user-chosen keys, scalars and unknown places have no keys', () => {
  assert.deepEqual(schemaKeysAt(['networks']), []);
  assert.deepEqual(schemaKeysAt(['networks', 'n', 'labels']), []);
  assert.deepEqual(schemaKeysAt(['version']), []);
  assert.deepEqual(schemaKeysAt(['nope', 'deeper']), []);
  assert.deepEqual(schemaKeysAt(['networks', 'n', 'constructor']), []);
});

test('schemaNodeAt returns the resolved node, list items by index, undefined for unknown keys', () => {
  const vlan = schemaNodeAt(['networks', 'n', 'vlan']);
  assert.equal(vlan?.type, 'integer');
  assert.equal(vlan?.minimum, 1);
  assert.equal(vlan?.maximum, 4094);
  assert.equal(schemaNodeAt(['hosts', 'h', 'interfaces', 0])?.type, 'string');
  assert.equal(schemaNodeAt(['containers', 'c', 'command', 2])?.type, 'string');
  assert.deepEqual(schemaNodeAt(['containers', 'c', 'networks', 'n'])?.type, ['object', 'null']);
  assert.equal(schemaNodeAt(['networks', 'n', 'labels', 'any.label'])?.type, 'string');
  assert.equal(schemaNodeAt(['networks', 'n', 'ip_range', 'lab1'])?.type, 'string');
  assert.equal(schemaNodeAt(['networks', 'n', 'subnett']), undefined);
  assert.equal(schemaNodeAt(['networks', 'n', 'hasOwnProperty']), undefined);
  assert.equal(schemaNodeAt([])?.title, 'macvlan.yaml (format v1)');
});
