import type { AddrFact, AttachFacts, NetFacts } from '../analysis/facts';
import { FirstUse } from '../analysis/firstUse';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV404: two containers with the same static address on one L2 segment, across hosts too.
 *
 * Decided here (the design page leaves it open):
 * - The key is the segment (parent + VLAN, e.g. "eth0.10") plus family plus address. Networks
 *   on the same segment share it whatever their names or hosts; the same parent name on
 *   different hosts is taken to be the same LAN segment, as MV205 assumes.
 * - Two networks with the same subnet on different segments do NOT collide: they are separate
 *   L2 domains (that subnet reuse is MV206's warning).
 * - A network without a parent (internal) sits on a dummy link Docker creates on each host,
 *   so its key is network name + host: the same address on two hosts' copies of an internal
 *   network never meets. (The brief suggested the network name alone; that would flag a
 *   common pattern — the same internal backend network cloned per host — for a conflict that
 *   cannot happen.) When the container's host cannot be told (MV502), it is skipped.
 * - The same container attached twice to one segment with the same address also fires.
 * - Reported on the later attachment in file order, related to the first; one hash map, so
 *   the cost is linear in the number of attachments.
 */
export const rule: Rule = {
  code: 'MV404',
  title: 'Duplicate address on a segment',
  defaultSeverity: 'error',
  check(ctx, report) {
    // A group is one key space: a segment (by its name), or an internal network (by its
    // NetFacts object, one per name) on one host. Groups are numbered, and no key text is
    // made per attachment. IPv4 addresses go to a FirstUse table by (group,
    // address); IPv6 ones, rare, to a Map per group keyed by the bigint. No address is turned
    // into text unless reported.
    const list = ctx.facts.attachments;
    const v4 = new FirstUse(list.length);
    let v6: Map<bigint, AttachFacts>[] | undefined;
    let groupCount = 0;
    const bySegment = new Map<string, number>();
    const ofNetHost = new Map<NetFacts, Map<string, number>>();
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || (!a.ipv4 && !a.ipv6)) continue;
      let g: number | undefined;
      if (net.segment) {
        g = bySegment.get(net.segment.name);
        if (g === undefined) bySegment.set(net.segment.name, (g = groupCount++));
      } else {
        if (a.host === undefined) continue;
        let byHost = ofNetHost.get(net);
        if (!byHost) ofNetHost.set(net, (byHost = new Map()));
        g = byHost.get(a.host);
        if (g === undefined) byHost.set(a.host, (g = groupCount++));
      }
      if (a.ipv4) {
        const first = v4.firstOrAdd(g, Number(a.ipv4.value), i);
        if (first >= 0) duplicate(ctx, report, a, a.ipv4, list[first]);
      }
      if (a.ipv6) {
        const seen = ((v6 ??= [])[g] ??= new Map());
        const other = seen.get(a.ipv6.value);
        if (other) duplicate(ctx, report, a, a.ipv6, other);
        else seen.set(a.ipv6.value, a);
      }
    }
  },
};

/** Reports `addr` of attachment `a`, which attachment `other` had first. */
function duplicate(ctx: RuleContext, report: (r: Report) => void, a: AttachFacts, addr: AddrFact, other: AttachFacts): void {
  const net = a.net!;
  const first = (addr.family === 4 ? other.ipv4 : other.ipv6)!;
  const scope = net.segment ? `segment ${net.segment.name}` : `network ${net.spec.name}${ctx.facts.model.hostsDeclared ? ` on host ${a.host}` : ''}`;
  const field = addr.family === 4 ? 'ipv4_address' : 'ipv6_address';
  const via = other.spec.name !== a.spec.name ? ` (network ${other.spec.name})` : '';
  const across = other.host !== undefined && a.host !== undefined && other.host !== a.host ? ` on host ${other.host}` : '';
  report({
    message: `${field} ${addr.val.value} of container ${a.container.name} is already used by container ${other.container.name}${via}${across} on ${scope} (line ${lineOf(ctx, first.val.span)}) — give one of them a free address`,
    span: addr.val.span,
    path: addr.val.path,
    related: [{ span: first.val.span, path: first.val.path, message: `first use of ${addr.val.value} by container ${other.container.name}` }],
    data: { fix: 'assignAddress', container: a.container.name, network: a.spec.name, family: addr.family },
  });
}
