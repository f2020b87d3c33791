import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const twoMacvlan = (engine: string, second = 'parent: eth0\n    vlan: 10'): string => `
version: 1
hosts:
  lab1:
    docker: unix:///var/run/docker.sock
    engine: "${engine}"
networks:
  a:
    parent: eth0.10
    subnet: 192.0.2.0/24
  b:
    ${second}
    subnet: 198.51.100.0/24
`;

describe('MV203 sharedParent', () => {
  it('fires for two macvlan networks on one parent+vlan before engine 27', () => {
    const c = check(twoMacvlan('26.1'));
    const [f, ...more] = c.of('MV203');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'eth0');
    assert.deepEqual(f.path, ['networks', 'b', 'parent']);
    assert.equal(f.related.length, 1);
    assert.equal(c.textAt(f.related[0]), 'eth0.10');
    assert.deepEqual(f.related[0].path, ['networks', 'a', 'parent']);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'network b uses parent eth0.10, like network a (line 8) on host lab1: Docker Engine 26.1 lets only one macvlan network ' +
        'use a parent (sharing needs engine 27 or later) — give one of them another parent or VLAN',
    );
  });

  it('lets macvlan networks share a parent from engine 27, and never across VLANs', () => {
    assert.deepEqual(check(twoMacvlan('27.0')).of('MV203'), []);
    assert.deepEqual(check(twoMacvlan('26.1', 'parent: eth0.20')).of('MV203'), []);
  });

  it('keeps passthru exclusive on engine 29', () => {
    const c = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///var/run/docker.sock", engine: "29.0" } }
      networks:
        pt: { parent: eth1, mode: passthru, subnet: 192.0.2.0/24 }
        br: { parent: eth1, mode: bridge, subnet: 198.51.100.0/24 }
    `);
    const [f, ...more] = c.of('MV203');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'br', 'parent']);
    assert.deepEqual(f.related[0].path, ['networks', 'pt', 'parent']);
    assert.match(f.message, /network pt is passthru, which takes the whole parent for one container/);
  });

  it('never lets two ipvlan networks share a parent, even on engine 29', () => {
    const c = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///var/run/docker.sock", engine: "29.0" } }
      networks:
        a: { driver: ipvlan, parent: bond0, subnet: 192.0.2.0/24 }
        b: { driver: ipvlan, parent: bond0, mode: l3, subnet: 198.51.100.0/24 }
    `);
    const [f, ...more] = c.of('MV203');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'b', 'parent']);
    assert.match(f.message, /ipvlan networks cannot share a parent/);
  });

  it('reports a pair on two hosts once, and leaves mixed drivers to MV204 and other hosts alone', () => {
    const hosts = 'hosts: { lab1: { docker: "unix:///a", engine: "26.1" }, lab2: { docker: "unix:///b", engine: "26.1" } }';
    const twice = check(`
      version: 1
      ${hosts}
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24 }
        b: { parent: eth0, subnet: 198.51.100.0/24 }
    `);
    assert.equal(twice.of('MV203').length, 1);

    const apart = check(`
      version: 1
      ${hosts}
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24, hosts: [lab1] }
        b: { parent: eth0, subnet: 198.51.100.0/24, hosts: [lab2] }
    `);
    assert.deepEqual(apart.of('MV203'), []);

    const mixed = check(`
      version: 1
      networks:
        a: { parent: eth0, subnet: 192.0.2.0/24 }
        b: { driver: ipvlan, parent: eth0, subnet: 198.51.100.0/24 }
    `);
    assert.deepEqual(mixed.of('MV203'), []);
    assert.equal(mixed.of('MV204').length, 1);
  });
});
