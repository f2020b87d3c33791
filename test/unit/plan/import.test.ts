import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { importSpec } from '../../../core/plan/import';
import { planApply } from '../../../core/plan/plan';
import type { ObservedHostDetail } from '../../../core/plan/types';
import { hostAfterApply } from './helpers';

const MANAGED = { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.hash': '0123456789abcdef' };

function host(): ObservedHostDetail {
  return {
    engine: '20.10.24',
    apiVersion: '1.41',
    networks: [
      {
        id: 'a'.repeat(64),
        name: 'vlan10',
        driver: 'macvlan',
        options: { parent: 'eth0.10', macvlan_mode: 'bridge' },
        ipam: [
          { subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25', aux: { sw: '192.0.2.2' } },
          { subnet: '2001:db8:10::/64', gateway: '2001:db8:10::1', aux: { sw: '2001:db8:10::2' } },
        ],
        enableIPv6: true,
        internal: false,
        labels: { ...MANAGED, team: 'data' },
        containers: [],
      },
      { id: 'b'.repeat(64), name: 'routed', driver: 'ipvlan', options: { parent: 'eth1', ipvlan_mode: 'l3' }, ipam: [{ subnet: '198.51.100.0/26', aux: {} }], enableIPv6: false, internal: true, labels: {}, containers: [] },
      { id: 'c'.repeat(64), name: 'bridge', driver: 'bridge', options: {}, ipam: [{ subnet: '172.17.0.0/16', aux: {} }], enableIPv6: false, internal: false, labels: {}, containers: [] },
    ],
    containers: [
      {
        id: 'd'.repeat(64),
        name: 'db',
        image: 'postgres:16',
        labels: { ...MANAGED, maintainer: 'pg', tier: 'data' },
        state: 'running',
        networkMode: 'vlan10',
        networks: [
          { network: 'routed', staticIpv4: '198.51.100.10' },
          { network: 'vlan10', staticIpv4: '192.0.2.10', staticIpv6: '2001:db8:10::10' },
          { network: 'bridge' },
        ],
        config: { command: ['postgres'], env: ['POSTGRES_DB=app', 'PATH=/usr/bin'], restart: 'unless-stopped', macAddress: '02:00:C0:00:02:0A', imageCommand: ['postgres'], imageEnv: ['PATH=/usr/bin'], imageLabels: { maintainer: 'pg' } },
      },
      { id: 'e'.repeat(64), name: 'worker', image: 'busybox', labels: {}, state: 'exited', networks: [{ network: 'vlan10' }], config: { command: ['sleep', '3600'], env: [], restart: 'no', imageCommand: ['sh'], imageEnv: [], imageLabels: {} } },
      { id: 'f'.repeat(64), name: 'other', image: 'alpine', labels: {}, state: 'running', networks: [{ network: 'bridge' }] },
    ],
  };
}

describe('importSpec', () => {
  it('writes macvlan/ipvlan networks and the containers on them as a spec', () => {
    const r = importSpec(host(), { hostName: 'lab1', docker: 'ssh://ops@lab1', header: 'imported from ssh://ops@lab1' });
    assert.equal(
      r.text,
      [
        '# imported from ssh://ops@lab1',
        '# skipped: network vlan10: IPv6 aux addresses 2001:db8:10::2 (aux_addresses holds IPv4 only)',
        '# skipped: container db: network bridge (not macvlan/ipvlan)',
        '',
        'version: 1',
        'hosts:',
        '  lab1:',
        '    docker: ssh://ops@lab1',
        'networks:',
        '  routed:',
        '    driver: ipvlan',
        '    parent: eth1',
        '    mode: l3',
        '    subnet: 198.51.100.0/26',
        '    internal: true',
        '  vlan10:',
        '    driver: macvlan',
        '    parent: eth0',
        '    vlan: 10',
        '    subnet: 192.0.2.0/24',
        '    gateway: 192.0.2.1',
        '    ip_range: 192.0.2.128/25',
        '    ipv6:',
        '      subnet: 2001:db8:10::/64',
        '      gateway: 2001:db8:10::1',
        '    aux_addresses:',
        '      sw: 192.0.2.2',
        '    labels:',
        '      team: data',
        'containers:',
        '  db:',
        '    image: postgres:16',
        '    networks:',
        '      vlan10: { ipv4_address: 192.0.2.10, ipv6_address: 2001:db8:10::10, mac_address: "02:00:c0:00:02:0a" }',
        '      routed: { ipv4_address: 198.51.100.10 }',
        '    env:',
        '      POSTGRES_DB: app',
        '    restart: unless-stopped',
        '    labels:',
        '      tier: data',
        '  worker:',
        '    image: busybox',
        '    networks:',
        '      vlan10:',
        '    command: [ sleep, "3600" ]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(r.networks, ['routed', 'vlan10']);
    assert.deepEqual(r.containers, ['db', 'worker']);
  });

  it('writes a spec that checks without errors', () => {
    const { findings } = checkText(importSpec(host()).text);
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`), []);
  });

  it('round-trips: importing what apply made plans nothing against the same host', () => {
    const spec = `version: 1
networks:
  lan:
    parent: eth0
    vlan: 30
    subnet: 203.0.113.0/24
    gateway: 203.0.113.1
    ip_range: 203.0.113.128/25
    aux_addresses: { nas: 203.0.113.5 }
    ipv6: { subnet: "2001:db8:30::/64", gateway: "2001:db8:30::1" }
    labels: { site: a }
containers:
  web:
    image: nginx:alpine
    command: nginx -g "daemon off;"
    env: { TZ: UTC, N: 3 }
    restart: on-failure:3
    labels: { tier: front }
    networks:
      lan: { ipv4_address: 203.0.113.10, ipv6_address: "2001:db8:30::10" }
  worker:
    image: busybox
    networks:
      lan:
`;
    const observed = hostAfterApply(spec);
    // what an inspect adds: the command as Docker stores it, env and restart
    const web = observed.containers.find((c) => c.name === 'web')!;
    web.config = { command: ['nginx', '-g', 'daemon off;'], env: ['TZ=UTC', 'N=3', 'PATH=/bin'], restart: 'on-failure:3', imageCommand: ['nginx'], imageEnv: ['PATH=/bin'], imageLabels: {} };
    const worker = observed.containers.find((c) => c.name === 'worker')!;
    worker.config = { env: [], restart: 'no', imageCommand: ['sh'], command: ['sh'], imageEnv: [], imageLabels: {} };
    const text = importSpec(observed).text;
    const checked = checkText(text);
    assert.deepEqual(checked.findings.filter((f) => f.severity === 'error'), []);
    const p = planApply(checked.facts, 'local', observed);
    assert.deepEqual(p.steps, [], text);
    assert.deepEqual(p.conflicts, []);
  });
});
