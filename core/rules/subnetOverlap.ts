import type { CidrFact, NetFacts } from '../analysis/facts';
import { cidrInterval, compareBigint, formatCidr, type Cidr, type Family, type Interval } from '../ip';
import type { Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV201: two networks on one host with overlapping subnets — Docker's "Pool overlaps with other
 * one on this address space", whatever the drivers and parents.
 *
 * Decided here (the design page leaves it open):
 * - Checked per host and per family: `subnet` against `subnet`, `ipv6.subnet` against
 *   `ipv6.subnet`. Identical subnets overlap. Host bits are masked first (MV102 reports them).
 * - One finding per network and family, on the later network in the file (the fix data names
 *   it, so "renumber" never moves the network that came first). Its related place is the
 *   earliest network in the file it overlaps; a network that overlaps several gets one finding
 *   whose message counts the others. Every network that overlaps an earlier one is reported,
 *   even when that earlier one sits inside a later, larger block.
 * - A pair that overlaps on several hosts is one finding naming those hosts, not one per host.
 * - Internal networks count: their pools live in the same IPAM address space.
 */
export const rule: Rule = {
  code: 'MV201',
  title: 'Overlapping subnets on one host',
  defaultSeverity: 'error',
  check(ctx, report) {
    const facts = ctx.facts;
    const order = new Map(facts.nets.map((n, i) => [n, i] as const));
    for (const family of [4, 6] as const) {
      // Per later network: its earliest overlapping partner and the hosts where that pair meets.
      const found = new Map<NetFacts, { other: NetFacts; hosts: string[]; count: number }>();
      for (const [host, nets] of netsByHost(ctx)) {
        const items = nets.filter((n) => subnetOf(n, family) !== undefined);
        for (const { item, earliest, count } of earliestOverlapping(items, (n) => cidrInterval(subnetOf(n, family)!.cidr), (n) => order.get(n)!)) {
          const seen = found.get(item);
          const o = order.get(earliest)!;
          if (!seen || o < order.get(seen.other)!) found.set(item, { other: earliest, hosts: [host], count: Math.max(seen?.count ?? 0, count) });
          else if (seen.other === earliest) {
            seen.hosts.push(host);
            seen.count = Math.max(seen.count, count);
          } else seen.count = Math.max(seen.count, count);
        }
      }
      const later = [...found.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!);
      for (const [net, { other, hosts, count }] of later) {
        const mine = subnetOf(net, family)!;
        const theirs = subnetOf(other, family)!;
        const same = mine.cidr.network === theirs.cidr.network && mine.cidr.prefix === theirs.cidr.prefix;
        const where = facts.model.hostsDeclared ? ` on host${hosts.length > 1 ? 's' : ''} ${hosts.join(', ')}` : '';
        const more = count > 1 ? ` and ${count - 1} more network${count > 2 ? 's' : ''}` : '';
        const what = family === 4 ? 'subnet' : 'ipv6 subnet';
        report({
          message:
            `${what} ${cidrText(mine.cidr)} of network ${net.spec.name} ${same ? 'is the same as' : 'overlaps'} ` +
            `${cidrText(theirs.cidr)} of network ${other.spec.name} (line ${lineOf(ctx, theirs.val.span)})${more}${where} — ` +
            'Docker refuses overlapping pools on one host; give one of them a free subnet',
          span: mine.val.span,
          path: mine.val.path,
          related: [{ span: theirs.val.span, path: theirs.val.path, message: `${what} of network ${other.spec.name}` }],
          data: { fix: 'renumberNetwork', network: net.spec.name, family },
        });
      }
    }
  },
};

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
