import type { AddrFact, AttachFacts, NetFacts } from '../analysis/facts';
import { contains } from '../ip';
import { poolsOf, type Pools } from '../analysis/pools';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV405: a static address inside the network's ip_range, where a container started earlier
 * without a static address can take it first.
 *
 * Decided here (the design page leaves it open):
 * - Only an explicit ip_range counts (the design row: "only when one is set"); with none, the
 *   whole subnet is the pool and every static address would be in it.
 * - Per-host map: the entry of the container's host. A host without an entry gets no ip_range
 *   on that host, so nothing fires; neither does it when the container's host cannot be told.
 * - Both families: ipv6_address against `ipv6.ip_range`.
 * - The pool is the ip_range clipped to the subnet's usable range (same as MV410), and an
 *   address outside the subnet is MV402's alone.
 */
export const rule: Rule = {
  code: 'MV405',
  title: 'Static address inside the dynamic pool',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const pools = poolsOf(ctx.facts);
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net) continue;
      // Only an explicit ip_range can fire (decided above): skip the pool lookup without one.
      if (a.ipv4 && (net.spec.ipRangeKey !== undefined || net.spec.ipRangeByHost !== undefined)) one(ctx, pools, a, net, a.ipv4, report);
      if (a.ipv6 && net.spec.ipv6?.ipRange !== undefined) one(ctx, pools, a, net, a.ipv6, report);
    }
  },
};

function one(ctx: RuleContext, pools: Pools, a: AttachFacts, net: NetFacts, addr: AddrFact, report: (r: Report) => void): void {
  const pool = pools.of(net, addr.family, a.host);
  if (!pool || !pool.explicit || pool.size === 0n) return;
  if (addr.value < pool.start || addr.value > pool.end) return;
  const subnet = addr.family === 4 ? net.subnet : net.v6subnet;
  if (subnet && !contains(subnet.cidr, addr.value)) return;
  const key = addr.family === 4 ? 'ipv4_address' : 'ipv6_address';
  report({
    message:
      `${key} ${addr.val.value} of container ${a.container.name} is inside ${pool.what} ${pool.val.value} of network ${net.spec.name} ` +
      `(line ${lineOf(ctx, pool.val.span)}), the pool Docker hands out dynamic addresses from: a container started earlier without a static address can take it — ` +
      `pick an address outside ${pool.val.value}`,
    span: addr.val.span,
    path: addr.val.path,
    related: [{ span: pool.val.span, path: pool.val.path, message: `${pool.what} of network ${net.spec.name}` }],
    data: { fix: 'assignAddress', container: a.container.name, network: net.spec.name, family: addr.family },
  });
}
