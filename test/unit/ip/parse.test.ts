import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddr, parseAddr4, parseAddr6, type Addr, type Family, type Result } from '../../../core/ip';

const DB8 = 0x20010db8n << 96n;

type Expect = { family: Family; value: bigint } | string;

function check(r: Result<Addr>, expected: Expect, input: string): void {
  if (typeof expected === 'string') {
    assert.deepEqual(r, { ok: false, error: expected }, `input ${JSON.stringify(input)}`);
  } else {
    assert.deepEqual(r, { ok: true, value: expected }, `input ${JSON.stringify(input)}`);
  }
}

const ADDR_TABLE: Array<[string, Expect]> = [
  // IPv4, valid
  ['0.0.0.0', { family: 4, value: 0n }],
  ['255.255.255.255', { family: 4, value: 0xffffffffn }],
  ['192.0.2.1', { family: 4, value: 0xc0000201n }],
  ['198.51.100.0', { family: 4, value: 0xc6336400n }],
  ['203.0.113.255', { family: 4, value: 0xcb0071ffn }],
  ['10.0.0.1', { family: 4, value: 0x0a000001n }],
  // IPv4, invalid
  ['', 'address is empty'],
  ['010.0.0.1', 'leading zero in 010'],
  ['192.0.2.01', 'leading zero in 01'],
  ['192.0.2.00', 'leading zero in 00'],
  ['10.1', 'expected 4 octets, found 2'],
  ['127.1', 'expected 4 octets, found 2'],
  ['10', 'expected 4 octets, found 1'],
  ['1.2.3.4.5', 'expected 4 octets, found 5'],
  ['192.0.2.300', 'octet 300 is above 255'],
  ['192.0.2.256', 'octet 256 is above 255'],
  ['192.0.2.99999999999999999999', 'octet 99999999999999999999 is above 255'],
  [' 192.0.2.1', 'whitespace is not allowed'],
  ['192.0.2.1 ', 'whitespace is not allowed'],
  ['192.0.2 .1', 'whitespace is not allowed'],
  ['192.0.2.1\n', 'whitespace is not allowed'],
  ['192..2.1', 'empty octet'],
  ['192.0.2.', 'empty octet'],
  ['192.0.2.-1', "unexpected character '-' in IPv4 address"],
  ['192.0.2.+1', "unexpected character '+' in IPv4 address"],
  ['0x0a.0.0.1', "unexpected character 'x' in IPv4 address"],
  ['localhost', "'localhost' is not an IPv4 or IPv6 address"],
  // IPv6, valid
  ['::', { family: 6, value: 0n }],
  ['::1', { family: 6, value: 1n }],
  ['2001:db8::', { family: 6, value: DB8 }],
  ['2001:DB8::1', { family: 6, value: DB8 | 1n }],
  ['2001:db8:0:0:0:0:0:1', { family: 6, value: DB8 | 1n }],
  ['2001:0db8:0000::0001', { family: 6, value: DB8 | 1n }],
  ['0:0:0:0:0:0:0:0', { family: 6, value: 0n }],
  ['2001:db8:1:2:3:4:5:6', { family: 6, value: 0x20010db8000100020003000400050006n }],
  ['1:2:3:4:5:6:7::', { family: 6, value: 0x00010002000300040005000600070000n }],
  ['::2:3:4:5:6:7:8', { family: 6, value: 0x00000002000300040005000600070008n }],
  ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', { family: 6, value: (1n << 128n) - 1n }],
  ['::ffff:192.0.2.1', { family: 6, value: 0xffffc0000201n }],
  ['::192.0.2.1', { family: 6, value: 0xc0000201n }],
  ['2001:db8::192.0.2.1', { family: 6, value: DB8 | 0xc0000201n }],
  ['2001:db8:1:2:3:4:192.0.2.1', { family: 6, value: 0x20010db80001000200030004c0000201n }],
  // IPv6, invalid
  ['fe80::1%eth0', "zone id '%eth0' is not allowed"],
  ['2001:db8::fffff', "group 'fffff' has more than 4 hex digits"],
  ['1:2:3:4:5:6:7:8:9', 'expected 8 groups, found 9'],
  ['1:2:3:4:5:6:7', 'expected 8 groups, found 7'],
  ['1:2:3:4:5:6:7:8::', "'::' must stand for at least one zero group, but 8 groups are already present"],
  ['::1:2:3:4:5:6:7:8', "'::' must stand for at least one zero group, but 8 groups are already present"],
  ['1:2:3:4::5:6:7:8', "'::' must stand for at least one zero group, but 8 groups are already present"],
  ['1::2:3:4:5:6:7:8:9', 'expected at most 8 groups, found 9'],
  ['2001:db8::1::2', "'::' may appear only once"],
  [':::', "'::' may appear only once"],
  [':1::2', "address starts with a single ':'"],
  [':1:2:3:4:5:6:7', "address starts with a single ':'"],
  ['1::2:', "address ends with a single ':'"],
  ['2001:db8::g', "unexpected character 'g' in IPv6 address"],
  ['[2001:db8::1]', "unexpected character '[' in IPv6 address"],
  ['2001:db8:: 1', 'whitespace is not allowed'],
  ['::ffff:192.0.2.300', "embedded IPv4 '192.0.2.300': octet 300 is above 255"],
  ['::ffff:10.1', "embedded IPv4 '10.1': expected 4 octets, found 2"],
  ['::ffff:192.0.2.01', "embedded IPv4 '192.0.2.01': leading zero in 01"],
  ['::192.0.2.1:1', "embedded IPv4 '192.0.2.1' must be the last part of the address"],
  ['192.0.2.1::', "embedded IPv4 '192.0.2.1' must be the last part of the address"],
  ['1:2:3:4:5:6:7:192.0.2.1', 'expected 8 groups, found 9'],
  ['1:2:3:4:5:6::192.0.2.1', "'::' must stand for at least one zero group, but 8 groups are already present"],
];

