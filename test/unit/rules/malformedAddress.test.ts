import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

describe('MV101 malformedAddress', () => {
  it('reports each malformed value once, with what it is and what is wrong', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.300/24
          gateway: 192.0.2.01
          aux_addresses: { printer: "10.1" }
          exclude: [192.0.2.20-192.0.2.10]
      containers:
        web:
          image: nginx:alpine
          networks:
            lan:
              ipv4_address: "192.0.2.10 "
    `);
    const got = c.of('MV101').map((f) => [c.textAt(f), f.path.join('.'), f.message, f.severity]);
    assert.deepEqual(got, [
      ['192.0.2.300/24', 'networks.lan.subnet', '"192.0.2.300/24" is not a valid subnet: octet 300 is above 255', 'error'],
      ['192.0.2.01', 'networks.lan.gateway', '"192.0.2.01" is not a valid gateway: leading zero in 01', 'error'],
      ['"10.1"', 'networks.lan.aux_addresses.printer', '"10.1" is not a valid aux address printer: expected 4 octets, found 2', 'error'],
      [
        '192.0.2.20-192.0.2.10',
        'networks.lan.exclude.0',
        '"192.0.2.20-192.0.2.10" is not a valid exclude entry: range start 192.0.2.20 is after range end 192.0.2.10',
        'error',
      ],
      ['"192.0.2.10 "', 'containers.web.networks.lan.ipv4_address', '"192.0.2.10 " is not a valid ipv4_address: whitespace is not allowed', 'error'],
    ]);
    // The rules that compare addresses never see these values.
    for (const code of ['MV104', 'MV105', 'MV107', 'MV108', 'MV109'] as const) assert.deepEqual(c.of(code), [], code);
  });

  it('reports a value of the other family where the slot demands one', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: "2001:db8:10::/64"
          ipv6: { subnet: 192.0.2.0/24 }
    `);
    const got = c.of('MV101').map((f) => [c.textAt(f), f.message]);
    assert.deepEqual(got, [
      ['"2001:db8:10::/64"', '"2001:db8:10::/64" is not a valid subnet: subnet expects an IPv4 CIDR; put IPv6 under ipv6:'],
      ['192.0.2.0/24', '"192.0.2.0/24" is not a valid ipv6 subnet: ipv6 subnet expects an IPv6 CIDR'],
    ]);
    assert.deepEqual(c.of('MV111'), []);
  });

  it('is quiet on well-formed addresses of both families', () => {
    const c = check(`
      version: 1
      networks:
        lan:
          parent: eth0
          subnet: 192.0.2.0/24
          gateway: 192.0.2.1
          ip_range: 192.0.2.128/25
          aux_addresses: { printer: 192.0.2.2 }
          exclude: [192.0.2.100-192.0.2.119, 192.0.2.250]
          ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1", ip_range: "2001:db8:10::1000/116" }
      containers:
        web:
          image: nginx:alpine
          networks:
            lan: { ipv4_address: 192.0.2.10, ipv6_address: "2001:db8:10::10" }
    `);
    assert.deepEqual(c.of('MV101'), []);
  });
  it("quotes a huge value at a bounded length", () => {
    const huge = '1'.repeat(100_000);
    const c = check(`version: 1\nnetworks:\n  a: { parent: eth0, subnet: "${huge}", gateway: 192.0.2.1 }\n`);
    const f = c.of('MV101').find((x) => x.path.at(-1) === 'subnet');
    assert.ok(f);
    assert.ok(f.message.length < 400, `${f.message.length} characters`);
    assert.match(f.message, /100000 characters/);
  });
});
