import type { CidrFact, NetFacts } from '../analysis/facts';
import { compareBigint, formatCidr, type Cidr, type Family, type Interval } from '../ip';
import type { RuleContext } from './types';

/** Networks per host and nested-CIDR overlap search, shared by the MV2xx and MV3xx rules. */
export function subnetOf(n: NetFacts, family: Family): CidrFact | undefined {
  const f = family === 4 ? n.subnet : n.v6subnet;
  return f && f.cidr.family === family ? f : undefined;
}

export function cidrText(c: Cidr): string {
  return formatCidr(c.family, c.network, c.prefix);
}

/** Networks of each host, in file order; hosts in declaration order. */
export function netsByHost(ctx: RuleContext): Map<string, NetFacts[]> {
  const out = new Map<string, NetFacts[]>(ctx.facts.model.hosts.map((h) => [h.name, []]));
  for (const n of ctx.facts.nets) {
    for (const h of n.hosts) {
      let list = out.get(h);
      if (!list) out.set(h, (list = []));
      list.push(n);
    }
  }
  return out;
}

interface Node<T> {
  item: T;
  start: bigint;
  end: bigint;
  order: number;
  /** Lowest-order item among this node and its containers (set when pushed on the stack). */
  chain?: Node<T>;
  /** Lowest-order item strictly inside this node's block (or an equal block sorted after it). */
  below?: Node<T>;
  /** How many items inside this node's block, itself excluded. */
  belowCount: number;
}

/**
 * For each item that overlaps an item of lower `order`, the overlapping item of lowest order and
 * how many items it overlaps in all. O(n log n).
 *
 * Only for CIDR blocks (and other laminar families): two blocks either nest or are disjoint, so
 * the items overlapping one block are the blocks containing it (a chain, kept on a stack while
 * sweeping in start order) and the blocks inside it (contiguous after it in that order). This
 * answers "overlaps anything earlier in the file", which `findOverlapsFirst` cannot (its
 * "earlier" is sweep order), without listing the O(n²) pairs nested blocks can produce.
 * `count` is every other item the block overlaps, earlier or later (for "and N more").
 */
export function earliestOverlapping<T>(
  items: readonly T[],
  interval: (t: T) => Interval,
  order: (t: T) => number,
): { item: T; earliest: T; count: number }[] {
  const nodes: Node<T>[] = items.map((item) => {
    const iv = interval(item);
    return { item, start: iv.start, end: iv.end, order: order(item), belowCount: 0 };
  });
  nodes.sort((a, b) => compareBigint(a.start, b.start) || compareBigint(b.end, a.end) || a.order - b.order);
  const above = new Map<Node<T>, { node: Node<T> | undefined; count: number }>();
  const stack: Node<T>[] = [];
  const lower = (a: Node<T> | undefined, b: Node<T> | undefined): Node<T> | undefined => (!a ? b : !b ? a : a.order <= b.order ? a : b);
  const pop = (): void => {
    const done = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.below = lower(parent.below, lower(done, done.below));
      parent.belowCount += 1 + done.belowCount;
    }
  };
  for (const n of nodes) {
    while (stack.length > 0 && stack[stack.length - 1].end < n.start) pop();
    const top = stack[stack.length - 1];
    n.chain = lower(n, top?.chain);
    if (top) above.set(n, { node: top.chain, count: stack.length });
    stack.push(n);
  }
  while (stack.length > 0) pop();

  const out: { item: T; earliest: T; count: number }[] = [];
  for (const n of nodes) {
    const up = above.get(n);
    const best = lower(up?.node, n.below);
    if (best && best.order < n.order) out.push({ item: n.item, earliest: best.item, count: (up?.count ?? 0) + n.belowCount });
  }
  return out;
}
