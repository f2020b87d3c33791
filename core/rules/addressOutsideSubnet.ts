import type { AddrFact, AttachFacts, CidrFact } from '../analysis/facts';
import { contains, formatCidr } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV402: a static ipv4_address outside the network's subnet, or ipv6_address outside its ipv6
 * subnet.
 *
 * Decided here (the design page leaves it open):
 * - An ipv4_address on a network with no `subnet:` at all also fires: Docker refuses static
 *   addresses on networks without a user-configured subnet ("user specified IP address is
 *   supported only when connecting to networks with user configured subnets"). A subnet that
 *   is present but malformed is MV101's, so nothing fires here then.
 * - The IPv6 counterpart of "no subnet" is MV407, not this rule.
 * - Attachments to undefined networks are MV401's; values that did not parse are MV101's.
 */
export const rule: Rule = {
  code: 'MV402',
  title: 'Static address outside the subnet',
  defaultSeverity: 'error',
  check(ctx, report) {
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net) continue;
      if (a.ipv4) {
        if (net.subnet) outside(ctx, a, a.ipv4, net.subnet, 'subnet', report);
        else if (!net.spec.subnet) {
          report({
            message: `ipv4_address ${a.ipv4.val.value} of container ${a.container.name}: network ${net.spec.name} has no subnet, and Docker accepts static addresses only on networks with a configured subnet — add subnet: to network ${net.spec.name}`,
            span: a.ipv4.val.span,
            path: a.ipv4.val.path,
            related: [{ span: net.spec.keySpan, path: net.spec.path, message: `network ${net.spec.name} has no subnet` }],
            data: { fix: 'assignAddress', container: a.container.name, network: net.spec.name, family: 4 },
          });
        }
      }
      if (a.ipv6 && net.v6subnet) outside(ctx, a, a.ipv6, net.v6subnet, 'ipv6 subnet', report);
    }
  },
};

function outside(ctx: RuleContext, a: AttachFacts, addr: AddrFact, subnet: CidrFact, what: string, report: (r: Report) => void): void {
  const c = subnet.cidr;
  if (c.family === addr.family && contains(c, addr.value)) return;
  const block = formatCidr(c.family, c.network, c.prefix);
  const key = addr.family === 4 ? 'ipv4_address' : 'ipv6_address';
  const net = a.spec.name;
  report({
    message: `${key} ${addr.val.value} of container ${a.container.name} is outside ${what} ${subnet.val.value} of network ${net} (line ${lineOf(ctx, subnet.val.span)}) — use an address inside ${block}`,
    span: addr.val.span,
    path: addr.val.path,
    related: [{ span: subnet.val.span, path: subnet.val.path, message: `${what} of network ${net}` }],
    data: { fix: 'assignAddress', container: a.container.name, network: net, family: addr.family },
  });
}
