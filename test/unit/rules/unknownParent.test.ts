import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';
import type { ObservedState } from '../../../core/observed';

const spec = (parent: string, extra = ''): string => `
version: 1
hosts:
  lab1:
    docker: unix:///var/run/docker.sock
    interfaces: [eth0, bond0]
networks:
  lan:
    parent: ${parent}
    subnet: 192.0.2.0/24${extra}
`;

describe('MV304 unknownParent', () => {
  it("fires when the parent is not in the host's interfaces: list, suggesting a close name", () => {
    const c = check(spec('eht0'));
    const [f, ...more] = c.of('MV304');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'eht0');
    assert.deepEqual(f.path, ['networks', 'lan', 'parent']);
    assert.deepEqual(f.related, []);
    assert.deepEqual(f.data, { fix: 'replaceValue', value: 'eth0', title: 'Change to eth0' });
    assert.equal(f.message, 'parent interface eht0 of network lan is not in the interfaces: list of host lab1 — did you mean eth0?');
  });

  it('checks the base of a VLAN parent, and has no suggestion for a name far from all', () => {
    const c = check(spec('wan1', '\n    vlan: 10'));
    assert.equal(
      c.of('MV304')[0].message,
      'parent interface wan1 (for VLAN 10, which Docker creates as wan1.10) of network lan is not in the interfaces: list of host lab1 — use an interface that exists on the host',
    );
  });

  it('checks the interfaces the live host reports', () => {
    const observed: ObservedState = { hosts: { local: { interfaces: ['lo', 'enp3s0'], networks: [] } } };
    const c = check(
      `
      version: 1
      networks:
        lan: { parent: enp4s0.20, subnet: 192.0.2.0/24 }
    `,
      { observed },
    );
    const [f, ...more] = c.of('MV304');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), 'enp4s0.20');
    assert.equal(
      f.message,
      'parent interface enp4s0 (for VLAN 20, which Docker creates as enp4s0.20) of network lan is not in the interfaces the Docker host reports — did you mean enp3s0?',
    );
  });

  it('fires for an internal network too: Docker makes a dummy link only when parent is omitted', () => {
    // Engine 20.10: "invalid subinterface vlan name dummy7, example formatting is eth0.10"
    const c = check(spec('dummy7', '\n    internal: true'));
    const [f, ...more] = c.of('MV304');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'dummy7');
    assert.equal(f.message, 'parent interface dummy7 of network lan is not in the interfaces: list of host lab1 — use an interface that exists on the host');
    // without a parent there is nothing to look up (MV303 allows that on internal networks)
    const noParent = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///a", interfaces: [eth0] } }
      networks:
        lan: { internal: true, subnet: 192.0.2.0/24 }
    `);
    assert.deepEqual(noParent.of('MV304'), []);
    assert.deepEqual(noParent.of('MV303'), []);
  });

  it('stays quiet for known bases and sub-interfaces, internal networks on known parents, and hosts without a list', () => {
    assert.deepEqual(check(spec('eth0.10')).of('MV304'), []);
    assert.deepEqual(check(spec('bond0', '\n    vlan: 30')).of('MV304'), []);
    assert.deepEqual(check(spec('bond0', '\n    internal: true')).of('MV304'), []);
    assert.deepEqual(
      check(`
        version: 1
        networks:
          lan: { parent: eth9, subnet: 192.0.2.0/24 }
      `).of('MV304'),
      [],
    );
    // A listed sub-interface is fine even when its base is not listed.
    assert.deepEqual(check(spec('eth1.10')).of('MV304').length, 1);
    const listedSub = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///a", interfaces: [eth1.10] } }
      networks:
        lan: { parent: eth1.10, subnet: 192.0.2.0/24 }
    `);
    assert.deepEqual(listedSub.of('MV304'), []);
  });
});
