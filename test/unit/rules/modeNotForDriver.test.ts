import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (lines: string): string => `
version: 1
networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
${lines}
`;

describe('MV306 modeNotForDriver', () => {
  it('fires for an ipvlan mode on macvlan, listing the valid modes, with a replaceValue fix', () => {
    const c = check(net('    mode: l2'));
    const [f, ...more] = c.of('MV306');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'l2');
    assert.deepEqual(f.path, ['networks', 'lan', 'mode']);
    assert.deepEqual(f.related, []);
    assert.deepEqual(f.data, { fix: 'replaceValue', value: 'bridge', title: 'Use mode bridge (the macvlan default)' });
    assert.equal(
      f.message,
      'mode l2 of network lan is an ipvlan mode; macvlan takes bridge, private, vepa, passthru (default bridge) — pick one of those, or set driver: ipvlan',
    );
  });

  it('fires for a macvlan mode on ipvlan', () => {
    const c = check(net('    driver: ipvlan\n    mode: passthru'));
    const [f] = c.of('MV306');
    assert.equal(c.textAt(f), 'passthru');
    assert.equal(f.message, 'mode passthru of network lan is a macvlan mode; ipvlan takes l2, l3, l3s (default l2) — pick one of those, or set driver: macvlan');
    assert.deepEqual(f.data, { fix: 'replaceValue', value: 'l2', title: 'Use mode l2 (the ipvlan default)' });
  });

  it('fires for ipvlan_flag on a macvlan network, with removeKey', () => {
    const c = check(net('    ipvlan_flag: private'));
    const [f, ...more] = c.of('MV306');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), 'private');
    assert.deepEqual(f.path, ['networks', 'lan', 'ipvlan_flag']);
    assert.deepEqual(f.data, { fix: 'removeKey' });
    assert.equal(
      f.message,
      'ipvlan_flag applies to ipvlan networks only, and network lan is macvlan (the default driver) — remove it, or set driver: ipvlan (flags: bridge, private, vepa)',
    );
  });

  it('stays quiet for fitting modes and flags, and leaves unknown values to the schema', () => {
    for (const lines of ['    mode: vepa', '    driver: ipvlan\n    mode: l3s\n    ipvlan_flag: private', '    driver: macvlan\n    mode: passthru']) {
      const c = check(net(lines));
      assert.deepEqual(c.of('MV306'), [], lines);
      assert.deepEqual(c.of('MV001'), [], lines);
    }
    const unknown = check(net('    mode: bogus'));
    assert.deepEqual(unknown.of('MV306'), []);
    assert.equal(unknown.of('MV001').length, 1);
    const badDriver = check(net('    driver: overlay\n    mode: l2'));
    assert.deepEqual(badDriver.of('MV306'), []);
  });

  it('rejects ipvlan mode l3s before engine 23 (Docker 20.10: "requested ipvlan mode \'l3s\' is not valid"), with l3 as fix', () => {
    const c = check(net('    driver: ipvlan\n    mode: l3s'), { settings: { engine: '20.10' } });
    const [f, ...more] = c.of('MV306');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'l3s');
    assert.deepEqual(f.path, ['networks', 'lan', 'mode']);
    assert.deepEqual(f.data, { fix: 'replaceValue', value: 'l3', title: 'Use mode l3' });
    assert.equal(f.message, 'mode l3s of network lan needs Docker Engine 23 or later, and Docker Engine 20.10 rejects it — use l3 (the same without netfilter on the host), or upgrade the engine');
    assert.deepEqual(check(net('    driver: ipvlan\n    mode: l3s'), { settings: { engine: '23.0' } }).of('MV306'), []);
    assert.deepEqual(check(net('    driver: ipvlan\n    mode: l3'), { settings: { engine: '20.10' } }).of('MV306'), []);
  });

  it('judges l3s per host: any host of the network with an older engine', () => {
    const c = check(`
      version: 1
      hosts:
        new: { docker: "unix:///a", engine: "27.3" }
        old: { docker: "unix:///b", engine: "22.06" }
      networks:
        lan: { driver: ipvlan, mode: l3s, parent: eth0, subnet: 192.0.2.0/24 }
        onlyNew: { driver: ipvlan, mode: l3s, parent: eth1, subnet: 198.51.100.0/24, hosts: [new] }
    `);
    const fs = c.of('MV306');
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0].path, ['networks', 'lan', 'mode']);
    assert.match(fs[0].message, /Docker Engine 22\.6 on host old rejects it/);
  });
});
