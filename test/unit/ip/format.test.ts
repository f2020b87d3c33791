import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatAddr, formatCidr, parseAddr, parseCidr } from '../../../core/ip';

function canon(text: string): string {
  const r = parseAddr(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error}`);
  return formatAddr(r.value);
}

describe('formatAddr', () => {
  const cases: Array<[string, string]> = [
    ['0.0.0.0', '0.0.0.0'],
    ['192.0.2.1', '192.0.2.1'],
    ['255.255.255.255', '255.255.255.255'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // tie: first run
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // longest run wins over the earlier shorter one
    ['2001:db8::', '2001:db8::'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['2001:db8:aBcD:EF01:2345:6789:abcd:ef01', '2001:db8:abcd:ef01:2345:6789:abcd:ef01'],
    ['0:1:0:1:0:1:0:1', '0:1:0:1:0:1:0:1'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} -> ${expected}`, () => {
      assert.equal(canon(input), expected);
      assert.equal(canon(expected), expected, 'canonical text is a fixed point');
    });
  }

  it('round-trips values through text', () => {
    // Fixed-seed LCG (Numerical Recipes constants) so failures reproduce.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0);
    for (let n = 0; n < 500; n++) {
      const v4 = BigInt(next());
      const r4 = parseAddr(formatAddr({ family: 4, value: v4 }));
      assert.deepEqual(r4, { ok: true, value: { family: 4, value: v4 } });
      let v6 = 0n;
      // Mostly-zero groups exercise the "::" choice.
      for (let g = 0; g < 8; g++) v6 = (v6 << 16n) | BigInt(next() % 3 === 0 ? next() & 0xffff : 0);
      const text = formatAddr({ family: 6, value: v6 });
      assert.deepEqual(parseAddr(text), { ok: true, value: { family: 6, value: v6 } }, text);
      assert.doesNotMatch(text, /:::|(^|:)0[0-9a-f]/);
    }
  });

  it('refuses values outside the family', () => {
    assert.throws(() => formatAddr({ family: 4, value: 1n << 32n }), RangeError);
    assert.throws(() => formatAddr({ family: 6, value: -1n }), RangeError);
  });
});

describe('formatCidr', () => {
  it('prints network/prefix', () => {
    assert.equal(formatCidr(4, 0xc0000200n, 24), '192.0.2.0/24');
    assert.equal(formatCidr(6, 0x20010db8n << 96n, 32), '2001:db8::/32');
  });
  it('normalising a CIDR with host bits', () => {
    const r = parseCidr('2001:DB8:0:0:1::5/64');
    assert.ok(r.ok);
    assert.equal(formatCidr(r.value.family, r.value.network, r.value.prefix), '2001:db8::/64');
  });
});
