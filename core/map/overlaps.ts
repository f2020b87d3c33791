import type { Facts, NetFacts } from '../analysis/facts';
import { hostNets, sortIndices, subnetOf } from '../analysis/hostNets';
import type { Cidr, Family } from '../ip';

/** Where another network's subnet overlaps this one's, on a host they share. */
export interface NetOverlap {
  other: NetFacts;
  /** The overlapping addresses: this whole subnet (it lies inside `other`) or `other`'s block. */
  start: bigint;
  end: bigint;
  /** True when this subnet lies inside `other`'s (or is the same block). */
  inside: boolean;
  /** Further blocks around this one besides `other` (for "and N more"). */
  more: number;
}

/**
 * Per network, the subnets of one family it overlaps on some host. CIDR blocks nest or are
 * disjoint, so a sweep in start order with a stack of open blocks finds, for each block, the
 * nearest block around it (the top of the stack) and makes it that block's child. A bar shows
 * its children (siblings are disjoint, grandchildren lie inside children) and the block around
 * it: at most one record per block and host plus one per child, never the O(n²) pairs that n
 * identical subnets would give.
 */
export function subnetOverlaps(facts: Facts, family: Family): Map<NetFacts, NetOverlap[]> {
  const out = new Map<NetFacts, NetOverlap[]>();
  const seen = new Set<string>();
  const index = new Map<NetFacts, number>();
  facts.nets.forEach((n, i) => index.set(n, i));
  const add = (net: NetFacts, o: NetOverlap) => {
    const key = `${index.get(net)}:${index.get(o.other)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = out.get(net);
    if (list) list.push(o);
    else out.set(net, [o]);
  };
  for (const { nets } of hostNets({ facts })) {
    const on: NetFacts[] = [];
    const blocks: Cidr[] = [];
    for (const n of nets) {
      const s = subnetOf(n, family);
      if (!s) continue;
      on.push(n);
      blocks.push(s.cidr);
    }
    if (on.length < 2) continue;
    const order = on.map((_, i) => i);
    // Start ascending, larger blocks first (what holds before what it holds), then file order.
    sortIndices(order, (a, b) => {
      const x = blocks[a];
      const y = blocks[b];
      return x.network < y.network ? -1 : x.network > y.network ? 1 : x.last > y.last ? -1 : x.last < y.last ? 1 : a - b;
    });
    const stack: number[] = [];
    for (const i of order) {
      const b = blocks[i];
      while (stack.length && blocks[stack[stack.length - 1]].last < b.network) stack.pop();
      if (stack.length) {
        const parent = stack[stack.length - 1];
        add(on[i], { other: on[parent], start: b.network, end: b.last, inside: true, more: stack.length - 1 });
        add(on[parent], { other: on[i], start: b.network, end: b.last, inside: false, more: 0 });
      }
      stack.push(i);
    }
  }
  return out;
}
