import type { CidrFact, Facts, NetFacts } from './facts';
import { perCheck } from './perCheck';
import { autoAssignsGateway } from '../engine';
import { compareBigint, containsCidr, hasUsableAddresses, type Family, type Interval } from '../ip';
import type { Val } from '../spec/model';

// Dynamic pools and reserved addresses, shared by MV403, MV405, MV410 and MV411.

/**
 * A dynamic pool. It is its own interval (`start`..`end`: the addresses Docker may hand out; empty when
 * `size` is 0) rather than holding one: one object less per pool.
 */
export interface Pool extends Interval {
  family: Family;
  size: bigint;
  /** The value that defines the pool: the host's ip_range entry, ip_range, or the subnet. */
  val: Val<string>;
  /** For messages: "ip_range", "ip_range of host lab1", "subnet", "ipv6 ip_range", ... */
  what: string;
  /** True when an ip_range (single or per host) defines it; false for the whole subnet. */
  explicit: boolean;
}

/**
 * The pools of one check's networks, worked out once. Four rules ask for the pool of every
 * attachment, and working it out allocates (a Pool, bigint arithmetic); a network has at most
 * a few pools. Get it with `poolsOf(facts)`: one per Facts object, and facts are rebuilt on
 * every check, so the cache lives exactly as long as one check's facts (a pool depends on
 * nothing else). Plain maps, not a WeakMap per network: a Map lookup is cheaper, and the maps
 * die young with the check. `null` records "cannot be told". One map per kind of question, so
 * that the common one (IPv4, no per-host map) holds the pool itself, with no entry object.
 */
export class Pools {
  private readonly v4 = new Map<NetFacts, Pool | null>();
  private readonly v6 = new Map<NetFacts, Pool | null>();
  private readonly byHost = new Map<NetFacts, Map<string, Pool | null>>();

  constructor(private readonly facts: Facts) {}

  /**
   * The dynamic pool of `net` on `host` for one family, or undefined when it cannot be told
   * (see the decisions above). `host` undefined works only when there is no per-host map.
   * The same object comes back for the same question: do not change it.
   */
  of(net: NetFacts, family: Family, host: string | undefined): Pool | undefined {
    if (family === 6) {
      let pool = this.v6.get(net);
      if (pool === undefined) this.v6.set(net, (pool = pool6(net) ?? null));
      return pool ?? undefined;
    }
    if (!net.spec.ipRangeByHost) {
      let pool = this.v4.get(net);
      if (pool === undefined) this.v4.set(net, (pool = pool4(net) ?? null));
      return pool ?? undefined;
    }
    if (host === undefined) return undefined;
    let byHost = this.byHost.get(net);
    if (!byHost) this.byHost.set(net, (byHost = new Map()));
    let pool = byHost.get(host);
    if (pool === undefined) byHost.set(host, (pool = pool4OnHost(net, host) ?? null));
    return pool ?? undefined;
  }

  /**
   * The pool whose first address Docker picks itself as gateway for `net` on `host`, or
   * undefined when it picks none: a gateway is set (even one of the wrong family, which other
   * rules report), the engine is 29 or newer, or the pool cannot be told. Before 29 Docker
   * takes the first address of the pool, `start`. (The pool rather than a new { value, pool }
   * per call: MV403 asks once per static address.)
   */
  autoGateway(net: NetFacts, family: Family, host: string | undefined): Pool | undefined {
    if (host === undefined) return undefined;
    if (family === 4 ? net.spec.gateway !== undefined : net.spec.ipv6?.gateway !== undefined) return undefined;
    if (!autoAssignsGateway(this.facts.engineFor(host))) return undefined;
    const pool = this.of(net, family, host);
    return pool && pool.size !== 0n ? pool : undefined;
  }
}

/** The pools of the check that `facts` belong to (see Pools). */
export const poolsOf = perCheck((facts) => new Pools(facts));

/** IPv4 pool of a network without a per-host ip_range map. */
function pool4(net: NetFacts): Pool | undefined {
  const subnet = net.subnet;
  if (!subnet || subnet.cidr.family !== 4) return undefined;
  if (net.spec.ipRangeKey) return net.ipRange ? clip(subnet, net.ipRange, 'ip_range', true) : undefined;
  return clip(subnet, subnet, 'subnet', false);
}

/** IPv4 pool on `host` of a network with a per-host ip_range map. */
function pool4OnHost(net: NetFacts, host: string): Pool | undefined {
  const subnet = net.subnet;
  if (!subnet || subnet.cidr.family !== 4) return undefined;
  if (net.spec.ipRangeByHost!.some((r) => r.host === host)) {
    const fact = net.ipRangeByHost.find((r) => r.host === host)?.fact;
    return fact ? clip(subnet, fact, `ip_range of host ${host}`, true) : undefined;
  }
  return clip(subnet, subnet, 'subnet', false);
}

function pool6(net: NetFacts): Pool | undefined {
  const subnet = net.v6subnet;
  if (!subnet || subnet.cidr.family !== 6) return undefined;
  if (net.spec.ipv6?.ipRange) return net.v6ipRange ? clip(subnet, net.v6ipRange, 'ipv6 ip_range', true) : undefined;
  return clip(subnet, subnet, 'ipv6 subnet', false);
}

function clip(subnet: CidrFact, range: CidrFact, what: string, explicit: boolean): Pool | undefined {
  const c = subnet.cidr;
  const r = range.cidr;
  if (!containsCidr(c, r)) return undefined;
  // The usable range (usableRange's, without its object): no network address, no IPv4
  // broadcast. Bounds that already fall inside it are kept as they are, not recomputed.
  if (!hasUsableAddresses(c)) return undefined;
  const start = r.network > c.network ? r.network : c.network + 1n;
  const end = c.family === 6 || r.last < c.last ? r.last : c.last - 1n;
  const size = end >= start ? end - start + 1n : 0n;
  return { start, end, family: c.family, size, val: range.val, what, explicit };
}

/** Sorted, disjoint, non-adjacent intervals covering the same addresses as `list`. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => compareBigint(a.start, b.start));
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end + 1n) {
      if (iv.end > last.end) last.end = iv.end;
    } else out.push({ start: iv.start, end: iv.end });
  }
  return out;
}

/** How many addresses of `range` the merged intervals cover. */
export function coveredCount(range: Interval, merged: readonly Interval[]): bigint {
  let n = 0n;
  for (let i = firstEndingAtOrAfter(merged, range.start); i < merged.length && merged[i].start <= range.end; i++) {
    const s = merged[i].start > range.start ? merged[i].start : range.start;
    const e = merged[i].end < range.end ? merged[i].end : range.end;
    if (e >= s) n += e - s + 1n;
  }
  return n;
}

export function isCovered(value: bigint, merged: readonly Interval[]): boolean {
  const i = firstEndingAtOrAfter(merged, value);
  return i < merged.length && merged[i].start <= value;
}

function firstEndingAtOrAfter(merged: readonly Interval[], value: bigint): number {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].end < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Gateway, aux and exclude intervals of one family: what a pool never hands out safely. */
export function reservedIntervals(net: NetFacts, family: Family): Interval[] {
  const out: Interval[] = [];
  const gw = family === 4 ? net.gateway : net.v6gateway;
  if (gw && gw.family === family) out.push({ start: gw.value, end: gw.value });
  for (const a of net.aux) if (a.fact.family === family) out.push({ start: a.fact.value, end: a.fact.value });
  for (const e of net.exclude) if (e.family === family) out.push({ start: e.start, end: e.end });
  return out;
}
