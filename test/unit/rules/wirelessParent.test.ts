import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (driver: string, parent: string): string => `
version: 1
networks:
  wifi:
    driver: ${driver}
    parent: ${parent}
    subnet: 192.0.2.0/24
`;

describe('MV305 wirelessParent', () => {
  it('warns for a macvlan network on a wl* parent', () => {
    const c = check(net('macvlan', 'wlp3s0.10'));
    const [f, ...more] = c.of('MV305');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(c.textAt(f), 'wlp3s0.10');
    assert.deepEqual(f.path, ['networks', 'wifi', 'parent']);
    assert.deepEqual(f.related, []);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      'parent wlp3s0.10 of macvlan network wifi looks like a Wi-Fi interface: access points usually accept one MAC address per client, ' +
        'so containers with their own MAC addresses get no traffic — prefer driver: ipvlan',
    );
  });

  it('stays quiet for ipvlan on Wi-Fi and macvlan on wired interfaces', () => {
    assert.deepEqual(check(net('ipvlan', 'wlan0')).of('MV305'), []);
    assert.deepEqual(check(net('macvlan', 'eth0')).of('MV305'), []);
    assert.deepEqual(check(net('macvlan', 'eth0.10')).of('MV305'), []);
  });
});
