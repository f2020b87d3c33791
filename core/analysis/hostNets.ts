import type { CidrFact, Facts, NetFacts } from './facts';
import { formatCidr, type Cidr, type Family } from '../ip';
import { perCheck } from './perCheck';

/** Networks per host and nested-CIDR overlap search, shared by the MV2xx and MV3xx rules. */
export function subnetOf(n: NetFacts, family: Family): CidrFact | undefined {
  const f = family === 4 ? n.subnet : n.v6subnet;
  return f && f.cidr.family === family ? f : undefined;
}

export function cidrText(c: Cidr): string {
  return formatCidr(c.family, c.network, c.prefix);
}

/** The networks of one host, in file order. */
export interface HostNets {
  host: string;
  nets: readonly NetFacts[];
  /** `at[i]` is the index of `nets[i]` in `facts.nets`, i.e. its place in the file. */
  at: readonly number[];
}

/** Built once per check: five rules ask for it. */
const hostNetsOf = perCheck((facts): readonly HostNets[] => (facts.model.hosts.length === 1 ? oneHost(facts) : severalHosts(facts)));

/** Networks of each host, in file order; hosts in declaration order. Shared: do not modify. */
export function hostNets(ctx: { facts: Facts }): readonly HostNets[] {
  return hostNetsOf(ctx.facts);
}

/** The usual case: a network with any host is on the one host, most often every network. */
function oneHost(facts: Facts): HostNets[] {
  const nets = facts.nets;
  let count = 0;
  for (let i = 0; i < nets.length; i++) if (nets[i].hosts.length > 0) count++;
  const host = facts.model.hosts[0].name;
  const at = new Array<number>(count);
  if (count === nets.length) {
    for (let i = 0; i < count; i++) at[i] = i;
    return [{ host, nets, at }];
  }
  const on = new Array<NetFacts>(count);
  for (let i = 0, k = 0; i < nets.length; i++) {
    if (nets[i].hosts.length === 0) continue;
    on[k] = nets[i];
    at[k++] = i;
  }
  return [{ host, nets: on, at }];
}

function severalHosts(facts: Facts): HostNets[] {
  const byName = new Map<string, { host: string; nets: NetFacts[]; at: number[] }>();
  for (const h of facts.model.hosts) if (!byName.has(h.name)) byName.set(h.name, { host: h.name, nets: [], at: [] });
  const nets = facts.nets;
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    for (let j = 0; j < n.hosts.length; j++) {
      const h = n.hosts[j];
      let list = byName.get(h);
      if (!list) byName.set(h, (list = { host: h, nets: [], at: [] }));
      list.nets.push(n);
      list.at.push(i);
    }
  }
  return [...byName.values()];
}

export function sameBlock(a: Cidr, b: Cidr): boolean {
  return a.network === b.network && a.prefix === b.prefix;
}

/**
 * Fills `order` with the indices of the first `count` blocks, sorted by block (network, then
 * prefix), then index: equal blocks become runs in file order. Grouping this way needs no
 * string keys.
 */
export function sortByBlock(order: number[], blocks: readonly Cidr[], count = blocks.length): void {
  order.length = count;
  for (let i = 0; i < count; i++) order[i] = i;
  sortIndices(order, (a, b) => {
    const x = blocks[a];
    const y = blocks[b];
    return x.network < y.network ? -1 : x.network > y.network ? 1 : x.prefix - y.prefix || a - b;
  });
}

/**
 * Sorts `order` by `cmp`, a total order (ties broken by index, so any sort gives one result).
 * Array.prototype.sort copies its input on every call (about 1 KB for 20 items while the rules
 * run cold); specs mostly list networks in address order, where an insertion sort is linear and
 * allocates nothing. Past a budget of moves it hands over to Array.prototype.sort, so input in
 * reverse order still costs O(n log n).
 */
