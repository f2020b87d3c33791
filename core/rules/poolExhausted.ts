import type { AttachFacts, NetFacts } from '../analysis/facts';
import { formatEngine } from '../engine';
import { type Interval } from '../ip';
import type { Rule } from './types';
import { coveredCount, isCovered, mergeIntervals, poolsOf, reservedIntervals } from '../analysis/pools';

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

export const rule: Rule = {
  code: 'MV410',
  title: 'Dynamic pool too small',
  defaultSeverity: 'error',
  check(ctx, report) {
    const facts = ctx.facts;
    const list = facts.attachments;
    // Dynamic attachments per network, host and family. Most specs give (nearly) every container
    // a static address, so this pass allocates only for the few dynamic ones.
    const dynamic = new Map<NetFacts, Map<string, { 4: AttachFacts[]; 6: AttachFacts[] }>>();
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || a.host === undefined) continue;
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
    if (dynamic.size === 0) return;

    // Static addresses of each family, only for networks that have dynamic attachments.
    const statics = new Map<NetFacts, { 4: Interval[]; 6: Interval[] }>();
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || (!a.ipv4 && !a.ipv6) || !dynamic.has(net)) continue;
      let s = statics.get(net);
      if (!s) statics.set(net, (s = { 4: [], 6: [] }));
      if (a.ipv4) s[4].push({ start: a.ipv4.value, end: a.ipv4.value });
      if (a.ipv6) s[6].push({ start: a.ipv6.value, end: a.ipv6.value });
    }

    const pools = poolsOf(facts);
    for (const [net, byHost] of dynamic) {
      for (const family of [4, 6] as const) {
        let taken: Interval[] | undefined;
        for (const [host, d] of byHost) {
          const users = d[family];
          if (users.length === 0) continue;
          const pool = pools.of(net, family, host);
          if (!pool) continue;
          if (!taken) {
            const reserved = reservedIntervals(net, family);
            const own = statics.get(net)?.[family];
            if (own) for (let i = 0; i < own.length; i++) reserved.push(own[i]);
            taken = mergeIntervals(reserved);
          }
          let free = pool.size - coveredCount(pool, taken);
          const gw = pools.autoGateway(net, family, host);
          if (gw && !isCovered(gw.start, taken)) free -= 1n;
          const need = BigInt(users.length);
          if (need <= free) continue;
          const gwNote = gw ? `, and Docker Engine ${formatEngine(facts.engineFor(host))} takes its first address as gateway` : '';
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
