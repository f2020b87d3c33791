import assert from 'node:assert/strict';
import { test } from 'node:test';
import { specObservedState, toObservedHost } from '../../../../client/docker/observedState';
import { BRIDGE, ENGINE, net } from './fixtures';

test('the observed host carries engine, networks (subnets, labels, parent) and interfaces when known', () => {
  const lan = net('lan', { options: { parent: 'eth0.10' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }, { subnet: '2001:db8::/64', aux: {} }], labels: { a: 'b' } });
  const bridge = BRIDGE();
  assert.deepEqual(toObservedHost(ENGINE, [lan, bridge]), {
    engine: '20.10.24',
    networks: [
      { id: lan.id, name: 'lan', driver: 'macvlan', subnets: ['192.0.2.0/24', '2001:db8::/64'], labels: { a: 'b' }, parent: 'eth0.10', definition: { options: lan.options, ipam: lan.ipam, enableIPv6: false, internal: false } },
      { id: bridge.id, name: 'bridge', driver: 'bridge', subnets: ['172.17.0.0/16'], labels: {}, definition: { options: bridge.options, ipam: bridge.ipam, enableIPv6: false, internal: false } },
    ],
  });
  assert.deepEqual(toObservedHost(undefined, [], ['eth0', 'bond0']), { networks: [], interfaces: ['eth0', 'bond0'] });
});

test('a spec gets only the observations of its own hosts, by connection', () => {
  const seen = toObservedHost(ENGINE, [BRIDGE()]);
  const byUrl = new Map([['unix:///var/run/docker.sock', seen]]);
  const urls: Record<string, string | undefined> = { lab1: 'unix:///var/run/docker.sock', lab2: 'ssh://ops@lab2', lab3: undefined };
  assert.deepEqual(specObservedState(['lab1', 'lab2', 'lab3'], (h) => urls[h], byUrl), { hosts: { lab1: seen } });
  assert.deepEqual(specObservedState(['lab2'], (h) => urls[h], byUrl), { hosts: {} });
});
