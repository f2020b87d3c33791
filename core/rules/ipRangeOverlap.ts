import type { CidrFact, NetFacts } from '../analysis/facts';
import { cidrInterval, containsCidr, type Family } from '../ip';
import type { Rule } from './types';
import { lineOf } from './util';
import { cidrText, earliestOverlapping, netsByHost, subnetOf } from './hostNets';

/**
 * MV202: two networks on one host share a subnet and their dynamic pools overlap.
 *
 * How it relates to MV201: a shared subnet on one host is always an MV201 error too (identical
 * subnets overlap). MV201 says "renumber"; this warning comes in addition and points at the
 * pools, because the usual reason to write the same subnet twice is one LAN split between two
 * networks (two parents, or the ip_range trick older engines accepted), and then the pools must
 * at least be disjoint or both networks hand out the same addresses.
 *
 * Decided here (the design page leaves it open):
 * - "Share a subnet" means the same block once host bits are masked, per family.
 * - A network's pool on a host is that host's entry of an `ip_range` map, else its `ip_range`,
 *   else the whole subnet (what Docker's IPAM hands out from). Two whole-subnet pools say nothing
 *   MV201 has not said, so at least one side must have an ip_range for this rule to fire.
 * - Reported once per network and family, on the later network in the file: on its ip_range
 *   when it has one, else on its subnet (its pool is the whole subnet); related is the earliest
 *   network whose pool it overlaps.
 * - An ip_range outside its subnet is MV106's; that network is left out here.
 */
export const rule: Rule = {
  code: 'MV202',
  title: 'Overlapping ip_ranges in a shared subnet',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const order = new Map(ctx.facts.nets.map((n, i) => [n, i] as const));
    for (const family of [4, 6] as const) {
      const done = new Set<NetFacts>();
      for (const [host, nets] of netsByHost(ctx)) {
        const bySubnet = new Map<string, Pool[]>();
        for (const n of nets) {
          const pool = poolOf(n, host, family);
          if (!pool) continue;
          const s = pool.subnet.cidr;
          const key = `${s.network}/${s.prefix}`;
          const group = bySubnet.get(key);
          if (group) group.push(pool);
          else bySubnet.set(key, [pool]);
        }
        for (const group of bySubnet.values()) {
          if (group.length < 2) continue;
          const partner = new Map<Pool, Pool>();
          for (const { item, earliest } of earliestOverlapping(group, (p) => cidrInterval(p.range.cidr), (p) => order.get(p.net)!)) {
            if (item.explicit) partner.set(item, earliest);
          }
          // Every explicit pool lies inside the shared subnet, so a whole-subnet pool overlaps
          // the first explicit one before it.
          let firstExplicit: Pool | undefined;
          for (const p of group) {
            const other = p.explicit ? partner.get(p) : firstExplicit;
            if (p.explicit && !firstExplicit) firstExplicit = p;
            if (!other || done.has(p.net)) continue;
            done.add(p.net);
            const where = ctx.facts.model.hostsDeclared ? ` on host ${host}` : '';
            const describe = (x: Pool, line?: number): string =>
              x.explicit
                ? `${x.what} ${cidrText(x.range.cidr)}${line ? `, line ${line}` : ''}`
                : `the whole subnet, as it has no ip_range${line ? `; line ${line}` : ''}`;
            report({
              message:
                `the pool of network ${p.net.spec.name} (${describe(p)}) overlaps the pool of network ${other.net.spec.name} ` +
                `(${describe(other, lineOf(ctx, other.range.val.span))}) in their shared subnet ${cidrText(p.subnet.cidr)}${where} — ` +
                'both would hand out the same addresses; give each network a disjoint ip_range',
              span: p.range.val.span,
              path: p.range.val.path,
              related: [{ span: other.range.val.span, path: other.range.val.path, message: `pool of network ${other.net.spec.name}` }],
            });
          }
        }
      }
    }
  },
};

interface Pool {
  net: NetFacts;
  subnet: CidrFact;
  /** The pool: an ip_range, or the subnet itself when there is none. */
  range: CidrFact;
  explicit: boolean;
  what: string;
}

function poolOf(n: NetFacts, host: string, family: Family): Pool | undefined {
  const subnet = subnetOf(n, family);
  if (!subnet) return undefined;
  let range: CidrFact | undefined;
  let what = family === 4 ? 'ip_range' : 'ipv6 ip_range';
  if (family === 4 && n.spec.ipRangeByHost) {
    range = n.ipRangeByHost.find((r) => r.host === host)?.fact;
    what = `ip_range for host ${host}`;
  } else range = family === 4 ? n.ipRange : n.v6ipRange;
  if (!range) return { net: n, subnet, range: subnet, explicit: false, what: 'subnet' };
  if (!containsCidr(subnet.cidr, range.cidr)) return undefined;
  return { net: n, subnet, range, explicit: true, what };
}
