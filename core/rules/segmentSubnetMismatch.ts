import type { NetFacts } from '../analysis/facts';
import type { Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';
import { cidrText, sortIndices, subnetOf } from '../analysis/hostNets';

/**
 * MV205: the same parent+vlan segment carries different subnets on different hosts.
 *
 * Decided here (the design page leaves it open):
 * - A segment is named by parent+vlan (`facts segment.name`), as the design's table says: the
 *   spec cannot know that eth0 on one host and enp3s0 on another are cabled alike, so only
 *   equal names are compared.
 * - A network listed on several hosts carries one subnet everywhere; the rule compares distinct
 *   networks. On each segment (and family) the networks are grouped by subnet, and two groups
 *   disagree when no host carries both: lab1 says 192.168.10.0/24 and lab2 says
 *   192.168.20.0/24 for eth0.10. If some host carries both subnets on that segment, two subnets
 *   on one VLAN are deliberate (what sharing the parent on that host means is MV203's).
 * - One finding per disagreeing subnet group, on the subnet of its first network in the file;
 *   related is the first network of the earliest group it disagrees with.
 * - Cost: a sort by segment name to find the segments with more than one network (most have
 *   one), then for those, hashing by subnet and per group a check against the distinct host sets of earlier
 *   groups (few in practice: one per host layout, not one per network).
 */
export const rule: Rule = {
  code: 'MV205',
  title: 'One segment, different subnets on different hosts',
  defaultSeverity: 'warning',
  check(ctx, report) {
    checkFamily(ctx, report, 4);
    checkFamily(ctx, report, 6);
  },
};

function checkFamily(ctx: RuleContext, report: (r: Report) => void, family: Family): void {
  // Two subnets on a segment take two networks on it, and most segments have one: find the
  // networks on shared segments first, by sorting them by segment name (no map, no objects).
  const nets = ctx.facts.nets;
  // Made at full size on the first network, as growing it by push copies it.
  let bySegment: number[] | undefined;
  let m = 0;
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    if (n.segment && n.hosts.length > 0 && subnetOf(n, family)) (bySegment ??= new Array<number>(nets.length))[m++] = i;
  }
  if (m < 2 || !bySegment) return;
  bySegment.length = m;
  sortIndices(bySegment, (a, b) => {
    const x = nets[a].segment!.name;
    const y = nets[b].segment!.name;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  let shared: boolean[] | undefined;
  for (let k = 1; k < bySegment.length; k++) {
    if (nets[bySegment[k]].segment!.name !== nets[bySegment[k - 1]].segment!.name) continue;
    shared ??= new Array<boolean>(nets.length).fill(false);
    shared[bySegment[k]] = shared[bySegment[k - 1]] = true;
  }
  if (!shared) return;
  const segments = new Map<string, Map<string, Group>>();
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    const subnet = subnetOf(n, family);
    if (!n.segment || !subnet || n.hosts.length === 0 || !shared[i]) continue;
    let groups = segments.get(n.segment.name);
    if (!groups) segments.set(n.segment.name, (groups = new Map()));
    const key = `${subnet.cidr.network}/${subnet.cidr.prefix}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: n, hosts: new Set() }));
    for (const h of n.hosts) g.hosts.add(h);
  }
  for (const [segment, groups] of segments) {
    if (groups.size < 2) continue;
    // Earlier groups, one per distinct host set: disjointness depends only on the set.
    const layouts = new Map<string, Group>();
    for (const g of groups.values()) {
      const other = [...layouts.values()].find((e) => disjoint(e.hosts, g.hosts));
      const sig = [...g.hosts].sort().join('\n');
      if (!layouts.has(sig)) layouts.set(sig, g);
      if (!other) continue;
      const mine = subnetOf(g.first, family)!;
      const theirs = subnetOf(other.first, family)!;
      report({
        message:
          `segment ${segment} carries ${cidrText(mine.cidr)} on ${hostList(g.hosts)} (network ${g.first.spec.name}) but ` +
          `${cidrText(theirs.cidr)} on ${hostList(other.hosts)} (network ${other.first.spec.name}, line ${lineOf(ctx, theirs.val.span)}) — ` +
          'one VLAN is one L2 segment: use the same subnet on every host, or put the networks on different VLANs',
        span: mine.val.span,
        path: mine.val.path,
        related: [{ span: theirs.val.span, path: theirs.val.path, message: `subnet of network ${other.first.spec.name} on the same segment` }],
      });
    }
  }
}

interface Group {
  first: NetFacts;
  hosts: Set<string>;
}

function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const h of small) if (big.has(h)) return false;
  return true;
}

function hostList(hosts: ReadonlySet<string>): string {
  const list = [...hosts];
  return list.length === 1 ? `host ${list[0]}` : `hosts ${list.join(', ')}`;
}
