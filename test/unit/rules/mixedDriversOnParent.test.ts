import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV204 mixedDriversOnParent', () => {
  it('fires for a macvlan and an ipvlan network on the same link, on the later one', () => {
    const c = check(`
      version: 1
      networks:
        mac:
          driver: macvlan
          parent: eth0.10
          subnet: 192.0.2.0/24
        ip:
          driver: ipvlan
          parent: eth0
          vlan: 10
          subnet: 198.51.100.0/24
    `);
    const [f, ...more] = c.of('MV204');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'eth0');
    assert.deepEqual(f.path, ['networks', 'ip', 'parent']);
    assert.equal(c.textAt(f.related[0]), 'eth0.10');
    assert.deepEqual(f.related[0].path, ['networks', 'mac', 'parent']);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'ipvlan network ip and macvlan network mac (line 5) both use eth0.10: a link carries macvlan or ipvlan devices, never both — ' +
        'use the same driver for both, or another parent or VLAN',
    );
    assert.deepEqual(c.of('MV203'), []);
  });

  it('fires on every engine, naming the host', () => {
    const c = check(`
      version: 1
      hosts: { lab1: { docker: "unix:///var/run/docker.sock", engine: "29.0" } }
      networks:
        ip: { driver: ipvlan, parent: bond0, subnet: 192.0.2.0/24 }
        mac: { parent: bond0, mode: passthru, subnet: 198.51.100.0/24 }
    `);
    const [f, ...more] = c.of('MV204');
    assert.equal(more.length, 0);
    assert.deepEqual(f.path, ['networks', 'mac', 'parent']);
    assert.match(f.message, /both use bond0 on host lab1:/);
  });

  it('stays quiet across VLAN sub-interfaces and across hosts', () => {
    const quiet = (yaml: string): void => {
      const c = check(yaml);
      assert.deepEqual(c.of('MV204'), []);
      assert.deepEqual([...c.of('MV000'), ...c.of('MV001')], []);
    };
    quiet(`
      version: 1
      networks:
        mac: { parent: eth0.10, subnet: 192.0.2.0/24 }
        ip: { driver: ipvlan, parent: eth0.20, subnet: 198.51.100.0/24 }
        untagged: { driver: ipvlan, parent: eth0, subnet: 203.0.113.0/24 }
    `);
    quiet(`
      version: 1
      hosts: { lab1: { docker: "unix:///a" }, lab2: { docker: "unix:///b" } }
      networks:
        mac: { parent: eth0, subnet: 192.0.2.0/24, hosts: [lab1] }
        ip: { driver: ipvlan, parent: eth0, subnet: 198.51.100.0/24, hosts: [lab2] }
    `);
  });
});
