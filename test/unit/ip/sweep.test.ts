import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findOverlaps, findOverlapsFirst, overlaps, type Interval } from '../../../core/ip';

interface Item extends Interval {
  id: number;
}

/** Fixed-seed LCG so a failing case reproduces. */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

function randomItems(seed: number, n: number, space: number, maxLen: number): Item[] {
  const rnd = lcg(seed);
  return Array.from({ length: n }, (_, id) => {
    const start = rnd(space);
    return { id, start: BigInt(start), end: BigInt(start + rnd(maxLen)) };
  });
}

/** The sweep order the module documents: start asc, end desc, input order. */
function before(a: Item, b: Item): boolean {
  if (a.start !== b.start) return a.start < b.start;
  if (a.end !== b.end) return a.end > b.end;
  return a.id < b.id;
}

const key = (a: Item, b: Item): string => (a.id < b.id ? `${a.id}-${b.id}` : `${b.id}-${a.id}`);

function bruteAllPairs(items: Item[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) if (overlaps(items[i], items[j])) out.add(key(items[i], items[j]));
  }
  return out;
}

const SCENARIOS: Array<[string, number, number, number, number]> = [
  // name, seed, n, space, maxLen
  ['sparse', 1, 200, 100000, 50],
  ['dense', 2, 200, 1000, 100],
  ['many equal starts', 3, 200, 20, 30],
  ['points', 4, 300, 150, 1],
  ['long and short mixed', 5, 150, 5000, 3000],
];

describe('findOverlaps against brute force', () => {
  for (const [name, seed, n, space, maxLen] of SCENARIOS) {
    it(name, () => {
      const items = randomItems(seed, n, space, maxLen);
      const pairs = findOverlaps(items, (t) => t);
      const got = new Set(pairs.map(([a, b]) => key(a, b)));
      assert.equal(got.size, pairs.length, 'no pair reported twice');
      assert.deepEqual([...got].sort(), [...bruteAllPairs(items)].sort());
      for (const [a, b] of pairs) assert.ok(before(a, b), `pair ${a.id},${b.id} is [earlier, later]`);
    });
  }
});

describe('findOverlapsFirst against brute force', () => {
  for (const [name, seed, n, space, maxLen] of SCENARIOS) {
    it(name, () => {
      const items = randomItems(seed, n, space, maxLen);
      const pairs = findOverlapsFirst(items, (t) => t);
      const reported = new Map<number, Item>();
      for (const [earlier, item] of pairs) {
        assert.ok(!reported.has(item.id), `item ${item.id} reported once`);
        reported.set(item.id, earlier);
      }
      for (const item of items) {
        const preds = items.filter((o) => o !== item && before(o, item));
        const hits = preds.filter((o) => overlaps(o, item));
        const partner = reported.get(item.id);
        if (hits.length === 0) {
          assert.equal(partner, undefined, `item ${item.id} overlaps nothing earlier`);
          continue;
        }
        assert.ok(partner, `item ${item.id} overlaps something earlier`);
        assert.ok(before(partner, item) && overlaps(partner, item));
        const maxEnd = preds.reduce((m, o) => (o.end > m ? o.end : m), -1n);
        assert.equal(partner.end, maxEnd, 'partner is the earlier item reaching furthest');
      }
    });
  }
});

describe('sweep details', () => {
  it('skips items without an interval', () => {
    const items = [{ n: 'a', iv: { start: 1n, end: 5n } }, { n: 'b', iv: undefined }, { n: 'c', iv: { start: 5n, end: 9n } }];
    const names = (ps: Array<[{ n: string }, { n: string }]>): string[] => ps.map(([x, y]) => x.n + y.n);
    assert.deepEqual(names(findOverlaps(items, (t) => t.iv)), ['ac']);
    assert.deepEqual(names(findOverlapsFirst(items, (t) => t.iv)), ['ac']);
  });

  it('touching is overlapping (inclusive ends), adjacency is not', () => {
    const a = { start: 0n, end: 9n };
    const b = { start: 9n, end: 12n };
    const c = { start: 13n, end: 20n };
    assert.deepEqual(findOverlaps([c, b, a], (t) => t), [[a, b]]);
  });

  it('on equal starts the container comes first', () => {
    const small = { start: 0n, end: 10n };
    const big = { start: 0n, end: 100n };
    assert.deepEqual(findOverlapsFirst([small, big], (t) => t), [[big, small]]);
    assert.deepEqual(findOverlaps([small, big], (t) => t), [[big, small]]);
  });

  it('many items nested in one: findOverlapsFirst stays linear in output', () => {
    const big = { start: 0n, end: 1n << 40n };
    const items = [big, ...Array.from({ length: 20000 }, (_, i) => ({ start: BigInt(i * 2 + 1), end: BigInt(i * 2 + 1) }))];
    const pairs = findOverlapsFirst(items, (t) => t);
    assert.equal(pairs.length, 20000);
    assert.ok(pairs.every(([outer]) => outer === big));
    assert.equal(findOverlaps(items, (t) => t).length, 20000, 'disjoint points pair only with the container');
  });

  it('IPv6 intervals in 2001:db8::/32', () => {
    const base = 0x20010db8n << 96n;
    const n64 = (k: bigint): Interval => ({ start: base | (k << 64n), end: base | (k << 64n) | ((1n << 64n) - 1n) });
    const whole = { start: base, end: base | ((1n << 96n) - 1n) };
    const items = [n64(1n), n64(2n), whole, n64(1n)];
    const pairs = findOverlaps(items, (t) => t).map(([a, b]) => [items.indexOf(a), items.indexOf(b)].sort().join());
    assert.deepEqual(pairs.sort(), ['0,2', '0,3', '1,2', '2,3']);
  });
});
