import type { AddrFact, AttachFacts, NetFacts, RangeFact } from '../analysis/facts';
import { compareBigint, overlaps, type Family } from '../ip';
import { coveredCount, isCovered, mergeIntervals, poolsOf, type Pool } from '../analysis/pools';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV411: an address listed in `exclude` (owned by other devices on the LAN) that the spec uses
 * (error), or a dynamic pool that contains excluded addresses (warning).
 *
 * Decided here (the design page is silent, or — for aux — wrong):
 * - Containers: an ipv4_address or ipv6_address inside an exclude entry of its family fires.
 * - Gateway (and ipv6 gateway): fires, as the design row says. The message points out that if
 *   the router itself is the device the entry is about, the entry is what should change.
 * - Aux addresses inside `exclude` do NOT fire. The design row lists "aux", but aux_addresses
 *   is exactly how Docker is told never to hand out an address, so reserving an excluded
 *   address as aux is the recommended remedy for a pool that contains it (the pool warning
 *   below says so); flagging it would make the fix itself an error.
 * - Pools: the host's ip_range entry, the single ip_range, or — with no ip_range — the subnet's
 *   usable range (ipv6 likewise), as Docker would hand out from them. An excluded address that
 *   is also an aux address or the gateway is not counted: Docker will not hand it out. Each
 *   pool value is reported once (a single ip_range is not repeated per host), underlined on the
 *   value that defines it, with the overlapping exclude entries as related. Severity: warning.
 * - Counting is on merged intervals, never by enumerating addresses; lookups of container
 *   addresses are by binary search over the sorted entries.
 */
const RELATED_LIMIT = 10;

/** Exclude entries of one family sorted by start, with the running entry of furthest reach. */
interface ExcludeIndex {
  sorted: RangeFact[];
  reach: RangeFact[];
}

function indexExcludes(net: NetFacts, family: Family): ExcludeIndex | undefined {
  const sorted = net.exclude.filter((e) => e.family === family).sort((a, b) => compareBigint(a.start, b.start));
  if (sorted.length === 0) return undefined;
  const reach: RangeFact[] = [];
  for (const e of sorted) {
    const prev = reach[reach.length - 1];
    reach.push(prev && prev.end >= e.end ? prev : e);
  }
  return { sorted, reach };
}

/** The entry that contains `value`, if any: of the entries starting at or before it, the one reaching furthest. */
function findEntry(ix: ExcludeIndex, value: bigint): RangeFact | undefined {
  let lo = 0;
  let hi = ix.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.sorted[mid].start <= value) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const r = ix.reach[lo - 1];
  return r.end >= value ? r : undefined;
}

export const rule: Rule = {
  code: 'MV411',
  title: 'Excluded address in use',
  defaultSeverity: 'error',
  check(ctx, report) {
    const indexes = new Map<NetFacts, { 4?: ExcludeIndex; 6?: ExcludeIndex }>();
    const indexOf = (net: NetFacts, family: Family): ExcludeIndex | undefined => {
      let ix = indexes.get(net);
      if (!ix) indexes.set(net, (ix = { 4: indexExcludes(net, 4), 6: indexExcludes(net, 6) }));
      return ix[family];
    };

    let anyExclude = false;
    for (const net of ctx.facts.nets) {
      if (net.exclude.length === 0) continue;
      anyExclude = true;
      for (const gw of [net.gateway, net.v6gateway]) {
        if (!gw) continue;
        const ix = indexOf(net, gw.family);
        const entry = ix && findEntry(ix, gw.value);
        if (!entry) continue;
        const what = gw === net.gateway ? 'gateway' : 'ipv6 gateway';
        report({
          message:
            `${what} ${gw.val.value} of network ${net.spec.name} is inside exclude entry ${entry.val.value} (line ${lineOf(ctx, entry.val.span)}), ` +
            `which marks addresses owned by other devices — if the router is that device, take its address out of exclude; otherwise use the router's real address`,
          span: gw.val.span,
          path: gw.val.path,
          related: [{ span: entry.val.span, path: entry.val.path, message: `exclude entry of network ${net.spec.name}` }],
        });
      }
      poolWarnings(ctx, net, report);
    }

    // Most specs have no exclude at all: then no attachment needs a look.
    if (!anyExclude) return;
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || net.exclude.length === 0) continue;
      if (a.ipv4) checkAddress(ctx, a, net, a.ipv4, indexOf(net, a.ipv4.family), report);
      if (a.ipv6) checkAddress(ctx, a, net, a.ipv6, indexOf(net, a.ipv6.family), report);
    }
  },
};

