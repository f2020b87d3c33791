import type { AddrFact, CidrFact, NetFacts } from '../analysis/facts';
import { formatAddr, formatCidr, usableRange, type Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV105: the gateway is the network or the broadcast address of its subnet.
 *
 * Decided here (the design page leaves it open):
 * - IPv6 has no broadcast, so only the network address counts there: it is the subnet-router
 *   anycast address, which Docker reserves. The last address of an IPv6 subnet is an ordinary one.
 * - Subnets without usable addresses (/31, /32, /127, /128) are MV103's; every address of such a
 *   subnet is "network or broadcast", so reporting the gateway too would only repeat MV103.
 * - A gateway outside the subnet or of the other family is MV104's, not this rule's.
 */
export const rule: Rule = {
  code: 'MV105',
  title: 'Gateway is the network or broadcast address',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      checkSlot(ctx, n, report, 4, n.gateway, n.subnet);
      checkSlot(ctx, n, report, 6, n.v6gateway, n.v6subnet);
    }
  },
};

function checkSlot(
  ctx: RuleContext,
  n: NetFacts,
  report: (r: Report) => void,
  family: Family,
  gw: AddrFact | undefined,
  subnet: CidrFact | undefined,
): void {
  if (!gw || !subnet || gw.family !== family || subnet.cidr.family !== family) return;
  const c = subnet.cidr;
  let which: string | undefined;
  if (gw.value === c.network) which = family === 4 ? 'the network address' : 'the subnet-router anycast address (the network address)';
  else if (family === 4 && gw.value === c.last) which = 'the broadcast address';
  if (!which) return;
  // Asked only now: usableRange builds a range, and most gateways are neither address.
  const usable = usableRange(c);
  if (!usable) return;
  const net = n.spec.name;
  const what = family === 4 ? 'gateway' : 'ipv6 gateway';
  const subnetText = formatCidr(family, c.network, c.prefix);
  const line = lineOf(ctx, subnet.val.span);
  report({
    message: `${what} ${gw.val.value} of network ${net} is ${which} of subnet ${subnetText} (line ${line}), which Docker never assigns — use the router's address, often ${formatAddr({ family, value: usable.start })}`,
    span: gw.val.span,
    path: gw.val.path,
    related: [{ span: subnet.val.span, path: subnet.val.path, message: `the ${family === 4 ? 'subnet' : 'ipv6 subnet'} of network ${net}` }],
    data: { fix: 'moveGateway', network: net, family },
  });
}
