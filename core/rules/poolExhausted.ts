import type { AttachFacts, CidrFact, Facts, NetFacts } from '../analysis/facts';
import { autoAssignsGateway, formatEngine } from '../engine';
import { compareBigint, containsCidr, usableRange, type Family, type Interval } from '../ip';
import type { Val } from '../spec/model';
import type { Rule } from './types';

/**
 * MV410: per network and host, more containers without a static address than the dynamic pool
 * has free addresses.
 *
 * Decided here (the design page leaves it open):
 * - Counted per host because Docker's IPAM is per host. The pool on a host is that host's
 *   `ip_range` entry, else the single `ip_range`, else the subnet; a per-host map without an
 *   entry for the host means Docker gets no ip_range there, so the whole subnet. Always clipped
 *   to the subnet's usable range (Docker never hands out the network or IPv4 broadcast address).
 * - Not free: the gateway, aux addresses, `exclude` entries (Docker could hand them out, but
 *   they belong to other devices), and static addresses of this network's containers on any
 *   host (on one segment another host's static address is just as taken). On engines before 29
 *   with no gateway set, Docker takes the pool's first address as gateway: one fewer.
 * - Both families: a dual-stack network gives a container without ipv6_address a dynamic IPv6
 *   address too, so a tiny ipv6 ip_range can run out the same way.
 * - A container whose address is present but malformed counts as static (that is its intent;
 *   MV101 reports the value). Containers whose host cannot be told (MV502) are not counted.
 * - Skipped when the pool cannot be known: no subnet, a malformed or other-family value
 *   (MV101/MV106), an ip_range outside its subnet (MV106), a subnet without usable addresses
 *   (MV103). Counting happens on merged intervals, never by enumerating addresses.
 * - The finding underlines the value that defines the pool (the host's ip_range entry, the
 *   ip_range, or the subnet) and relates up to RELATED_LIMIT of the dynamic containers.
 */
const RELATED_LIMIT = 10;
const NAMES_IN_MESSAGE = 3;

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

export const rule: Rule = {
  code: 'MV410',
  title: 'Dynamic pool too small',
  defaultSeverity: 'error',
  check(ctx, report) {
    const facts = ctx.facts;
    // Statics of each network and family, and dynamic attachments per network, family and host.
    const statics = new Map<NetFacts, { 4: Interval[]; 6: Interval[] }>();
    const dynamic = new Map<NetFacts, Map<string, { 4: AttachFacts[]; 6: AttachFacts[] }>>();
    for (const a of facts.attachments) {
      const net = a.net;
      if (!net) continue;
      let s = statics.get(net);
      if (!s) statics.set(net, (s = { 4: [], 6: [] }));
      if (a.ipv4) s[4].push({ start: a.ipv4.value, end: a.ipv4.value });
      if (a.ipv6) s[6].push({ start: a.ipv6.value, end: a.ipv6.value });
      if (a.host === undefined) continue;
      const dyn4 = a.spec.ipv4 === undefined;
      const dyn6 = a.spec.ipv6 === undefined && net.v6subnet !== undefined;
      if (!dyn4 && !dyn6) continue;
      let byHost = dynamic.get(net);
      if (!byHost) dynamic.set(net, (byHost = new Map()));
      let d = byHost.get(a.host);
      if (!d) byHost.set(a.host, (d = { 4: [], 6: [] }));
      if (dyn4) d[4].push(a);
      if (dyn6) d[6].push(a);
    }

    for (const [net, byHost] of dynamic) {
      for (const family of [4, 6] as const) {
        let taken: Interval[] | undefined;
        for (const [host, d] of byHost) {
          const users = d[family];
          if (users.length === 0) continue;
          const pool = poolFor(net, family, host);
          if (!pool) continue;
          taken ??= mergeIntervals([...reservedIntervals(net, family), ...(statics.get(net)?.[family] ?? [])]);
          let free = pool.size - coveredCount(pool.range, taken);
          const gw = autoGateway(facts, net, family, host);
          const gwNote = gw ? `, and Docker Engine ${formatEngine(facts.engineFor(host))} takes its first address as gateway` : '';
          if (gw && !isCovered(gw.value, taken)) free -= 1n;
          const need = BigInt(users.length);
          if (need <= free) continue;
          const key = family === 4 ? 'ipv4_address' : 'ipv6_address';
          const onHost = facts.model.hostsDeclared ? ` on host ${host}` : '';
          const names = users.slice(0, NAMES_IN_MESSAGE).map((a) => a.container.name).join(', ');
          const more = users.length > NAMES_IN_MESSAGE ? `, … ${users.length - NAMES_IN_MESSAGE} more` : '';
          const widen = pool.explicit ? `widen ${pool.what}` : `use a larger ${pool.what}`;
          report({
            message:
              `${pool.what} ${pool.val.value} of network ${net.spec.name} has ${plural(free, 'free address', 'free addresses')}${onHost} ` +
              `(after the gateway, aux addresses, exclude and static addresses${gwNote}), but ${plural(need, 'container', 'containers')} ` +
              `there ${need === 1n ? 'has' : 'have'} no ${key} (${names}${more}) — ${widen} or give ${need === 1n ? 'it' : 'some of them'} a static ${key}`,
            span: pool.val.span,
            path: pool.val.path,
            related: users.slice(0, RELATED_LIMIT).map((a) => ({
              span: a.spec.keySpan,
              path: a.spec.path,
              message: `container ${a.container.name} takes a dynamic address from this pool`,
            })),
          });
        }
      }
    }
  },
};

function plural(n: bigint, one: string, many: string): string {
  return `${n < 0n ? 0n : n} ${n === 1n ? one : many}`;
}