function checkAddress(ctx: RuleContext, a: AttachFacts, net: NetFacts, addr: AddrFact, ix: ExcludeIndex | undefined, report: (r: Report) => void): void {
  const entry = ix && findEntry(ix, addr.value);
  if (!entry) return;
  const key = addr.family === 4 ? 'ipv4_address' : 'ipv6_address';
  report({
    message:
      `${key} ${addr.val.value} of container ${a.container.name} is inside exclude entry ${entry.val.value} of network ${net.spec.name} ` +
      `(line ${lineOf(ctx, entry.val.span)}), which marks addresses owned by other devices on the LAN — pick an address outside it`,
    span: addr.val.span,
    path: addr.val.path,
    related: [{ span: entry.val.span, path: entry.val.path, message: `exclude entry of network ${net.spec.name}` }],
    data: { fix: 'assignAddress', container: a.container.name, network: net.spec.name, family: addr.family },
  });
}

function poolWarnings(ctx: RuleContext, net: NetFacts, report: (r: Report) => void): void {
  const known = poolsOf(ctx.facts);
  const pools = new Map<number, Pool>();
  const add = (p: Pool | undefined): void => {
    if (p && p.size > 0n && !pools.has(p.val.span.start)) pools.set(p.val.span.start, p);
  };
  if (net.spec.ipRangeByHost) {
    // Every host that gets the network, plus any host the map names (an unknown one is MV502's).
    const hosts = new Set([...net.hosts, ...net.ipRangeByHost.map((r) => r.host)]);
    for (const h of hosts) add(known.of(net, 4, h));
  } else add(known.of(net, 4, undefined));
  add(known.of(net, 6, undefined));

  for (const pool of pools.values()) {
    const entries = net.exclude.filter((e) => e.family === pool.family && overlaps(e, pool));
    if (entries.length === 0) continue;
    const merged = mergeIntervals(entries);
    let count = coveredCount(pool, merged);
    // Addresses Docker already keeps out of the pool do not count.
    const kept = new Set<bigint>();
    const gw = pool.family === 4 ? net.gateway : net.v6gateway;
    if (gw && gw.family === pool.family) kept.add(gw.value);
    for (const x of net.aux) if (x.fact.family === pool.family) kept.add(x.fact.value);
    for (const v of kept) if (v >= pool.start && v <= pool.end && isCovered(v, merged)) count -= 1n;
    if (count <= 0n) continue;

    const listed = entries
      .slice(0, 3)
      .map((e) => `${e.val.value} (line ${lineOf(ctx, e.val.span)})`)
      .join(', ');
    const more = entries.length > 3 ? `, … ${entries.length - 3} more` : '';
    const fix = pool.explicit ? `narrow ${pool.what} to avoid them` : `set an ip_range that avoids them`;
    report({
      message:
        `${pool.what} ${pool.val.value} of network ${net.spec.name} contains ${count} excluded address${count === 1n ? '' : 'es'} ` +
        `(${listed}${more}) that Docker can hand out to containers without a static address — ${fix}, or list them in aux_addresses`,
      span: pool.val.span,
      path: pool.val.path,
      related: entries.slice(0, RELATED_LIMIT).map((e) => ({ span: e.val.span, path: e.val.path, message: `exclude entry of network ${net.spec.name}` })),
      severity: 'warning',
    });
  }
}
