import { compareBigint, type Interval } from './interval';

/**
 * Lowest address in `range` that is neither in `taken` nor inside an `excluded` interval.
 * Each step either returns or moves past one taken address or one excluded interval, so the
 * cost is O(t + e log e) however large the range (a /64 of excluded space is one jump).
 * An array `taken` need not be sorted; it is turned into a Set once.
 */
export function nextFreeAddress(
  range: Interval,
  taken: ReadonlySet<bigint> | readonly bigint[],
  excluded: readonly Interval[] = [],
): bigint | undefined {
  const used: ReadonlySet<bigint> = isSet(taken) ? taken : new Set(taken);
  const ex = [...excluded].sort((a, b) => compareBigint(a.start, b.start));
  let i = 0;
  let cand = range.start;
  while (cand <= range.end) {
    while (i < ex.length && ex[i].end < cand) i++;
    if (i < ex.length && ex[i].start <= cand) {
      cand = ex[i].end + 1n;
      continue;
    }
    if (used.has(cand)) {
      cand++;
      continue;
    }
    return cand;
  }
  return undefined;
}

function isSet(t: ReadonlySet<bigint> | readonly bigint[]): t is ReadonlySet<bigint> {
  return !Array.isArray(t);
}