export function sortIndices(order: number[], cmp: (a: number, b: number) => number): void {
  let budget = 4 * order.length + 32;
  for (let i = 1; i < order.length; i++) {
    const v = order[i];
    let j = i - 1;
    for (; j >= 0 && cmp(order[j], v) > 0; j--) {
      order[j + 1] = order[j];
      if (--budget < 0) {
        order[j] = v;
        order.sort(cmp);
        return;
      }
    }
    order[j + 1] = v;
  }
}

/**
 * Scratch arrays of the sweep below, reused from call to call: the sweep runs to completion
 * without calling out, so one set serves every caller, and a check allocates none of them.
 */
const sorted: number[] = [];
const stack: number[] = [];
const chain: number[] = [];
const up: number[] = [];
const upCount: number[] = [];
const below: number[] = [];
const belowCount: number[] = [];
/** Returned when nothing overlaps (the common case), so that case allocates nothing. */
const NO_HITS: readonly number[] = [];

/**
 * For each block that overlaps a block earlier in `blocks` (the index is the order; only the
 * first `count` blocks are read, so callers can reuse a longer array), the
 * overlapping block of lowest index and how many blocks it overlaps in all. O(n log n).
 *
 * Only for CIDR blocks (and other laminar families): two blocks either nest or are disjoint, so
 * the blocks overlapping one block are the blocks containing it (a chain, kept on a stack while
 * sweeping in start order) and the blocks inside it (contiguous after it in that order). This
 * answers "overlaps anything earlier in the file" (not merely earlier in sweep order) without
 * listing the O(n²) pairs nested blocks can produce.
 * The count is every other block the block overlaps, earlier or later (for "and N more").
 *
 * Returns triples `[block, earliest, count, ...]` by ascending block index, as one flat array
 * so a sweep that finds nothing allocates nothing.
 */
export function overlapsEarlier(blocks: readonly { network: bigint; last: bigint }[], count = blocks.length): readonly number[] {
  const n = count;
  if (n < 2) return NO_HITS;
  sorted.length = n;
  for (let i = 0; i < n; i++) sorted[i] = i;
  // Start ascending, then larger blocks first (a container before what it holds), then index.
  sortIndices(sorted, (a, b) => {
    const x = blocks[a];
    const y = blocks[b];
    return x.network < y.network ? -1 : x.network > y.network ? 1 : x.last > y.last ? -1 : x.last < y.last ? 1 : a - b;
  });
  let sp = 0;
  let any = false;
  for (let k = 0; k < n; k++) {
    const i = sorted[k];
    const start = blocks[i].network;
    while (sp > 0 && blocks[stack[sp - 1]].last < start) sp = pop(sp);
    below[i] = -1;
    belowCount[i] = 0;
    if (sp > 0) {
      const top = stack[sp - 1];
      chain[i] = lower(i, chain[top]);
      up[i] = chain[top];
      upCount[i] = sp;
      any = true;
    } else {
      chain[i] = i;
      up[i] = -1;
      upCount[i] = 0;
    }
    stack[sp++] = i;
  }
  while (sp > 0) sp = pop(sp);
  let out: number[] | undefined;
  // Unless some block was pushed onto another, every block is disjoint from the rest.
  if (any) {
    for (let i = 0; i < n; i++) {
      const best = lower(up[i], below[i]);
      if (best >= 0 && best < i) (out ??= []).push(i, best, upCount[i] + belowCount[i]);
    }
  }
  // Reuse pays on small specs; a huge one should not keep its scratch alive after the check.
  if (n > 4096) for (const a of [sorted, stack, chain, up, upCount, below, belowCount]) a.length = 0;
  return out ?? NO_HITS;
}

/** The lower of two block indices, -1 standing for none. */
function lower(a: number, b: number): number {
  return a < 0 ? b : b < 0 ? a : a <= b ? a : b;
}

/** Pops the top block, folding what it holds into the block below it; returns the new depth. */
function pop(sp: number): number {
  const done = stack[--sp];
  if (sp > 0) {
    const parent = stack[sp - 1];
    below[parent] = lower(below[parent], lower(done, below[done]));
    belowCount[parent] += 1 + belowCount[done];
  }
  return sp;
}
