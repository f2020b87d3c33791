import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toNetworkDetail, toObservedNetwork, toSwarmState } from '../../../docker/convert';
import { networkBody } from '../../../docker/dockerodeHost';

// Shapes as Docker 20.10 (API 1.41) answers them (see shared facts: docker-swarm-macvlan.md).
test('toSwarmState: a manager, a worker, and a node outside any swarm', () => {
  const manager = { Swarm: { NodeID: 'n1id', LocalNodeState: 'active', ControlAvailable: true, Cluster: { ID: 'c1' }, RemoteManagers: [{ NodeID: 'n1id', Addr: '198.51.100.11:2377' }] } };
  assert.deepEqual(toSwarmState(manager), { state: 'active', nodeId: 'n1id', manager: true, clusterId: 'c1', managers: ['n1id'] });
  const worker = { Swarm: { NodeID: 'n2id', LocalNodeState: 'active', ControlAvailable: false, Cluster: null, RemoteManagers: [{ NodeID: 'n1id', Addr: '198.51.100.11:2377' }] } };
  assert.deepEqual(toSwarmState(worker), { state: 'active', nodeId: 'n2id', manager: false, clusterId: undefined, managers: ['n1id'] });
  assert.deepEqual(toSwarmState({ Swarm: { NodeID: '', LocalNodeState: 'inactive', ControlAvailable: false, RemoteManagers: null } }), { state: 'inactive', nodeId: undefined, manager: false, clusterId: undefined, managers: [] });
  assert.equal(toSwarmState({}), undefined);
});

test('toNetworkDetail / toObservedNetwork: config-only and swarm networks', () => {
  const configOnly = { Id: 'c', Name: 'sw-config', Driver: 'null', Scope: 'local', ConfigOnly: true, ConfigFrom: { Network: '' }, Options: { parent: 'eth1' }, IPAM: { Config: [{ Subnet: '203.0.113.0/24', Gateway: '203.0.113.1', IPRange: '203.0.113.64/27' }] }, Labels: { a: 'b' } };
  const d = toNetworkDetail(configOnly);
  assert.equal(d.configOnly, true);
  assert.equal(d.scope, undefined, 'local is the default, left out');
  assert.equal(d.configFrom, undefined);
  assert.deepEqual(d.ipam, [{ subnet: '203.0.113.0/24', gateway: '203.0.113.1', ipRange: '203.0.113.64/27', aux: {} }]);
  const swarm = { Id: 's', Name: 'sw', Driver: 'macvlan', Scope: 'swarm', Attachable: true, ConfigOnly: false, ConfigFrom: { Network: 'sw-config' }, IPAM: { Driver: 'default', Config: [] }, Labels: null };
  const s = toNetworkDetail(swarm);
  assert.deepEqual([s.configOnly, s.scope, s.configFrom, s.attachable], [undefined, 'swarm', 'sw-config', true]);
  const o = toObservedNetwork(swarm);
  assert.deepEqual([o.configOnly, o.scope, o.configFrom, o.subnets], [undefined, 'swarm', 'sw-config', []]);
  assert.equal(toObservedNetwork(configOnly).configOnly, true);
});

test('networkBody: the config-only half without Driver/Internal, the swarm half with ConfigFrom and nothing Docker refuses there', () => {
  const base = { name: 'sw-config', driver: 'macvlan', options: { parent: 'eth1', macvlan_mode: 'bridge' }, ipam: [{ subnet: '203.0.113.0/24', gateway: '203.0.113.1', ipRange: '203.0.113.64/27', aux: {} }], enableIPv6: false, internal: false, labels: { a: 'b' } };
  assert.deepEqual(networkBody({ ...base, configOnly: true }), {
    Name: 'sw-config',
    CheckDuplicate: true,
    Options: { parent: 'eth1', macvlan_mode: 'bridge' },
    IPAM: { Driver: 'default', Config: [{ Subnet: '203.0.113.0/24', Gateway: '203.0.113.1', IPRange: '203.0.113.64/27' }] },
    EnableIPv6: false,
    Labels: { a: 'b' },
    ConfigOnly: true,
  });
  assert.deepEqual(networkBody({ name: 'sw', driver: 'macvlan', options: {}, ipam: [], enableIPv6: false, internal: true, labels: {}, scope: 'swarm', attachable: true, configFrom: 'sw-config' }), {
    Name: 'sw',
    Driver: 'macvlan',
    CheckDuplicate: true,
    Scope: 'swarm',
    Attachable: true,
    Internal: true,
    ConfigOnly: false,
    ConfigFrom: { Network: 'sw-config' },
  });
});
