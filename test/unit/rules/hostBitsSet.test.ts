import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const oneNet = (subnet: string, engine?: string): string => `
version: 1
${engine ? `hosts:\n  lab1:\n    docker: unix:///var/run/docker.sock\n    engine: "${engine}"\n` : ''}networks:
  lan:
    parent: eth0
    subnet: ${subnet}
    gateway: 192.0.2.1
`;

describe('MV102 hostBitsSet', () => {
  it('is an error under the default engine (29), with the normalised value as fix data', () => {
    const c = check(oneNet('192.0.2.5/24'));
    const [f, ...more] = c.of('MV102');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '192.0.2.5/24');
    assert.deepEqual(f.path, ['networks', 'lan', 'subnet']);
    assert.deepEqual(f.data, { fix: 'normaliseCidr', normalised: '192.0.2.0/24' });
    assert.equal(
      f.message,
      'subnet 192.0.2.5/24 of network lan has host bits set: Docker Engine 29.0 rejects it (engines from 25 on do) — write 192.0.2.0/24',
    );
  });

  it('is an error from engine 25.0 and a warning at 24.0, naming the host and engine', () => {
    const e25 = check(oneNet('192.0.2.5/24', '25.0')).of('MV102');
    assert.equal(e25.length, 1);
    assert.equal(e25[0].severity, 'error');
    assert.match(e25[0].message, /Docker Engine 25\.0 on host lab1 rejects it/);

    const e24 = check(oneNet('192.0.2.5/24', '24.0')).of('MV102');
    assert.equal(e24.length, 1);
    assert.equal(e24[0].severity, 'warning');
    assert.equal(
      e24[0].message,
      'subnet 192.0.2.5/24 of network lan has host bits set: Docker Engine 24.0 on host lab1 silently masks it to 192.0.2.0/24, and engines from 25 on reject it — write 192.0.2.0/24',
    );
    assert.deepEqual(e24[0].data, { fix: 'normaliseCidr', normalised: '192.0.2.0/24' });
  });

  it('follows the engine setting for hosts without engine:', () => {
    const [f] = check(oneNet('192.0.2.5/24'), { settings: { engine: '24' } }).of('MV102');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /Docker Engine 24\.0 silently masks it/);
  });

  it('is an error when any host of the network rejects host bits, a warning when none does', () => {
    const spec = (hosts: string): string => `
      version: 1
      hosts:
        old: { docker: "ssh://ops@old.example", engine: "24.0" }
        new: { docker: "ssh://ops@new.example", engine: "27.3" }
      networks:
        lan:
          parent: eth0
          subnet: 198.51.100.7/24
          gateway: 198.51.100.1
          hosts: ${hosts}
    `;
    const both = check(spec('[old, new]')).of('MV102');
    assert.equal(both.length, 1);
    assert.equal(both[0].severity, 'error');
    assert.match(both[0].message, /Docker Engine 27\.3 on host new rejects it/);

    const oldOnly = check(spec('[old]')).of('MV102');
    assert.equal(oldOnly.length, 1);
    assert.equal(oldOnly[0].severity, 'warning');
    assert.match(oldOnly[0].message, /Docker Engine 24\.0 on host old silently masks it to 198\.51\.100\.0\/24/);
  });

  it('checks ip_range, per-host ip_range (by that host\'s engine) and the ipv6 block', () => {
    const c = check(`
      version: 1
      hosts:
        old: { docker: "ssh://ops@old.example", engine: "24.0" }
        new: { docker: "ssh://ops@new.example" }
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: { old: 192.0.2.129/26, new: 192.0.2.193/26 }
          ipv6: { subnet: "2001:db8:10::5/64", gateway: "2001:db8:10::1", ip_range: "2001:db8:10::1001/116" }
        dmz:
          parent: eth1
          subnet: 203.0.113.0/24
          gateway: 203.0.113.1
          ip_range: 203.0.113.130/25
    `);
    const got = c.of('MV102').map((f) => [c.textAt(f), f.path.join('.'), f.severity, f.data]);
    assert.deepEqual(got, [
      ['192.0.2.129/26', 'networks.lan.ip_range.old', 'warning', { fix: 'normaliseCidr', normalised: '192.0.2.128/26' }],
      ['192.0.2.193/26', 'networks.lan.ip_range.new', 'error', { fix: 'normaliseCidr', normalised: '192.0.2.192/26' }],
      ['"2001:db8:10::5/64"', 'networks.lan.ipv6.subnet', 'error', { fix: 'normaliseCidr', normalised: '2001:db8:10::/64' }],
      ['"2001:db8:10::1001/116"', 'networks.lan.ipv6.ip_range', 'error', { fix: 'normaliseCidr', normalised: '2001:db8:10::1000/116' }],
      ['203.0.113.130/25', 'networks.dmz.ip_range', 'error', { fix: 'normaliseCidr', normalised: '203.0.113.128/25' }],
    ]);
    assert.match(c.of('MV102')[0].message, /^ip_range 192\.0\.2\.129\/26 of network lan for host old has host bits set: Docker Engine 24\.0 on host old/);
    assert.match(c.of('MV102')[2].message, /^ipv6 subnet 2001:db8:10::5\/64 of network lan has host bits set/);
  });

  it('is quiet on normalised blocks, and leaves other-family ranges to MV106', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: 192.0.2.128/25
          ipv6: { subnet: "2001:db8:10::/64", ip_range: "2001:db8:10::1000/116" }
        odd:
          parent: eth1
          subnet: 198.51.100.0/24
          gateway: 198.51.100.1
          ip_range: "2001:db8:20::5/64"
    `);
    assert.deepEqual(c.of('MV102'), []);
    assert.equal(c.of('MV106').length, 1);
  });
});
