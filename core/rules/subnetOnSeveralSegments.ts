import type { NetFacts } from '../analysis/facts';
import type { Segment } from '../analysis/segment';
import type { Rule } from './types';
import { lineOf } from './util';
import { cidrText, subnetOf } from './hostNets';

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
 * - "Same subnet" is the same block once host bits are masked, per family; hashed, so linear.
 * - Across hosts and on one host alike (on one host MV201 also reports the overlap).
 * - One finding per later network in the file, on its subnet; related is the first network
 *   with that subnet on another VLAN. Networks without a parent have no segment and are skipped.
 */
export const rule: Rule = {
  code: 'MV206',
  title: 'One subnet on several VLANs',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const family of [4, 6] as const) {
      const groups = new Map<string, { first: NetFacts; firstOther?: NetFacts }>();
      for (const n of ctx.facts.nets) {
        const subnet = subnetOf(n, family);
        if (!n.segment || !subnet) continue;
        const key = `${subnet.cidr.network}/${subnet.cidr.prefix}`;
        const g = groups.get(key);
        if (!g) {
          groups.set(key, { first: n });
          continue;
        }
        const id = vlanOf(n.segment);
        const other = id !== vlanOf(g.first.segment!) ? g.first : g.firstOther;
        if (id !== vlanOf(g.first.segment!)) g.firstOther ??= n;
        if (!other) continue;
        const theirs = subnetOf(other, family)!;
        report({
          message:
            `subnet ${cidrText(subnet.cidr)} of network ${n.spec.name} (${describe(n.segment)}) is also the subnet of network ` +
            `${other.spec.name} (${describe(other.segment!)}, line ${lineOf(ctx, theirs.val.span)}) — one subnet belongs on one VLAN; ` +
            'give one of them its own subnet',
          span: subnet.val.span,
          path: subnet.val.path,
          related: [{ span: theirs.val.span, path: theirs.val.path, message: `subnet of network ${other.spec.name}` }],
        });
      }
    }
  },
};

function vlanOf(s: Segment): string {
  return s.vlan === undefined ? 'untagged' : String(s.vlan);
}

function describe(s: Segment): string {
  return s.vlan === undefined ? `untagged on ${s.name}` : `VLAN ${s.vlan} on ${s.name}`;
}
