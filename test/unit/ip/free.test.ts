import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cidrInterval, formatAddr, nextFreeAddress, nextFreeBlock, parseCidr, type Cidr, type Interval } from '../../../core/ip';

function cidr(text: string): Cidr {
  const r = parseCidr(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error}`);
  return r.value;
}
const iv = (text: string): Interval => cidrInterval(cidr(text));
const fmt4 = (v: bigint | undefined): string | undefined => (v === undefined ? undefined : formatAddr({ family: 4, value: v }));
const fmt6 = (v: bigint | undefined): string | undefined => (v === undefined ? undefined : formatAddr({ family: 6, value: v }));

describe('nextFreeBlock', () => {
  const parent = cidr('192.168.0.0/16');

  it('first block of an empty parent', () => {
    assert.equal(fmt4(nextFreeBlock([], 24, 4, parent)), '192.168.0.0');
  });
  it('skips taken blocks, unsorted and overlapping', () => {
    const taken = [iv('192.168.1.0/24'), iv('192.168.0.0/24'), iv('192.168.0.128/25'), iv('192.168.3.0/24')];
    assert.equal(fmt4(nextFreeBlock(taken, 24, 4, parent)), '192.168.2.0');
    assert.equal(fmt4(nextFreeBlock(taken, 23, 4, parent)), '192.168.4.0', '/23 must be aligned on an even third octet');
    assert.equal(fmt4(nextFreeBlock(taken, 26, 4, parent)), '192.168.2.0');
  });
  it('a taken range that is not a CIDR blocks the aligned blocks it touches', () => {
    const taken = [{ start: cidr('192.168.0.5/32').network, end: cidr('192.168.0.70/32').network }];
    assert.equal(fmt4(nextFreeBlock(taken, 26, 4, parent)), '192.168.0.128');
    assert.equal(fmt4(nextFreeBlock(taken, 30, 4, parent)), '192.168.0.0');
  });
  it('a taken supernet fills the whole parent', () => {
    assert.equal(nextFreeBlock([iv('192.168.0.0/15')], 24, 4, parent), undefined);
  });
  it('the last block of the parent is found; one past it is not', () => {
    const taken = [{ start: parent.network, end: cidr('192.168.255.0/32').network - 1n }];
    assert.equal(fmt4(nextFreeBlock(taken, 24, 4, parent)), '192.168.255.0');
    assert.equal(nextFreeBlock([...taken, iv('192.168.255.128/25')], 24, 4, parent), undefined);
    assert.equal(fmt4(nextFreeBlock([...taken, iv('192.168.255.128/25')], 25, 4, parent)), '192.168.255.0');
  });
  it('a block larger than the parent never fits', () => {
    assert.equal(nextFreeBlock([], 15, 4, parent), undefined);
    assert.equal(fmt4(nextFreeBlock([], 16, 4, parent)), '192.168.0.0');
  });
  it('parent with host bits set searches its network', () => {
    assert.equal(fmt4(nextFreeBlock([], 24, 4, cidr('192.168.77.1/16'))), '192.168.0.0');
  });
  it('`after` is rounded up to the alignment', () => {
    const after = cidr('192.168.3.1/32').network;
    assert.equal(fmt4(nextFreeBlock([iv('192.168.4.0/24')], 24, 4, parent, after)), '192.168.5.0');
    assert.equal(fmt4(nextFreeBlock([], 24, 4, parent, cidr('192.168.3.0/32').network)), '192.168.3.0');
    assert.equal(fmt4(nextFreeBlock([], 24, 4, parent, 5n)), '192.168.0.0', '`after` below the parent is moot');
  });
  it('without a parent: the whole space from 0 or from `after`', () => {
    assert.equal(fmt4(nextFreeBlock([iv('0.0.0.0/8')], 8, 4)), '1.0.0.0');
    assert.equal(fmt4(nextFreeBlock([], 0, 4)), '0.0.0.0');
    assert.equal(nextFreeBlock([iv('0.0.0.0/32')], 0, 4), undefined);
    assert.equal(fmt4(nextFreeBlock([], 24, 4, undefined, cidr('198.51.100.1/32').network)), '198.51.101.0');
  });
  it('edge of the IPv4 space', () => {
    const allButLast = [{ start: 0n, end: 0xfffffffen }];
    assert.equal(fmt4(nextFreeBlock(allButLast, 32, 4)), '255.255.255.255');
    assert.equal(nextFreeBlock(allButLast, 31, 4), undefined);
    assert.equal(nextFreeBlock([{ start: 0n, end: 0xffffffffn }], 32, 4), undefined);
    assert.equal(fmt4(nextFreeBlock([], 24, 4, undefined, 0xffffff00n)), '255.255.255.0');
    assert.equal(nextFreeBlock([], 24, 4, undefined, 0xffffff01n), undefined);
  });
  it('IPv6 /64s in 2001:db8::/32', () => {
    const db8 = cidr('2001:db8::/32');
    const taken = [iv('2001:db8::/64'), iv('2001:db8:0:1::/64'), iv('2001:db8:0:3::5/128')];
    assert.equal(fmt6(nextFreeBlock(taken, 64, 6, db8)), '2001:db8:0:2::');
    assert.equal(fmt6(nextFreeBlock(taken, 63, 6, db8)), '2001:db8:0:4::');
    assert.equal(fmt6(nextFreeBlock([iv('2001:db8::/33')], 48, 6, db8)), '2001:db8:8000::');
    assert.equal(fmt6(nextFreeBlock([iv('2001:db8::/33')], 64, 6, db8, cidr('2001:db8:ffff:ffff::/128').network)), '2001:db8:ffff:ffff::');
    assert.equal(nextFreeBlock([iv('2001:db8::/32')], 64, 6, db8), undefined);
    assert.equal(fmt6(nextFreeBlock([{ start: 0n, end: (1n << 128n) - 2n }], 128, 6)), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });
  it('many taken blocks', () => {
    const taken: Interval[] = [];
    for (let i = 9999; i >= 0; i--) taken.push(iv(`10.${i >> 8}.${i & 255}.0/24`));
    assert.equal(fmt4(nextFreeBlock(taken, 24, 4, cidr('10.0.0.0/8'))), '10.39.16.0');
  });
  it('rejects a prefix outside the family', () => {
    assert.throws(() => nextFreeBlock([], 33, 4), RangeError);
    assert.throws(() => nextFreeBlock([], -1, 6), RangeError);
  });
});

describe('nextFreeAddress', () => {
  const net = cidr('192.0.2.0/24');
  const range = { start: net.network + 1n, end: net.last - 1n };
  const a = (last: number): bigint => net.network + BigInt(last);

  it('first address when nothing is taken', () => {
    assert.equal(fmt4(nextFreeAddress(range, [])), '192.0.2.1');
  });
  it('skips taken addresses (Set or unsorted array)', () => {
    assert.equal(fmt4(nextFreeAddress(range, new Set([a(1), a(2), a(4)]))), '192.0.2.3');
    assert.equal(fmt4(nextFreeAddress(range, [a(3), a(1), a(2)])), '192.0.2.4');
  });
  it('skips excluded intervals, overlapping and unsorted', () => {
    const ex = [{ start: a(10), end: a(19) }, { start: a(1), end: a(5) }, { start: a(3), end: a(9) }];
    assert.equal(fmt4(nextFreeAddress(range, [a(20), a(21)], ex)), '192.0.2.22');
  });
  it('returns undefined when the range is full, and finds the very last address', () => {
    const all: bigint[] = [];
    for (let i = 1; i <= 254; i++) all.push(a(i));
    assert.equal(nextFreeAddress(range, all), undefined);
    assert.equal(fmt4(nextFreeAddress(range, all.slice(0, -1))), '192.0.2.254');
    assert.equal(nextFreeAddress(range, [], [{ start: 0n, end: 0xffffffffn }]), undefined);
    assert.equal(nextFreeAddress({ start: 5n, end: 4n }, []), undefined);
  });
  it('edge of the IPv4 space', () => {
    const top = { start: 0xfffffffen, end: 0xffffffffn };
    assert.equal(fmt4(nextFreeAddress(top, [0xfffffffen])), '255.255.255.255');
    assert.equal(nextFreeAddress(top, [0xfffffffen, 0xffffffffn]), undefined);
  });
  it('10k taken addresses and a huge excluded IPv6 range', () => {
    const db8 = cidr('2001:db8::/64');
    const taken = new Set<bigint>();
    for (let i = 1n; i <= 10000n; i++) taken.add(db8.network + i);
    const ex = [{ start: db8.network + 10001n, end: db8.network + (1n << 63n) }];
    const t0 = Date.now();
    assert.equal(fmt6(nextFreeAddress({ start: db8.network + 1n, end: db8.last }, taken, ex)), '2001:db8::8000:0:0:1');
    assert.ok(Date.now() - t0 < 1000);
  });
});
