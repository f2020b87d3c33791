import type { NetFacts } from '../analysis/facts';
import { hostAddrOn, poolOn, shimsOn } from '../analysis/hostAddresses';
import { contains, formatCidr, type Family } from '../ip';
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
    for (const n of ctx.facts.nets) {
      for (const host of n.hosts) {
        for (const family of [4, 6] as Family[]) {
          const pool = poolOn(n, host, family);
          if (!pool) continue;
          const own = hostAddrOn(ctx.facts, host, n, family);
          const candidates: { value: bigint; val: Val<string>; what: string }[] = [];
          if (own) candidates.push({ value: own.fact.cidr.addr, val: own.fact.val, what: `host ${host}'s own address on ${own.iface}` });
          for (const s of shimsOn(n, host)) if (s.family === family) candidates.push({ value: s.value, val: s.val, what: `host_shim ${s.val.value} of network ${n.spec.name}` });
          for (const c of candidates) {
            if (!contains(pool.cidr, c.value) || reserved(n, family, c.value)) continue;
            const poolText = formatCidr(family, pool.cidr.network, pool.cidr.prefix);
            report({
              message: `${c.what} lies in the dynamic pool ${poolText} that Docker on host ${host} hands out for network ${n.spec.name}, and nothing reserves it — Docker may give it to a container; add it to aux_addresses (or exclude), or narrow ip_range`,
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

function reserved(n: NetFacts, family: Family, value: bigint): boolean {
  const gw = family === 4 ? n.gateway : n.v6gateway;
  if (gw && gw.family === family && gw.value === value) return true;
  for (const a of n.aux) if (a.fact.family === family && a.fact.value === value) return true;
  for (const e of n.exclude) if (e.family === family && e.start <= value && value <= e.end) return true;
  return false;
}
