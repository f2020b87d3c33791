import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV303 missingOrLoopbackParent', () => {
  it('fires on the network key when a non-internal network has no parent', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
    `);
    const [f, ...more] = c.of('MV303');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'lan');
    assert.deepEqual(f.path, ['networks', 'lan']);
    assert.deepEqual(f.related, []);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'network lan has no parent: Docker would put it on a dummy interface, so its containers reach nothing outside the host — ' +
        'set parent: to the host interface (e.g. eth0), or internal: true for an isolated network',
    );
  });

  it('fires on lo and lo.N, internal or not', () => {
    const c = check(`
      version: 1
      networks:
        a: { parent: lo, subnet: 192.0.2.0/24 }
        b: { driver: ipvlan, parent: lo.10, subnet: 198.51.100.0/24, internal: true }
    `);
    const got = c.of('MV303').map((f) => [c.textAt(f), f.path.join('.')]);
    assert.deepEqual(got, [
      ['lo', 'networks.a.parent'],
      ['lo.10', 'networks.b.parent'],
    ]);
    assert.equal(
      c.of('MV303')[1].message,
      'parent lo.10 of network b is the loopback device: ipvlan needs an Ethernet interface — use the host\'s NIC or bond (e.g. eth0)',
    );
  });

  it('fires on an empty parent', () => {
    const c = check(`
      version: 1
      networks:
        lan: { parent: "", subnet: 192.0.2.0/24 }
    `);
    const [f] = c.of('MV303');
    assert.equal(c.textAt(f), '""');
    assert.deepEqual(f.path, ['networks', 'lan', 'parent']);
  });

  it('stays quiet for an internal network without parent and for real interfaces', () => {
    const c = check(`
      version: 1
      networks:
        backend: { internal: true, subnet: 192.0.2.0/24 }
        lan: { parent: eth0, subnet: 198.51.100.0/24 }
        local: { parent: lo0x, subnet: 203.0.113.0/24 }
    `);
    assert.deepEqual(c.of('MV303'), []);
  });
});
