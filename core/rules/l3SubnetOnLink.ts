import { hostAddrOn } from '../analysis/hostAddresses';
import { cidrInterval, formatCidr, overlaps } from '../ip';
import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV113: an ipvlan l3/l3s subnet overlaps the subnet the host itself sits on through that
 * parent. In l3 mode the host routes the containers' subnet; on-link addresses of the LAN are
 * answered by the LAN instead, so the routes never meet. Warning: it can be made to work with
 * proxy ARP, which is rarely intended.
 */
export const rule: Rule = {
  code: 'MV113',
  title: 'ipvlan l3 subnet on the host\'s own LAN',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const n of ctx.facts.nets) {
      if (n.spec.driver !== 'ipvlan' || (n.mode !== 'l3' && n.mode !== 'l3s')) continue;
      for (const sub of [n.subnet, n.v6subnet]) {
        if (!sub) continue;
        for (const host of n.hosts) {
          const own = hostAddrOn(ctx.facts, host, n, sub.cidr.family);
          if (!own || !overlaps(cidrInterval(own.fact.cidr), cidrInterval(sub.cidr))) continue;
          const onLink = formatCidr(own.fact.cidr.family, own.fact.cidr.network, own.fact.cidr.prefix);
          report({
            message:
              `subnet ${sub.val.value} of ipvlan ${n.mode} network ${n.spec.name} overlaps ${onLink}, the subnet host ${host} sits on through ${own.iface} (line ${lineOf(ctx, own.fact.val.span)}): ` +
              `l3 subnets are routed to the host, not on-link — give the network a subnet of its own and a route to it on the router`,
            span: sub.val.span,
            path: sub.val.path,
            related: [{ span: own.fact.val.span, path: own.fact.val.path, message: `address of host ${host} on ${own.iface}` }],
          });
          break;
        }
      }
    }
  },
};
