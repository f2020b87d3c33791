import type { AddrFact, AttachFacts, NetFacts } from '../analysis/facts';
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
    // Keyed by segment and family, then by the address itself: a number for IPv4 (hashing a
    // bigint costs more), the bigint for IPv6. No address is turned into text unless reported,
    // and a network's segment key is made once, not once per attachment.
    const groups = new Map<string, [Seen, Seen]>();
    const group = (key: string): [Seen, Seen] => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = [new Map(), new Map()]));
      return g;
    };
    const ofNet = new Map<NetFacts, [Seen, Seen]>();
    for (const a of ctx.facts.attachments) {
      const net = a.net;
      if (!net) continue;
      let g: [Seen, Seen];
      if (net.segment) {
        let cached = ofNet.get(net);
        if (!cached) ofNet.set(net, (cached = group(`s:${net.segment.name}`)));
        g = cached;
      } else {
        if (a.host === undefined) continue;
        g = group(`n:${net.spec.name}\u0000${a.host}`);
      }
      if (a.ipv4) once(ctx, report, a, a.ipv4, g[0], Number(a.ipv4.value));
      if (a.ipv6) once(ctx, report, a, a.ipv6, g[1], a.ipv6.value);
    }
  },
};

/** First users of each address in one segment and family (the attachment; its address is ipv4 or ipv6 by family). */
type Seen = Map<number | bigint, AttachFacts>;

/** Records `addr` of attachment `a`, or reports it when another attachment had it first. */
function once(ctx: RuleContext, report: (r: Report) => void, a: AttachFacts, addr: AddrFact, seen: Seen, key: number | bigint): void {
  const other = seen.get(key);
  if (!other) {
    seen.set(key, a);
    return;
  }
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
