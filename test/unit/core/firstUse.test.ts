import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FirstUse } from '../../../core/analysis/firstUse';
import { seededRandom } from '../core/seededRandom';

describe('FirstUse', () => {
  // A Map keyed by "group/value" is the oracle; the table starts small so that it grows.
  it('answers like a Map for random keys, through growth, with 48-bit values and repeated keys', () => {
    const random = seededRandom(11);
    const table = new FirstUse(4);
    const oracle = new Map<string, number>();
    for (let user = 0; user < 20_000; user++) {
      const group = Math.floor(random() * 8);
      // Small values collide often (repeated keys); large ones exercise the high half of the hash.
      const value = random() < 0.5 ? Math.floor(random() * 5_000) : Math.floor(random() * 2 ** 48);
      const key = `${group}/${value}`;
      const expected = oracle.get(key) ?? -1;
      if (expected === -1) oracle.set(key, user);
      assert.equal(table.firstOrAdd(group, value, user), expected, key);
    }
  });

  it('tells the same value in different groups apart', () => {
    const table = new FirstUse(2);
    assert.equal(table.firstOrAdd(0, 167772161, 1), -1);
    assert.equal(table.firstOrAdd(1, 167772161, 2), -1);
    assert.equal(table.firstOrAdd(0, 167772161, 3), 1);
    assert.equal(table.firstOrAdd(1, 167772161, 4), 2);
  });
});
