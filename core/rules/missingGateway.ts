import type { NetFacts } from '../analysis/facts';
import { autoAssignsGateway, formatEngine } from '../engine';
import { containsCidr, formatAddr } from '../ip';
import type { Rule } from './types';

/**
 * MV109: a non-internal macvlan network, or ipvlan l2 network, without `gateway:`.
 * Before engine 29 Docker then makes up a gateway (the first address of the ip_range, else of the
 * subnet); on a LAN whose router sits elsewhere that is the wrong default route. From 29 it
 * assigns none, and the containers have no default route off the segment.
 *
 * Decided here (the design page leaves it open):
 * - "Non-internal" applies to both drivers: an internal network needs no way out.
 * - Only when `subnet:` is written. Without a subnet Docker picks subnet and gateway together
 *   from its default pools; a missing gateway is not the problem there.
 * - IPv4 only. The fix hint (addGateway) writes `gateway:`; IPv6 routers are commonly learnt
 *   from router advertisements, so a missing ipv6 gateway is not flagged.
 * - Underlined: the network's name, since the finding is about a key that is not there.
 * - The engine named is the oldest auto-assigning engine among the network's hosts (when one
 *   does): that host is where the made-up gateway appears. A network whose `hosts:` names no
 *   known host is judged against every host.
 */
export const rule: Rule = {
  code: 'MV109',
  title: 'No gateway on a routed network',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      if (n.internal || n.spec.gateway !== undefined || n.spec.subnet === undefined) continue;
      if (n.spec.driver === 'ipvlan' && n.mode !== 'l2') continue;
      const hosts = n.hosts.length > 0 ? n.hosts : ctx.facts.model.hosts.map((h) => h.name);
      const old = hosts.find((h) => autoAssignsGateway(ctx.facts.engineFor(h)));
      const kind = n.spec.driver === 'ipvlan' ? 'ipvlan l2' : 'macvlan';
      const head = `${kind} network ${n.spec.name} has no gateway`;
      let message: string;
      if (old !== undefined) {
        const engine = formatEngine(ctx.facts.engineFor(old));
        const on = ctx.facts.model.hostsDeclared ? ` on host ${old}` : '';
        message =
          `${head}: Docker Engine ${engine}${on} (like every engine before 29) makes ${autoGateway(n)} the containers' gateway; ` +
          `unless your router is at that address, they have no way off the segment — set gateway: to the router's address, or internal: true if the network has no way out`;
      } else {
        message =
          `${head}: from Docker Engine 29 no gateway is assigned (older engines auto-assign the first address of the ip_range, else of the subnet), ` +
          `so containers get no default route off the segment — set gateway: to the router's address, or internal: true if the network has no way out`;
      }
      report({ message, span: n.spec.keySpan, path: n.spec.path, data: { fix: 'addGateway', network: n.spec.name } });
    }
  },
};

/** What Docker before 29 would pick: the first free address of the pool (its network address is reserved). */
function autoGateway(n: NetFacts): string {
  const s = n.subnet;
  const r = n.ipRange;
  if (n.spec.ipRangeByHost) return "the first address of each host's ip_range";
  if (!s || s.cidr.family !== 4) return 'the first address of the ip_range, else of the subnet,';
  if (r && containsCidr(s.cidr, r.cidr)) {
    const first = r.cidr.network === s.cidr.network ? r.cidr.network + 1n : r.cidr.network;
    return `the first address of the ip_range, ${formatAddr({ family: 4, value: first })},`;
  }
  if (n.spec.ipRange !== undefined) return 'the first address of the ip_range';
  return `the first address of the subnet, ${formatAddr({ family: 4, value: s.cidr.network + 1n })},`;
}
