import type { CidrFact, NetFacts } from '../analysis/facts';
import { containsCidr, type Cidr, type Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';
import { cidrText, hostNets, overlapsEarlier, sameBlock, sortByBlock, subnetOf } from '../analysis/hostNets';

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
    checkFamily(ctx, report, 4);
    checkFamily(ctx, report, 6);
  },
};

function checkFamily(ctx: RuleContext, report: (r: Report) => void, family: Family): void {
  const hosts = hostNets(ctx);
  // Reused for each host: its networks with a pool (by index in the host's list), their
  // subnets, and those sorted by subnet to find the shared ones. Made at full size on the first
  // pool, as growing them by push copies them.
  let cand: number[] | undefined;
  let subnets: Cidr[] | undefined;
  let bySubnet: number[] | undefined;
  let done: Set<NetFacts> | undefined;
  for (let h = 0; h < hosts.length; h++) {
    const { host, nets } = hosts[h];
    let m = 0;
    for (let i = 0; i < nets.length; i++) {
      const subnet = subnetOf(nets[i], family);
      if (!subnet || !poolFits(nets[i], subnet, host, family)) continue;
      cand ??= new Array<number>(ctx.facts.nets.length);
      subnets ??= new Array<Cidr>(ctx.facts.nets.length);
      cand[m] = i;
      subnets[m++] = subnet.cidr;
    }
    if (m < 2 || !cand || !subnets) continue;
    // Group by subnet without building string keys: sorted by subnet, then file order, the
    // networks sharing one are a run. Shared subnets are rare; their groups are built only then.
    sortByBlock((bySubnet ??= new Array<number>(ctx.facts.nets.length)), subnets, m);
    let groups: number[][] | undefined;
    for (let r = 0; r < bySubnet.length; ) {
      let e = r + 1;
      while (e < bySubnet.length && sameBlock(subnets[bySubnet[r]], subnets[bySubnet[e]])) e++;
      if (e - r >= 2) (groups ??= []).push(bySubnet.slice(r, e));
      r = e;
    }
    if (!groups) continue;
    // In the order each subnet first appears in the file, as a map keyed by subnet would be.
    groups.sort((a, b) => a[0] - b[0]);
    for (const members of groups) {
      const group: Pool[] = [];
      for (const k of members) group.push(poolOf(nets[cand[k]], host, family));
      const partner = new Map<Pool, Pool>();
      const hits = overlapsEarlier(group.map((p) => p.range.cidr));
      for (let k = 0; k < hits.length; k += 3) if (group[hits[k]].explicit) partner.set(group[hits[k]], group[hits[k + 1]]);
      // Every explicit pool lies inside the shared subnet, so a whole-subnet pool overlaps
      // the first explicit one before it.
      let firstExplicit: Pool | undefined;
      for (const p of group) {
        const other = p.explicit ? partner.get(p) : firstExplicit;
        if (p.explicit && !firstExplicit) firstExplicit = p;
        if (!other || done?.has(p.net)) continue;
        (done ??= new Set()).add(p.net);
        const where = ctx.facts.model.hostsDeclared ? ` on host ${host}` : '';
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

function describe(x: Pool, line?: number): string {
  return x.explicit
    ? `${x.what} ${cidrText(x.range.cidr)}${line ? `, line ${line}` : ''}`
    : `the whole subnet, as it has no ip_range${line ? `; line ${line}` : ''}`;
}

interface Pool {
  net: NetFacts;
  subnet: CidrFact;
  /** The pool: an ip_range, or the subnet itself when there is none. */
  range: CidrFact;
  explicit: boolean;
  what: string;
}

/** The network's own pool on a host, if it has one: an ip_range map entry, else its ip_range. */
function rangeOf(n: NetFacts, host: string, family: Family): CidrFact | undefined {
  if (family === 4 && n.spec.ipRangeByHost) {
    for (let i = 0; i < n.ipRangeByHost.length; i++) if (n.ipRangeByHost[i].host === host) return n.ipRangeByHost[i].fact;
    return undefined;
  }
  return family === 4 ? n.ipRange : n.v6ipRange;
}

/** Whether the network takes part on this host: an ip_range outside its subnet is MV106's. */
function poolFits(n: NetFacts, subnet: CidrFact, host: string, family: Family): boolean {
  const range = rangeOf(n, host, family);
  return !range || containsCidr(subnet.cidr, range.cidr);
}

/** The pool of a network that `poolFits`. */
function poolOf(n: NetFacts, host: string, family: Family): Pool {
  const subnet = subnetOf(n, family)!;
  const range = rangeOf(n, host, family);
  if (!range) return { net: n, subnet, range: subnet, explicit: false, what: 'subnet' };
  const what = family === 4 && n.spec.ipRangeByHost ? `ip_range for host ${host}` : family === 4 ? 'ip_range' : 'ipv6 ip_range';
  return { net: n, subnet, range, explicit: true, what };
}
