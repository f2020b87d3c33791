import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../core/seededRandom';
import {
  cidrInterval,
  contains,
  containsCidr,
  makeCidr,
  overlaps,
  parseAddrRange,
  parseCidr,
  quickCidr4,
  quickDottedQuad,
  size,
  usableRange,
  type AddrRange,
  type Cidr,
} from '../../../core/ip';

const DB8 = 0x20010db8n << 96n;
const ONES96 = (1n << 96n) - 1n;
const ONES64 = (1n << 64n) - 1n;

function cidr(text: string): Cidr {
  const r = parseCidr(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error}`);
  return r.value;
}

describe('parseCidr', () => {
  const valid: Array<[string, Cidr]> = [
    ['192.0.2.0/24', { family: 4, addr: 0xc0000200n, prefix: 24, network: 0xc0000200n, last: 0xc00002ffn, hostBitsSet: false }],
    ['192.0.2.5/24', { family: 4, addr: 0xc0000205n, prefix: 24, network: 0xc0000200n, last: 0xc00002ffn, hostBitsSet: true }],
    ['0.0.0.0/0', { family: 4, addr: 0n, prefix: 0, network: 0n, last: 0xffffffffn, hostBitsSet: false }],
    ['198.51.100.7/32', { family: 4, addr: 0xc6336407n, prefix: 32, network: 0xc6336407n, last: 0xc6336407n, hostBitsSet: false }],
    ['203.0.113.130/25', { family: 4, addr: 0xcb007182n, prefix: 25, network: 0xcb007180n, last: 0xcb0071ffn, hostBitsSet: true }],
    ['2001:db8::/32', { family: 6, addr: DB8, prefix: 32, network: DB8, last: DB8 | ONES96, hostBitsSet: false }],
    ['2001:db8::1/64', { family: 6, addr: DB8 | 1n, prefix: 64, network: DB8, last: DB8 | ONES64, hostBitsSet: true }],
    ['::/0', { family: 6, addr: 0n, prefix: 0, network: 0n, last: (1n << 128n) - 1n, hostBitsSet: false }],
    ['2001:DB8::1/128', { family: 6, addr: DB8 | 1n, prefix: 128, network: DB8 | 1n, last: DB8 | 1n, hostBitsSet: false }],
  ];
  for (const [input, expected] of valid) {
    it(`parses ${input}`, () => assert.deepEqual(parseCidr(input), { ok: true, value: expected }));
  }

  const invalid: Array<[string, string]> = [
    ['', 'CIDR is empty'],
    ['192.0.2.0', 'missing prefix length (expected address/prefix)'],
    ['192.0.2.0/', "missing prefix length after '/'"],
    ['192.0.2.0/33', 'prefix length 33 is above 32'],
    ['10.0.0.0/08', 'leading zero in prefix length 08'],
    ['10.0.0.0/+8', "prefix length '+8' is not a decimal number"],
    ['10.0.0.0/-8', "prefix length '-8' is not a decimal number"],
    ['10.0.0.0/8.0', "prefix length '8.0' is not a decimal number"],
    ['10.1/16', 'expected 4 octets, found 2'],
    ['010.0.0.0/8', 'leading zero in 010'],
    ['2001:db8::/129', 'prefix length 129 is above 128'],
    ['2001:db8::%eth0/64', "zone id '%eth0' is not allowed"],
    ['/24', "missing address before '/'"],
    ['192.0.2.0/24/25', "more than one '/'"],
    ['192.0.2.0 /24', 'whitespace is not allowed'],
    ['192.0.2.0/ 24', 'whitespace is not allowed'],
    ['192.0.2.300/24', 'octet 300 is above 255'],
  ];
  for (const [input, error] of invalid) {
    it(`rejects ${JSON.stringify(input)}: ${error}`, () => assert.deepEqual(parseCidr(input), { ok: false, error }));
  }
});

describe('size and usableRange', () => {
  it('counts addresses', () => {
    assert.equal(size(cidr('192.0.2.0/24')), 256n);
    assert.equal(size(cidr('192.0.2.0/32')), 1n);
    assert.equal(size(cidr('0.0.0.0/0')), 1n << 32n);
    assert.equal(size(cidr('2001:db8::/32')), 1n << 96n);
    assert.equal(size(cidr('::/0')), 1n << 128n);
  });
  it('IPv4 skips network and broadcast; /31 and /32 have none', () => {
    assert.deepEqual(usableRange(cidr('192.0.2.0/24')), { start: 0xc0000201n, end: 0xc00002fen });
    assert.deepEqual(usableRange(cidr('192.0.2.4/30')), { start: 0xc0000205n, end: 0xc0000206n });
    assert.equal(usableRange(cidr('192.0.2.4/31')), null);
    assert.equal(usableRange(cidr('192.0.2.4/32')), null);
  });
  it('IPv6 skips only the subnet-router anycast address; /127 and /128 have none', () => {
    assert.deepEqual(usableRange(cidr('2001:db8::/64')), { start: DB8 | 1n, end: DB8 | ONES64 });
    assert.deepEqual(usableRange(cidr('2001:db8::/126')), { start: DB8 | 1n, end: DB8 | 3n });
    assert.equal(usableRange(cidr('2001:db8::/127')), null);
    assert.equal(usableRange(cidr('2001:db8::/128')), null);
  });
});

describe('containment', () => {
  const net = cidr('192.0.2.0/24');
  it('contains is inclusive at both ends', () => {
    assert.equal(contains(net, 0xc0000200n), true);
    assert.equal(contains(net, 0xc00002ffn), true);
    assert.equal(contains(net, 0xc00001ffn), false);
    assert.equal(contains(net, 0xc0000300n), false);
  });
  it('containsCidr', () => {
    assert.equal(containsCidr(net, cidr('192.0.2.128/25')), true);
    assert.equal(containsCidr(net, cidr('192.0.2.0/24')), true);
    assert.equal(containsCidr(net, cidr('192.0.2.77/24')), true, 'host bits do not matter');
    assert.equal(containsCidr(net, cidr('192.0.0.0/16')), false);
    assert.equal(containsCidr(net, cidr('198.51.100.0/25')), false);
    assert.equal(containsCidr(cidr('2001:db8::/32'), cidr('2001:db8:10::/64')), true);
    assert.equal(containsCidr(cidr('::/0'), net), false, 'families differ');
    assert.equal(containsCidr(cidr('0.0.0.0/0'), cidr('::/0')), false, 'families differ');
  });
  it('overlaps and cidrInterval', () => {
    const a = cidrInterval(cidr('192.0.2.0/25'));
    assert.deepEqual(a, { start: 0xc0000200n, end: 0xc000027fn });
    assert.equal(overlaps(a, cidrInterval(cidr('192.0.2.127/32'))), true);
    assert.equal(overlaps(a, cidrInterval(cidr('192.0.2.128/25'))), false);
    assert.equal(overlaps(a, cidrInterval(cidr('192.0.0.0/16'))), true);
    assert.equal(overlaps({ start: 5n, end: 5n }, { start: 5n, end: 5n }), true);
    assert.equal(overlaps({ start: 5n, end: 6n }, { start: 7n, end: 9n }), false);
  });
  it('makeCidr normalises like parseCidr', () => {
    assert.deepEqual(makeCidr(4, 0xc0000205n, 24), cidr('192.0.2.5/24'));
    assert.deepEqual(makeCidr(6, DB8 | 1n, 64), cidr('2001:db8::1/64'));
  });
});

describe('parseAddrRange', () => {
  const valid: Array<[string, AddrRange]> = [
    ['192.0.2.10', { family: 4, start: 0xc000020an, end: 0xc000020an }],
    ['192.0.2.10-192.0.2.19', { family: 4, start: 0xc000020an, end: 0xc0000213n }],
    ['192.0.2.10-192.0.2.10', { family: 4, start: 0xc000020an, end: 0xc000020an }],
    ['192.0.2.0/30', { family: 4, start: 0xc0000200n, end: 0xc0000203n }],
    ['192.0.2.5/30', { family: 4, start: 0xc0000204n, end: 0xc0000207n }],
    ['2001:db8::10-2001:db8::1f', { family: 6, start: DB8 | 0x10n, end: DB8 | 0x1fn }],
    ['2001:db8::/126', { family: 6, start: DB8, end: DB8 | 3n }],
  ];
  for (const [input, expected] of valid) {
    it(`parses ${input}`, () => assert.deepEqual(parseAddrRange(input), { ok: true, value: expected }));
  }
  const invalid: Array<[string, string]> = [
    ['', 'address range is empty'],
    ['192.0.2.20-192.0.2.10', 'range start 192.0.2.20 is after range end 192.0.2.10'],
    ['2001:db8::20-2001:db8::1f', 'range start 2001:db8::20 is after range end 2001:db8::1f'],
    ['192.0.2.1-2001:db8::1', 'range mixes IPv4 and IPv6 addresses'],
    ['192.0.2.1-', "missing address after '-'"],
    ['-192.0.2.1', "missing address before '-'"],
    ['192.0.2.1-192.0.2.300', 'range end: octet 300 is above 255'],
    ['10.1-10.2', 'range start: expected 4 octets, found 2'],
    ['192.0.2.1-192.0.2.5-192.0.2.9', "more than one '-' in address range"],
    ['192.0.2.1 - 192.0.2.5', 'whitespace is not allowed'],
    ['192.0.2.0/33', 'prefix length 33 is above 32'],
    ['192.0.2.010', 'leading zero in 010'],
  ];
  for (const [input, error] of invalid) {
    it(`rejects ${JSON.stringify(input)}: ${error}`, () => assert.deepEqual(parseAddrRange(input), { ok: false, error }));
  }
});

describe('quick IPv4 paths', () => {
  // The quick paths answer plain input in 32-bit arithmetic; the general path is the oracle.
  it('quickCidr4 equals makeCidr for every prefix, including /0 and /32, on random addresses', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const addr = Math.floor(random() * 2 ** 32);
      const prefix = i % 33;
      const text = `${[24, 16, 8, 0].map((s) => (addr >>> s) & 255).join('.')}/${prefix}`;
      assert.deepEqual(quickCidr4(text), makeCidr(4, BigInt(addr), prefix), text);
    }
  });

  it('leaves everything but plain dotted quads and prefixes to the detailed path', () => {
    for (const text of ['10.0.0.0/033', '10.0.0.0/08', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0', '10.0.0/8', '010.0.0.0/8', '10.0.0.0/+8', '10.0.0.0 /8', '2001:db8::/32', '10.0.0.256/8']) {
      assert.equal(quickCidr4(text), undefined, text);
    }
    assert.equal(quickDottedQuad('x10.0.0.1y', 1, 9), 0x0a000001);
    assert.equal(quickDottedQuad('10.0.0.1', 0, 7), -1);
  });
});
