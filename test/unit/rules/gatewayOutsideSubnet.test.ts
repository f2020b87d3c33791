import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV104 gatewayOutsideSubnet', () => {
  it('reports an IPv4 gateway outside the subnet, naming the subnet and its line', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 198.51.100.1
    `);
    const [f, ...more] = c.of('MV104');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '198.51.100.1');
    assert.deepEqual(f.path, ['networks', 'lan', 'gateway']);
    assert.equal(
      f.message,
      "gateway 198.51.100.1 of network lan is outside its subnet 192.0.2.0/24 (line 5) — use the router's address inside the subnet, or fix the subnet",
    );
    assert.equal(f.related.length, 1);
    assert.equal(c.textAt(f.related[0]), '192.0.2.0/24');
    assert.deepEqual(f.related[0].path, ['networks', 'lan', 'subnet']);
    assert.deepEqual(f.data, { fix: 'moveGateway', network: 'lan', family: 4 });
  });

  it('reports an IPv6 gateway outside the ipv6 subnet', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ipv6:
            subnet: "2001:db8:10::/64"
            gateway: "2001:db8:20::1"
    `);
    const [f, ...more] = c.of('MV104');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '"2001:db8:20::1"');
    assert.deepEqual(f.path, ['networks', 'lan', 'ipv6', 'gateway']);
    assert.match(f.message, /^ipv6 gateway 2001:db8:20::1 of network lan is outside its subnet 2001:db8:10::\/64 \(line 8\)/);
    assert.equal(c.textAt(f.related[0]), '"2001:db8:10::/64"');
    assert.deepEqual(f.data, { fix: 'moveGateway', network: 'lan', family: 6 });
  });

  it('reports a gateway of the other family in either slot', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: "2001:db8:10::1"
          ipv6: { subnet: "2001:db8:10::/64", gateway: 192.0.2.1 }
    `);
    const got = c.of('MV104').map((f) => [c.textAt(f), f.message, f.data]);
    assert.deepEqual(got, [
      [
        '"2001:db8:10::1"',
        'gateway 2001:db8:10::1 of network lan is an IPv6 address; gateway takes IPv4 — move it to ipv6: gateway',
        { fix: 'moveGateway', network: 'lan', family: 4 },
      ],
      [
        '192.0.2.1',
        'ipv6 gateway 192.0.2.1 of network lan is an IPv4 address; ipv6 gateway takes IPv6 — move it to gateway',
        { fix: 'moveGateway', network: 'lan', family: 6 },
      ],
    ]);
    assert.deepEqual(c.of('MV111'), []);
  });

  it('reports an IPv4 gateway with no subnet key; leaves the IPv6 case to MV111', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          gateway: 192.0.2.1
          ipv6: { gateway: "2001:db8:10::1" }
    `);
    const [f, ...more] = c.of('MV104');
    assert.equal(more.length, 0);
    assert.equal(c.textAt(f), '192.0.2.1');
    assert.match(f.message, /^gateway 192\.0\.2\.1 of network lan has no subnet to sit in: .* — add subnet:$/);
    assert.equal(f.data, undefined);
    assert.equal(c.of('MV111').length, 1);
  });

  it('is quiet on gateways inside their subnets, and on a subnet that did not parse', () => {
    const ok = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.254
          ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::ffff" }
    `);
    assert.deepEqual(ok.of('MV104'), []);
    const bad = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/33
          gateway: 198.51.100.1
    `);
    assert.deepEqual(bad.of('MV104'), []);
    assert.equal(bad.of('MV101').length, 1);
  });
});
