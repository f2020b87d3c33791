import type { NetFacts } from '../analysis/facts';
import { hostAddrOn, shimsOn } from '../analysis/hostAddresses';
import { poolsOf, reservedIntervals } from '../analysis/pools';
import type { Family } from '../ip';
import type { Val } from '../spec/model';
import type { Rule } from './types';

/**
 * MV413: a host's own address, or a `host_shim` address, lies inside the dynamic pool Docker
 * hands out on that host (the host's ip_range, else the subnet) and is not reserved by
 * `aux_addresses` or `exclude`: Docker may give it to a container, and two interfaces then
 * answer for it. The fix people use: an aux address for it, or an ip_range that leaves it out.
 */
export const rule: Rule = {
  code: 'MV413',
  title: 'Host or shim address in the dynamic pool',
  defaultSeverity: 'error',
  check(ctx, report) {
    const pools = poolsOf(ctx.facts);
    for (const n of ctx.facts.nets) {
      for (const host of n.hosts) {
        for (const family of [4, 6] as Family[]) {
          const pool = pools.of(n, family, host);
          if (!pool || pool.size === 0n) continue;
          const own = hostAddrOn(ctx.facts, host, n, family);
          const candidates: { value: bigint; val: Val<string>; what: string }[] = [];
          if (own) candidates.push({ value: own.fact.cidr.addr, val: own.fact.val, what: `host ${host}'s own address on ${own.iface}` });
          for (const s of shimsOn(n, host)) if (s.family === family) candidates.push({ value: s.value, val: s.val, what: `host_shim ${s.val.value} of network ${n.spec.name}` });
          for (const c of candidates) {
            if (c.value < pool.start || c.value > pool.end || reserved(n, family, c.value)) continue;
            report({
              message: `${c.what} lies in the dynamic pool ${pool.val.value} that Docker on host ${host} hands out for network ${n.spec.name}, and nothing reserves it — Docker may give it to a container; add it to aux_addresses (or exclude), or narrow ip_range`,
              span: c.val.span,
              path: c.val.path,
              related: [{ span: pool.val.span, path: pool.val.path, message: `dynamic pool of network ${n.spec.name}` }],
            });
          }
        }
      }
    }
  },
};

/** Kept from the pool by the gateway, an aux address or an exclude entry (pools.ts says which count). */
function reserved(n: NetFacts, family: Family, value: bigint): boolean {
  return reservedIntervals(n, family).some((iv) => iv.start <= value && value <= iv.end);
}
