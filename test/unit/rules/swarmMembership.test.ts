import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';
import type { ObservedState, SwarmState } from '../../../core/observed';

const spec = `
  version: 1
  hosts: { n1: { docker: "unix:///a" }, n2: { docker: "unix:///b" }, n3: { docker: "unix:///c" } }
  networks:
    sw:
      parent: eth1
      subnet: 203.0.113.0/24
      gateway: 203.0.113.1
      ip_range: { n1: 203.0.113.64/27, n2: 203.0.113.96/27, n3: 203.0.113.128/27 }
      scope: swarm
`;

const manager = (id: string, cluster = 'c1'): SwarmState => ({ state: 'active', nodeId: id, manager: true, clusterId: cluster, managers: [id] });
const worker = (id: string, ...managers: string[]): SwarmState => ({ state: 'active', nodeId: id, manager: false, managers });
const inactive: SwarmState = { state: 'inactive', manager: false, managers: [] };
const live = (...swarms: (SwarmState | undefined)[]): ObservedState => ({
  hosts: Object.fromEntries(swarms.map((s, i) => [`n${i + 1}`, { engine: '20.10.24', networks: [], swarm: s }])),
});

describe('MV209 swarmMembership', () => {
  it('fires on the scope value when a host is not a Swarm node', () => {
    const c = check(spec, { observed: live(manager('m1'), worker('w2', 'm1'), inactive) });
    const [f, ...more] = c.of('MV209');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'swarm');
    assert.deepEqual(f.path, ['networks', 'sw', 'scope']);
    assert.equal(
      f.message,
      'network sw has scope: swarm, but n3 (inactive) is not a Swarm node — make its hosts nodes of one swarm with a manager among them ' +
        '(docker swarm init on one, docker swarm join on the others), or use scope: local',
    );
  });

  it('fires when every host is known and none is a manager', () => {
    const [f] = check(spec, { observed: live(worker('w1', 'mX'), worker('w2', 'mX'), worker('w3', 'mX')) }).of('MV209');
    assert.match(f.message, /but none of n1, n2, n3 is a Swarm manager, and only a manager can create the swarm network —/);
  });

  it('fires when hosts are in different swarms: managers by cluster id, workers by the managers they know', () => {
    const two = check(spec, { observed: live(manager('m1', 'c1'), manager('m2', 'c2'), worker('w3', 'm1')) }).of('MV209');
    assert.equal(two.length, 1);
    assert.match(two[0].message, /but n2 is not in the swarm of n1 —/);
    const stray = check(spec, { observed: live(manager('m1'), worker('w2', 'm1'), worker('w3', 'm9')) }).of('MV209');
    assert.match(stray[0].message, /but n3 is not in the swarm of n1 —/);
    const workersApart = check(spec, { observed: live(worker('w1', 'mA'), worker('w2', 'mB'), undefined) }).of('MV209');
    assert.match(workersApart[0].message, /but n2 is not in the swarm of n1 —/);
  });

  it('stays quiet for one swarm with a manager, for scope local, without connected hosts, and when the manager may be an unknown host', () => {
    assert.deepEqual(check(spec, { observed: live(manager('m1'), worker('w2', 'm1'), worker('w3', 'm1')) }).of('MV209'), []);
    // a second manager of the same cluster, and workers that know only that one
    assert.deepEqual(check(spec, { observed: live(manager('m1'), manager('m2'), worker('w3', 'm2')) }).of('MV209'), []);
    assert.deepEqual(check(spec.replace('scope: swarm', 'scope: local'), { observed: live(inactive, inactive, inactive) }).of('MV209'), []);
    assert.deepEqual(check(spec).of('MV209'), []);
    assert.deepEqual(check(spec, { observed: live(worker('w1', 'm1'), worker('w2', 'm1'), undefined) }).of('MV209'), []);
  });

  it('a single host that is a one-node swarm is fine', () => {
    const one = `
      version: 1
      networks:
        sw: { parent: eth1, subnet: 203.0.113.0/24, gateway: 203.0.113.1, scope: swarm }
    `;
    assert.deepEqual(check(one, { observed: { hosts: { local: { networks: [], swarm: manager('m1') } } } }).codes(), []);
    assert.deepEqual(check(one, { observed: { hosts: { local: { networks: [], swarm: inactive } } } }).codes(), ['MV209']);
  });

  it('a scope that is neither local nor swarm is a schema violation', () => {
    const c = check(spec.replace('scope: swarm', 'scope: global'));
    assert.deepEqual(c.codes(), ['MV001']);
    assert.equal(c.textAt(c.of('MV001')[0]), 'global');
  });
});

describe('MV207 on a swarm network speaks of Swarm nodes', () => {
  it('says Swarm nodes in the message', () => {
    const c = check(`
      version: 1
      hosts: { n1: { docker: "unix:///a" }, n2: { docker: "unix:///b" } }
      networks:
        sw: { parent: eth1, subnet: 203.0.113.0/24, gateway: 203.0.113.1, ip_range: 203.0.113.64/26, scope: swarm }
    `);
    const [f] = c.of('MV207');
    assert.equal(
      f.message,
      "network sw is on Swarm nodes n1, n2 and hands out ip_range 203.0.113.64/26 on each Swarm node: each Swarm node hands out addresses from its own config-only network's pool, " +
        'so two Swarm nodes can give containers the same address — give each Swarm node its own range: ip_range: { n1: …, n2: … }',
    );
    const map = check(`
      version: 1
      hosts: { n1: { docker: "unix:///a" }, n2: { docker: "unix:///b" } }
      networks:
        sw: { parent: eth1, subnet: 203.0.113.0/24, ip_range: { n1: 203.0.113.64/26, n2: 203.0.113.96/27 }, scope: swarm }
    `).of('MV207');
    assert.match(map[0].message, /^ip_range 203\.0\.113\.96\/27 of Swarm node n2 in network sw overlaps the range of Swarm node n1, 203\.0\.113\.64\/26 \(line 4\)/);
    assert.equal(map[0].related[0].message, 'ip_range of Swarm node n1');
  });
});

describe('MV208 and swarm networks', () => {
  it('skips config-only networks and the swarm network made from this spec own config-only network', () => {
    const mine = { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'default' };
    const one = `
      version: 1
      networks:
        lan: { parent: eth0, subnet: 203.0.113.0/24, gateway: 203.0.113.1 }
    `;
    const host = (networks: ObservedState['hosts'][string]['networks']): ObservedState => ({ hosts: { local: { networks } } });
    const configOnly = { id: 'c', name: 'x-config', driver: 'null', subnets: ['203.0.113.0/24'], labels: {}, configOnly: true };
    assert.deepEqual(check(one, { observed: host([configOnly]) }).of('MV208'), []);
    const swarmNet = { id: 's', name: 'x', driver: 'macvlan', subnets: ['203.0.113.0/24'], labels: {}, scope: 'swarm', configFrom: 'x-config' };
    assert.deepEqual(check(one, { observed: host([{ ...configOnly, labels: mine }, swarmNet]) }).of('MV208'), []);
    // near miss: the config-only network it names is someone else's
    assert.equal(check(one, { observed: host([configOnly, swarmNet]) }).of('MV208').length, 1);
  });
});