describe('parseAddr table', () => {
  it('has at least 40 rows', () => assert.ok(ADDR_TABLE.length >= 40));
  for (const [input, expected] of ADDR_TABLE) {
    it(`${JSON.stringify(input)} -> ${typeof expected === 'string' ? expected : `v${expected.family} ${expected.value.toString(16)}`}`, () => {
      check(parseAddr(input), expected, input);
    });
  }
});

describe('family-specific parsers', () => {
  it('parseAddr4 accepts IPv4 and refuses IPv6 text', () => {
    assert.deepEqual(parseAddr4('192.0.2.1'), { ok: true, value: { family: 4, value: 0xc0000201n } });
    assert.deepEqual(parseAddr4('2001:db8::1'), { ok: false, error: "unexpected character ':' in IPv4 address" });
    assert.deepEqual(parseAddr4(''), { ok: false, error: 'address is empty' });
  });
  it('parseAddr6 accepts IPv6 and refuses IPv4 text', () => {
    assert.deepEqual(parseAddr6('2001:db8::1'), { ok: true, value: { family: 6, value: DB8 | 1n } });
    assert.deepEqual(parseAddr6('192.0.2.1'), { ok: false, error: 'expected 8 groups, found 2' });
    assert.deepEqual(parseAddr6('fe80::1%25eth0'), { ok: false, error: "zone id '%25eth0' is not allowed" });
  });
  it('never throws on arbitrary junk', () => {
    for (const s of ['.', '...', ':', '::::', '/', '-', '1.2.3.4/', '\u00a0', '١.٢.٣.٤', '🙂', 'ffff::ffff::', '::.']) {
      const r = parseAddr(s);
      assert.equal(r.ok, false, s);
    }
  });
  it('reports a non-ASCII character whole', () => {
    assert.deepEqual(parseAddr('192.0.2.🙂'), { ok: false, error: "unexpected character '🙂' in IPv4 address" });
  });
});
