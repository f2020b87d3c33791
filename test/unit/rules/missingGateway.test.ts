import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const withEngine = (engine: string | undefined, extra = ''): string => `
version: 1
${engine ? `hosts:\n  lab1:\n    docker: unix:///var/run/docker.sock\n    engine: "${engine}"\n` : ''}networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
${extra}`;

describe('MV109 missingGateway', () => {
  it('warns on a macvlan network without gateway; from engine 29 none is assigned', () => {
    const c = check(withEngine(undefined));
    const [f, ...more] = c.of('MV109');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(c.textAt(f), 'lan');
    assert.deepEqual(f.path, ['networks', 'lan']);
    assert.deepEqual(f.data, { fix: 'addGateway', network: 'lan' });
    assert.equal(
      f.message,
      'macvlan network lan has no gateway: from Docker Engine 29 no gateway is assigned (older engines auto-assign the first address of the ip_range, else of the subnet), ' +
        "so containers get no default route off the segment — set gateway: to the router's address, or internal: true if the network has no way out",
    );
    assert.deepEqual(f.related, []);
  });

  it('says what engine 28 would auto-assign instead', () => {
    const c = check(withEngine('28.5'));
    const [f] = c.of('MV109');
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      "macvlan network lan has no gateway: Docker Engine 28.5 on host lab1 (like every engine before 29) makes the first address of the subnet, 192.0.2.1, the containers' gateway; " +
        "unless your router is at that address, they have no way off the segment — set gateway: to the router's address, or internal: true if the network has no way out",
    );
    const c29 = check(withEngine('29.0'));
    assert.match(c29.of('MV109')[0].message, /from Docker Engine 29 no gateway is assigned/);
  });

  it('names the first address of the ip_range when there is one', () => {
    const c = check(withEngine('28', '    ip_range: 192.0.2.128/25\n'));
    assert.match(c.of('MV109')[0].message, /makes the first address of the ip_range, 192\.0\.2\.128, the containers' gateway/);
    const whole = check(withEngine('28', '    ip_range: 192.0.2.0/25\n'));
    assert.match(whole.of('MV109')[0].message, /the first address of the ip_range, 192\.0\.2\.1, the containers' gateway/);
  });

  it('warns on ipvlan l2 (the default mode) too', () => {
    const c = check(withEngine(undefined, '    driver: ipvlan\n'));
    const [f] = c.of('MV109');
    assert.equal(c.textAt(f), 'lan');
    assert.match(f.message, /^ipvlan l2 network lan has no gateway/);
  });

  it('is quiet with a gateway, on internal networks, on ipvlan l3/l3s, and without a subnet', () => {
    assert.deepEqual(check(withEngine('28', '    gateway: 192.0.2.1\n')).of('MV109'), []);
    assert.deepEqual(check(withEngine('28', '    internal: true\n')).of('MV109'), []);
    assert.deepEqual(check(withEngine('28', '    driver: ipvlan\n    mode: l3\n')).of('MV109'), []);
    assert.deepEqual(check(withEngine('28', '    driver: ipvlan\n    mode: l3s\n')).of('MV109'), []);
    const noSubnet = check(`
      version: 1
      networks:
        lan:
          parent: eth0
    `);
    assert.deepEqual(noSubnet.of('MV109'), []);
  });

  it('does not warn when the gateway is present but malformed (MV101 says so)', () => {
    const c = check(withEngine(undefined, '    gateway: 192.0.2.1.1\n'));
    assert.deepEqual(c.of('MV109'), []);
    assert.equal(c.of('MV101').length, 1);
  });
});
