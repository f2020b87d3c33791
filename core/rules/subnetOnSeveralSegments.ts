import type { NetFacts } from '../analysis/facts';
import type { Segment } from '../analysis/segment';
import type { Cidr, Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';
import { cidrText, sameBlock, sortByBlock, subnetOf } from '../analysis/hostNets';

/**
 * MV206: the same subnet on two different VLANs / segments — usually a subnet copied from the
 * network above without changing it.
 *
 * Decided here (the design page leaves it open):
 * - Segments are compared by VLAN: a tagged network is "VLAN n" whatever its parent is called,
 *   and all untagged networks count as one. Interface names differ between hosts (eth0 on one,
 *   eno1 on the next), and one network can name only one parent, so a LAN spread over such
 *   hosts is written as several networks with one subnet; that must not warn. What does warn:
 *   VLAN 10 and VLAN 20 with one subnet, or a tagged and an untagged network with one subnet
 *   (an access port on one host and a trunk on another is possible, hence only a warning).
 * - "Same subnet" is the same block once host bits are masked, per family; found by sorting.
 * - Across hosts and on one host alike (on one host MV201 also reports the overlap).
 * - One finding per later network in the file, on its subnet; related is the first network
 *   with that subnet on another VLAN. Networks without a parent have no segment and are skipped.
 */
export const rule: Rule = {
  code: 'MV206',
  title: 'One subnet on several VLANs',
  defaultSeverity: 'warning',
  check(ctx, report) {
    checkFamily(ctx, report, 4);
    checkFamily(ctx, report, 6);
  },
};

function checkFamily(ctx: RuleContext, report: (r: Report) => void, family: Family): void {
  // Networks with a segment and a subnet, their subnets, and those sorted by subnet so that
  // networks sharing one are a run (no string keys, no map). Made at full size on the first
  // subnet, as growing them by push copies them.
  const nets = ctx.facts.nets;
  let cand: NetFacts[] | undefined;
  let subnets: Cidr[] | undefined;
  let m = 0;
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    const subnet = subnetOf(n, family);
    if (!n.segment || !subnet) continue;
    cand ??= new Array<NetFacts>(nets.length);
    subnets ??= new Array<Cidr>(nets.length);
    cand[m] = n;
    subnets[m++] = subnet.cidr;
  }
  if (m < 2 || !cand || !subnets) return;
  const bySubnet = new Array<number>(m);
  sortByBlock(bySubnet, subnets, m);
  // Group number of each candidate that shares its subnet; a shared subnet is rare, so the
  // array is made on the first.
  let group: number[] | undefined;
  let groups = 0;
  for (let r = 0; r < bySubnet.length; ) {
    let e = r + 1;
    while (e < bySubnet.length && sameBlock(subnets[bySubnet[r]], subnets[bySubnet[e]])) e++;
    if (e - r >= 2) {
      group ??= new Array<number>(m).fill(-1);
      for (let k = r; k < e; k++) group[bySubnet[k]] = groups;
      groups++;
    }
    r = e;
  }
  if (!group) return;
  // Per group: its first network, and its first network on another VLAN than that one.
  const first: NetFacts[] = [];
  const firstOther: (NetFacts | undefined)[] = [];
  for (let k = 0; k < m; k++) {
    const g = group[k];
    if (g < 0) continue;
    const n = cand[k];
    const subnet = subnetOf(n, family)!;
    const segment = n.segment!;
    if (!first[g]) {
      first[g] = n;
      continue;
    }
    const otherVlan = segment.vlan !== first[g].segment!.vlan;
    const other = otherVlan ? first[g] : firstOther[g];
    if (otherVlan) firstOther[g] ??= n;
    if (!other) continue;
    const theirs = subnetOf(other, family)!;
    report({
      message:
        `subnet ${cidrText(subnet.cidr)} of network ${n.spec.name} (${describe(segment)}) is also the subnet of network ` +
        `${other.spec.name} (${describe(other.segment!)}, line ${lineOf(ctx, theirs.val.span)}) — one subnet belongs on one VLAN; ` +
        'give one of them its own subnet',
      span: subnet.val.span,
      path: subnet.val.path,
      related: [{ span: theirs.val.span, path: theirs.val.path, message: `subnet of network ${other.spec.name}` }],
    });
  }
}

function describe(s: Segment): string {
  return s.vlan === undefined ? `untagged on ${s.name}` : `VLAN ${s.vlan} on ${s.name}`;
}
