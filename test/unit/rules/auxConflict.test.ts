import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV108 auxConflict', () => {
  it('reports an aux address equal to the gateway, pointing at the gateway', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses: { router: 192.0.2.1 }
    `);
    const [f, ...more] = c.of('MV108');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '192.0.2.1');
    assert.deepEqual(f.path, ['networks', 'lan', 'aux_addresses', 'router']);
    assert.equal(f.message, 'aux address router (192.0.2.1) of network lan is the gateway (line 6), which Docker reserves already — remove the aux address');
    assert.equal(f.related.length, 1);
    assert.deepEqual(f.related[0].path, ['networks', 'lan', 'gateway']);
    assert.equal(c.textAt(f.related[0]), '192.0.2.1');
    assert.notEqual(f.related[0].span.start, f.span.start);
  });

  it('reports the network and broadcast addresses, pointing at the subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 198.51.100.0/24
          gateway: 198.51.100.1
          aux_addresses: { net: 198.51.100.0, bcast: 198.51.100.255 }
    `);
    const got = c.of('MV108').map((f) => [c.textAt(f), f.message, c.textAt(f.related[0])]);
    assert.deepEqual(got, [
      [
        '198.51.100.0',
        'aux address net (198.51.100.0) of network lan is the network address of subnet 198.51.100.0/24 (line 5), which Docker reserves already — remove the aux address',
        '198.51.100.0/24',
      ],
      [
        '198.51.100.255',
        'aux address bcast (198.51.100.255) of network lan is the broadcast address of subnet 198.51.100.0/24 (line 5), which Docker reserves already — remove the aux address',
        '198.51.100.0/24',
      ],
    ]);
  });

  it('reports each repeat of an aux address once, against the first', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses:
            a: 192.0.2.5
            b: 192.0.2.6
            c: 192.0.2.5
            d: 192.0.2.5
        other:
          parent: eth1
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses: { a: 192.0.2.5 }
    `);
    const got = c.of('MV108').map((f) => [f.path.join('.'), f.message, f.related[0].path.join('.')]);
    assert.deepEqual(got, [
      [
        'networks.lan.aux_addresses.c',
        'aux address c (192.0.2.5) of network lan is the same address as aux address a (line 8) — remove one, or give it its own address',
        'networks.lan.aux_addresses.a',
      ],
      [
        'networks.lan.aux_addresses.d',
        'aux address d (192.0.2.5) of network lan is the same address as aux address a (line 8) — remove one, or give it its own address',
        'networks.lan.aux_addresses.a',
      ],
    ]);
  });

  it('is quiet on distinct ordinary aux addresses, and across networks', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          aux_addresses: { router2: 192.0.2.2, printer: 192.0.2.254 }
        p2p:
          parent: eth1
          subnet: 198.51.100.0/31
          aux_addresses: { peer: 198.51.100.0 }
    `);
    assert.deepEqual(c.of('MV108'), []);
  });
});
