import { attachAddr, attachmentsOf, familyFacts } from '../analysis/addressSpace';
import type { Facts, NetFacts } from '../analysis/facts';
import { cidrText, subnetOf } from '../analysis/hostNets';
import { hostAddrsOn } from '../analysis/hostAddresses';
import { mergeIntervals, poolsOf, type Pool } from '../analysis/pools';
import type { Finding, Severity } from '../findings';
import { formatAddr, usableRange, type Family } from '../ip';
import type { Span } from '../spec/model';
import { subnetOverlaps, type NetOverlap } from './overlaps';
import { fraction } from './scale';
import type { AddressMap, MapBar, MapElement, MapNetwork, MapRole } from './types';

/** Findings about overlapping subnets: an overlap is drawn in the colour of the one that reports it. */
const OVERLAP_CODES = new Set(['MV201']);

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function worse(a: Severity | undefined, b: Severity | undefined): Severity | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b] > RANK[a] ? b : a;
}

interface AtSpan {
  severity: Severity;
  codes: string[];
  /** Worst severity among the overlap findings here. */
  overlap?: Severity;
}

/**
 * The address map of a checked spec (see types.ts): per network and family, the subnet with its
 * reserved addresses, gateway, aux addresses, exclude ranges, dynamic pools (per host where
 * they differ), static container addresses, host shims and the hosts' own addresses, the free
 * runs between them, and the blocks of other networks it overlaps on a shared host. Each
 * element carries the offsets of what defines it and the worst finding there.
 * Cost: one pass over networks and attachments plus a sort per bar and the overlap sweep.
 */
export interface MapOptions {
  /** Only networks whose name contains this (case-insensitive). */
  filter?: string;
  /** At most this many networks (in file order), so thousands of networks stay a quick answer. */
  limit?: number;
}

export function buildAddressMap(facts: Facts, findings: readonly Finding[], opts: MapOptions = {}): AddressMap {
  const at = new Map<number, AtSpan>();
  const note = (start: number, f: Finding, overlap: boolean) => {
    let a = at.get(start);
    if (!a) at.set(start, (a = { severity: f.severity, codes: [] }));
    a.severity = worse(a.severity, f.severity)!;
    if (!a.codes.includes(f.code)) a.codes.push(f.code);
    if (overlap) a.overlap = worse(a.overlap, f.severity);
  };
  for (const f of findings) {
    note(f.span.start, f, OVERLAP_CODES.has(f.code));
    // Both sides of a conflict (the first of two containers on one address, the gateway a
    // container took) are part of the problem; an overlap is coloured from its finding alone.
    for (const r of f.related) note(r.span.start, f, false);
  }
  const order = new Map<NetFacts, number>();
  facts.nets.forEach((n, i) => order.set(n, i));
  const overlaps = { 4: subnetOverlaps(facts, 4), 6: subnetOverlaps(facts, 6) };
  const ctx: Ctx = { facts, at, order };
  const networks: MapNetwork[] = [];
  const filter = opts.filter?.trim().toLowerCase() ?? '';
  const limit = opts.limit ?? Infinity;
  let matched = 0;
  for (const net of facts.nets) {
    if (filter && !net.spec.name.toLowerCase().includes(filter)) continue;
    if (++matched > limit) continue;
    const bars: MapBar[] = [];
    for (const family of [4, 6] as const) {
      const bar = barOf(ctx, net, family, overlaps[family].get(net) ?? []);
      if (bar) bars.push(bar);
    }
    const spec = net.spec;
    networks.push({
      name: spec.name,
      span: { start: spec.keySpan.start, end: spec.keySpan.end },
      driver: spec.driver,
      ...(spec.parent ? { parent: net.segment?.name ?? spec.parent.value } : {}),
      hosts: net.hosts,
      bars,
    });
  }
  return { spec: facts.specName, networks, total: facts.nets.length, matched };
}

interface Ctx {
  facts: Facts;
  at: Map<number, AtSpan>;
  order: Map<NetFacts, number>;
}

