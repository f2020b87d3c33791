import type { CidrFact, Facts, NetFacts } from '../analysis/facts';
import { autoAssignsGateway } from '../engine';
import { compareBigint, containsCidr, usableRange, type Family, type Interval } from '../ip';
import type { Val } from '../spec/model';

/** Dynamic pools and reserved addresses, shared by MV403, MV405, MV410 and MV411. */
export interface Pool {
  family: Family;
  /** Addresses Docker may hand out; empty when `size` is 0. */
  range: Interval;
  size: bigint;
  /** The value that defines the pool: the host's ip_range entry, ip_range, or the subnet. */
  val: Val<string>;
  /** For messages: "ip_range", "ip_range of host lab1", "subnet", "ipv6 ip_range", ... */
  what: string;
  /** True when an ip_range (single or per host) defines it; false for the whole subnet. */
  explicit: boolean;
}

/**
 * The dynamic pool of `net` on `host` for one family, or undefined when it cannot be told
 * (see the decisions above). `host` undefined works only when there is no per-host map.
 */
export function poolFor(net: NetFacts, family: Family, host: string | undefined): Pool | undefined {
  if (family === 4) {
    const subnet = net.subnet;
    if (!subnet || subnet.cidr.family !== 4) return undefined;
    const byHost = net.spec.ipRangeByHost;
    if (byHost) {
      if (host === undefined) return undefined;
      if (byHost.some((r) => r.host === host)) {
        const fact = net.ipRangeByHost.find((r) => r.host === host)?.fact;
        return fact ? clip(subnet, fact, `ip_range of host ${host}`, true) : undefined;
      }
      return clip(subnet, subnet, 'subnet', false);
    }
    if (net.spec.ipRangeKey) return net.ipRange ? clip(subnet, net.ipRange, 'ip_range', true) : undefined;
    return clip(subnet, subnet, 'subnet', false);
  }
  const subnet = net.v6subnet;
  if (!subnet || subnet.cidr.family !== 6) return undefined;
  if (net.spec.ipv6?.ipRange) return net.v6ipRange ? clip(subnet, net.v6ipRange, 'ipv6 ip_range', true) : undefined;
  return clip(subnet, subnet, 'ipv6 subnet', false);
}

function clip(subnet: CidrFact, range: CidrFact, what: string, explicit: boolean): Pool | undefined {
  if (!containsCidr(subnet.cidr, range.cidr)) return undefined;
  const usable = usableRange(subnet.cidr);
  if (!usable) return undefined;
  const start = range.cidr.network > usable.start ? range.cidr.network : usable.start;
  const end = range.cidr.last < usable.end ? range.cidr.last : usable.end;
  const size = end >= start ? end - start + 1n : 0n;
  return { family: subnet.cidr.family, range: { start, end }, size, val: range.val, what, explicit };
}

/**
 * The gateway Docker picks itself for `net` on `host`, or undefined when it picks none: a gateway
 * is set (even one of the wrong family, which other rules report), the engine is 29 or newer, or
 * the pool cannot be told. Before 29 Docker takes the first address of the pool.
 */
export function autoGateway(facts: Facts, net: NetFacts, family: Family, host: string | undefined): { value: bigint; pool: Pool } | undefined {
  if (host === undefined || !autoAssignsGateway(facts.engineFor(host))) return undefined;
  if (family === 4 ? net.spec.gateway !== undefined : net.spec.ipv6?.gateway !== undefined) return undefined;
  const pool = poolFor(net, family, host);
  if (!pool || pool.size === 0n) return undefined;
  return { value: pool.range.start, pool };
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
