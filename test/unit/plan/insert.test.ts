import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../core/check';
import { importSpec } from '../../../core/plan/import';
import type { ObservedHostDetail } from '../../../core/plan/types';
import { insertImported, insertSection, minimalEdit } from '../../../core/plan/insert';
import { dedent } from './helpers';
import { net } from '../client/docker/fixtures';

/** What "Add to spec" imports for network e2e-lan with container web on it. */
function imported(): string {
  const lan = net('e2e-lan', { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }] });
  const observed: ObservedHostDetail = {
    engine: '20.10.24',
    networks: [lan],
    containers: [
      {
        id: 'c'.repeat(64),
        name: 'web',
        image: 'busybox',
        labels: {},
        state: 'running',
        networkMode: 'e2e-lan',
        networks: [{ network: 'e2e-lan', staticIpv4: '192.0.2.10', ipv4: '192.0.2.10' }],
        config: { command: ['sleep', '3600'], env: [], restart: 'no', macAddress: '02:00:c0:00:02:0a', imageEnv: [], imageLabels: {} },
      },
    ],
  };
  return importSpec(observed).text;
}

const errorsOf = (text: string) => checkText(text).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`);

test('entries go at the end of networks: and containers:, indented like the spec, comments kept', () => {
  const spec = dedent(`
    # lab network
    version: 1

    networks:
        vlan10:   # the office
            parent: eth1
            subnet: 198.51.100.0/24
            gateway: 198.51.100.1
    # containers follow
    containers:
        dns:
            image: busybox
            networks:
                vlan10: { ipv4_address: 198.51.100.53 }
  `);
  const out = insertImported(spec, imported(), { host: 'local', multiHost: false });
  assert.ok(out.ok);
  assert.deepEqual([out.result.networks, out.result.containers, out.result.skipped], [['e2e-lan'], ['web'], []]);
  assert.equal(
    out.result.text,
    dedent(`
      # lab network
      version: 1

      networks:
          vlan10:   # the office
              parent: eth1
              subnet: 198.51.100.0/24
              gateway: 198.51.100.1
          e2e-lan:
              driver: macvlan
              parent: eth0
              subnet: 192.0.2.0/24
              gateway: 192.0.2.1
      # containers follow
      containers:
          dns:
              image: busybox
              networks:
                  vlan10: { ipv4_address: 198.51.100.53 }
          web:
              image: busybox
              networks:
                  e2e-lan: { ipv4_address: 192.0.2.10, mac_address: "02:00:c0:00:02:0a" }
              command: [ sleep, "3600" ]
    `),
  );
  assert.deepEqual(errorsOf(out.result.text), []);
});

test('a spec without the sections gets them; one with several hosts names the host', () => {
  const spec = 'version: 1\nhosts:\n  lab1: {}\n  lab2: {}\n';
  const out = insertImported(spec, imported(), { host: 'lab2', multiHost: true });
  assert.ok(out.ok);
  assert.equal(
    out.result.text,
    dedent(`
      version: 1
      hosts:
        lab1: {}
        lab2: {}

      networks:
        e2e-lan:
          driver: macvlan
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          hosts: [ lab2 ]

      containers:
        web:
          image: busybox
          host: lab2
          networks:
            e2e-lan: { ipv4_address: 192.0.2.10, mac_address: "02:00:c0:00:02:0a" }
          command: [ sleep, "3600" ]
    `),
  );
  assert.deepEqual(errorsOf(out.result.text), []);
});

test('names the spec already has are skipped, not duplicated', () => {
  const spec = 'version: 1\nnetworks:\n  e2e-lan:\n    parent: eth0\n    subnet: 192.0.2.0/24\n    gateway: 192.0.2.1\n';
  const out = insertImported(spec, imported(), { host: 'local', multiHost: false });
  assert.ok(out.ok);
  assert.deepEqual(out.result.networks, []);
  assert.deepEqual(out.result.containers, ['web']);
  assert.deepEqual(out.result.skipped, ['network e2e-lan: the spec already has one of that name']);
  assert.deepEqual(errorsOf(out.result.text), []);
});

test('blank lines between entries are kept as the spec does it; empty sections are filled', () => {
  const spaced = 'version: 1\nnetworks:\n  a:\n    parent: eth1\n    subnet: 198.51.100.0/25\n\n  b:\n    parent: eth2\n    subnet: 198.51.100.128/25\n';
  assert.equal(insertSection(spaced, 'networks', ['c:\n  parent: eth3'], 2), `${spaced}\n  c:\n    parent: eth3\n`);
  assert.equal(insertSection('version: 1\nnetworks:\n', 'networks', ['c:\n  parent: eth3'], 2), 'version: 1\nnetworks:\n  c:\n    parent: eth3\n');
  assert.equal(insertSection('version: 1\nnetworks: {}\n', 'networks', ['c:\n  parent: eth3'], 2), 'version: 1\nnetworks:\n  c:\n    parent: eth3\n');
  assert.equal(insertSection('version: 1\nnetworks:\n  a:\n    parent: eth1', 'networks', ['c: {}'], 2), 'version: 1\nnetworks:\n  a:\n    parent: eth1\n  c: {}\n');
  assert.equal(insertSection('version: 1\nnetworks: { a: { parent: eth1 } }\n', 'networks', ['c: {}'], 2), undefined);
});

test('a flow-style section is refused with a reason', () => {
  const out = insertImported('version: 1\nnetworks: { a: { parent: eth1 } }\n', imported(), { host: 'local', multiHost: false });
  assert.equal(out.ok, false);
});

test('the edit is the smallest replacement', () => {
  assert.deepEqual(minimalEdit('abcXYZdef', 'abcXYZ123def'), { start: 6, end: 6, text: '123' });
  assert.deepEqual(minimalEdit('aaa', 'aaaa'), { start: 3, end: 3, text: 'a' });
  assert.deepEqual(minimalEdit('same', 'same'), { start: 4, end: 4, text: '' });
});
