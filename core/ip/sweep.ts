import { compareBigint, type Interval } from './interval';

interface Entry<T> {
  item: T;
  start: bigint;
  end: bigint;
  index: number;
}

/**
 * Sweep order: by start, then the longer interval first (so on equal starts the containing
 * interval is the "earlier" one, and nested items point at their container), then input order.
 */
function sortedEntries<T>(items: readonly T[], interval: (t: T) => Interval | undefined): Entry<T>[] {
  const entries: Entry<T>[] = [];
  items.forEach((item, index) => {
    const iv = interval(item);
    if (iv) entries.push({ item, start: iv.start, end: iv.end, index });
  });
  entries.sort((a, b) => compareBigint(a.start, b.start) || compareBigint(b.end, a.end) || a.index - b.index);
  return entries;
}

/**
 * Every overlapping pair, in O(n log n + k) for k pairs: sweep by start, keeping the intervals
 * still open in a min-heap on their end; whatever is left in the heap after dropping those that
 * ended before the current start overlaps the current item.
 * Each pair is [earlier, later] in sweep order (see `sortedEntries`); pairs come grouped by
 * their later item in sweep order; the order inside a group is deterministic but unspecified.
 * Items for which `interval` returns undefined are skipped. All intervals must be of one family.
 * Use `findOverlapsFirst` when one big interval may contain many others and one finding per
 * item is enough: this function would report all k = O(n²) pairs.
 */
export function findOverlaps<T>(items: readonly T[], interval: (t: T) => Interval | undefined): Array<[T, T]> {
  const out: Array<[T, T]> = [];
  const open = new MinHeap<Entry<T>>((a, b) => compareBigint(a.end, b.end) || a.index - b.index);
  for (const e of sortedEntries(items, interval)) {
    while (open.size > 0 && open.peek().end < e.start) open.pop();
    for (const o of open.items()) out.push([o.item, e.item]);
    open.push(e);
  }
  return out;
}

/**
 * For each item, at most one earlier item (in the sweep order of `findOverlaps`, so starting
 * no later) that it overlaps: the one with the greatest end seen so far, which overlaps the item
 * whenever any earlier one does. O(n log n), at most n - 1 pairs, each [earlier, item].
 * Every item that overlaps something earlier is reported exactly once, so a rule emits one
 * finding per offending item however deeply they nest.
 */
export function findOverlapsFirst<T>(items: readonly T[], interval: (t: T) => Interval | undefined): Array<[T, T]> {
  const out: Array<[T, T]> = [];
  let reach: Entry<T> | undefined;
  for (const e of sortedEntries(items, interval)) {
    if (reach && reach.end >= e.start) out.push([reach.item, e.item]);
    // Strictly greater keeps the earliest of equal reaches, so reports stay stable.
    if (!reach || e.end > reach.end) reach = e;
  }
  return out;
}

/** Binary min-heap; hand-rolled because core/ takes no dependencies. */
class MinHeap<T> {
  private readonly a: T[] = [];
  constructor(private readonly less: (x: T, y: T) => number) {}

  get size(): number {
    return this.a.length;
  }

  peek(): T {
    return this.a[0];
  }

  items(): readonly T[] {
    return this.a;
  }

  push(x: T): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.less(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