interface Item {
  role: MapRole;
  lane: number;
  start: bigint;
  end: bigint;
  label: string;
  span?: Span;
  severity?: Severity;
  codes?: string[];
}

function barOf(ctx: Ctx, net: NetFacts, family: Family, overlaps: NetOverlap[]): MapBar | undefined {
  const { facts, at } = ctx;
  const subnet = subnetOf(net, family);
  if (!subnet) return undefined;
  const c = subnet.cidr;
  const base = c.network;
  const size = c.last - c.network + 1n;
  const inside = (v: bigint) => v >= c.network && v <= c.last;
  const items: Item[] = [];
  const point = (role: MapRole, value: bigint, label: string, span?: Span) => {
    if (!inside(value)) return;
    items.push({ role, lane: 0, start: value, end: value, label, ...(span ? { span } : {}) });
  };
  const usable = usableRange(c);
  const what = family === 4 ? 'subnet' : 'ipv6 subnet';
  if (usable) {
    point('network', c.network, family === 4 ? 'network address' : 'subnet-router anycast address (reserved)', subnet.val.span);
    if (family === 4) point('broadcast', c.last, 'broadcast address', subnet.val.span);
  }
  const ff = familyFacts(net, family);
  if (ff.gateway) point('gateway', ff.gateway.value, 'gateway', ff.gateway.val.span);
  else if (!ff.gatewayVal) {
    const pools = poolsOf(facts);
    const host = net.hosts.find((h) => pools.autoGateway(net, family, h));
    const auto = host === undefined ? undefined : pools.autoGateway(net, family, host);
    if (auto) point('auto-gateway', auto.start, `gateway Docker picks itself (no ${family === 4 ? 'gateway' : 'ipv6 gateway'} set; engine before 29)`, subnet.val.span);
  }
  for (const a of net.aux) if (a.fact.family === family) point('aux', a.fact.value, `aux address ${a.name}`, a.fact.val.span);
  for (const s of net.shims) if (s.fact.family === family) point('shim', s.fact.value, `host_shim${s.host ? ` of host ${s.host}` : ''}`, s.fact.val.span);
  for (const h of hostAddrsOn(facts, net, family)) point('host', h.fact.cidr.addr, `address of host ${h.host} on ${h.iface}`, h.fact.val.span);
  for (const a of attachmentsOf(facts, net)) {
    const addr = attachAddr(a, family);
    if (addr) point('static', addr.value, `container ${a.container.name} (${family === 4 ? 'ipv4_address' : 'ipv6_address'})`, addr.val.span);
  }
  for (const e of net.exclude) {
    if (e.family !== family || e.end < c.network || e.start > c.last) continue;
    items.push({ role: 'exclude', lane: 0, start: e.start > c.network ? e.start : c.network, end: e.end < c.last ? e.end : c.last, label: 'exclude (outside Docker\'s view)', span: e.val.span });
  }

  const lanes = ['addresses'];
  const pools = poolList(ctx, net, family);
  const perHost = pools.length > 1 || (pools.length === 1 && pools[0].host !== undefined);
  if (perHost) {
    // The addresses row shows where the hosts' pools lie together; each host's own is a lane below.
    const hosts = pools.filter((p) => p.pool.size > 0n).map((p) => p.host).join(', ');
    const keySpan = net.spec.ipRangeKey?.keySpan;
    for (const iv of mergeIntervals(pools.filter((p) => p.pool.size > 0n).map((p) => p.pool))) {
      items.push({ role: 'pool', lane: 0, start: iv.start, end: iv.end, label: `dynamic pools of ${hosts} (one lane each below)`, ...(keySpan ? { span: keySpan } : {}) });
    }
  }
  for (const { pool, host } of pools) {
    let lane = 0;
    if (perHost) {
      lane = lanes.length;
      lanes.push(`pool ${host}`);
    }
    if (pool.size === 0n) continue;
    items.push({ role: 'pool', lane, start: pool.start, end: pool.end, label: `dynamic pool (${pool.what})`, span: pool.val.span });
  }

  // Free: usable, and neither a pool, an exclude range nor a single reservation.
  let free = 0n;
  if (usable) {
    const taken = mergeIntervals(items.map((i) => ({ start: i.start, end: i.end })));
    let cur = usable.start;
    const gap = (end: bigint) => {
      if (end < cur) return;
      items.push({ role: 'free', lane: 0, start: cur, end, label: 'free' });
      free += end - cur + 1n;
    };
    for (const t of taken) {
      if (t.end < cur) continue;
      if (t.start > usable.end) break;
      gap(t.start - 1n);
      cur = t.end + 1n;
    }
    if (cur <= usable.end) gap(usable.end);
  }

  if (overlaps.length) {
    const lane = lanes.length;
    lanes.push('overlaps');
    for (const o of overlaps) {
      const other = subnetOf(o.other, family)!;
      // The finding is on the later network of the two (MV201); its "and N more" covers the rest.
      const later = (ctx.order.get(o.other) ?? 0) > (ctx.order.get(net) ?? 0) ? other : subnet;
      const sev = at.get(later.val.span.start)?.overlap;
      const more = o.more ? ` and ${o.more} more` : '';
      const label = o.inside
        ? `inside ${what} ${cidrText(other.cidr)} of network ${o.other.spec.name}${more}`
        : `${what} ${cidrText(other.cidr)} of network ${o.other.spec.name} lies here`;
      items.push({ role: 'overlap', lane, start: o.start, end: o.end, label, span: later.val.span, ...(sev ? { severity: sev, codes: ['MV201'] } : {}) });
    }
  }

  for (const i of items) {
    if (!i.span || i.role === 'overlap' || i.role === 'network' || i.role === 'broadcast' || i.role === 'auto-gateway') continue;
    const f = at.get(i.span.start);
    if (f) {
      i.severity = f.severity;
      i.codes = f.codes;
    }
  }
  // Ranges first, then points, so points are drawn on top; in address order within each.
  const isRange = (r: MapRole) => r === 'free' || r === 'pool' || r === 'exclude' || r === 'overlap';
  items.sort((a, b) => a.lane - b.lane || Number(isRange(b.role)) - Number(isRange(a.role)) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const elements: MapElement[] = items.map((i) => ({
    role: i.role,
    lane: i.lane,
    from: fraction(i.start, base, size),
    to: fraction(i.end + 1n, base, size),
    first: formatAddr({ family, value: i.start }),
    last: formatAddr({ family, value: i.end }),
    count: (i.end - i.start + 1n).toString(),
    label: i.label,
    ...(i.span ? { span: { start: i.span.start, end: i.span.end } } : {}),
    ...(i.severity ? { severity: i.severity } : {}),
    ...(i.codes ? { codes: i.codes } : {}),
  }));
  return {
    family,
    subnet: cidrText(c),
    first: formatAddr({ family, value: c.network }),
    last: formatAddr({ family, value: c.last }),
    span: { start: subnet.val.span.start, end: subnet.val.span.end },
    size: size.toString(),
    usable: usable ? (usable.end - usable.start + 1n).toString() : '0',
    free: free.toString(),
    lanes,
    elements,
  };
}

/**
 * The explicit dynamic pools (an ip_range), per host when the network has an ip_range per host.
 * Without an ip_range Docker hands out from the whole subnet: no pool is drawn then, as free
 * addresses are what a static address can take (completion's next address says the same).
 */
function poolList(ctx: Ctx, net: NetFacts, family: Family): { pool: Pool; host?: string }[] {
  const pools = poolsOf(ctx.facts);
  if (family === 4 && net.spec.ipRangeByHost) {
    const out: { pool: Pool; host?: string }[] = [];
    for (const host of net.hosts) {
      const pool = pools.of(net, 4, host);
      if (pool?.explicit) out.push({ pool, host });
    }
    return out;
  }
  const pool = pools.of(net, family, undefined);
  return pool?.explicit ? [{ pool }] : [];
}

