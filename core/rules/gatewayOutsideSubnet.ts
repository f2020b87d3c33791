import type { AddrFact, CidrFact, NetFacts } from '../analysis/facts';
import { contains, formatCidr, type Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV104: a gateway outside its subnet, or of the other address family.
 *
 * Decided here (the design page leaves it open):
 * - `gateway:` is compared with `subnet:`, `ipv6.gateway` with `ipv6.subnet`.
 * - An IPv6 address under `gateway:` (or IPv4 under `ipv6.gateway`) is "the other family" and
 *   reported whether or not a subnet is there: the fix is to move it, not to renumber it.
 * - `gateway:` without any `subnet:` key is reported here too: Docker takes a gateway only
 *   together with the subnet it belongs to ("every ip-range or gateway must have a
 *   corresponding subnet"), and there is no subnet it could be inside. The IPv6 counterpart
 *   (ipv6 gateway, no ipv6 subnet) is MV111 as the design table says.
 * - A subnet that did not parse (MV101) suppresses the comparison: nothing to compare with.
 * - A subnet with host bits set is compared as masked (what Docker would use, or reject under
 *   MV102).
 */
export const rule: Rule = {
  code: 'MV104',
  title: 'Gateway outside its subnet',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      checkSlot(ctx, n, report, 4, n.gateway, n.subnet, n.spec.subnet !== undefined);
      checkSlot(ctx, n, report, 6, n.v6gateway, n.v6subnet, true);
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
  subnetKeyPresent: boolean,
): void {
  if (!gw) return;
  const net = n.spec.name;
  const what = family === 4 ? 'gateway' : 'ipv6 gateway';
  if (gw.family !== family) {
    const where = family === 4 ? 'ipv6: gateway' : 'gateway';
    report({
      message: `${what} ${gw.val.value} of network ${net} is an IPv${gw.family} address; ${what} takes IPv${family} — move it to ${where}`,
      span: gw.val.span,
      path: gw.val.path,
      data: { fix: 'moveGateway', network: net, family },
    });
    return;
  }
  if (subnet) {
    if (contains(subnet.cidr, gw.value)) return;
    const subnetText = formatCidr(subnet.cidr.family, subnet.cidr.network, subnet.cidr.prefix);
    const line = lineOf(ctx, subnet.val.span);
    report({
      message: `${what} ${gw.val.value} of network ${net} is outside its subnet ${subnetText} (line ${line}) — use the router's address inside the subnet, or fix the subnet`,
      span: gw.val.span,
      path: gw.val.path,
      related: [{ span: subnet.val.span, path: subnet.val.path, message: `the ${family === 4 ? 'subnet' : 'ipv6 subnet'} of network ${net}` }],
      data: { fix: 'moveGateway', network: net, family },
    });
    return;
  }
  // No subnet of this family at all: IPv6 is MV111's; a subnet that failed to parse is MV101's.
  if (family === 4 && !subnetKeyPresent) {
    report({
      message: `gateway ${gw.val.value} of network ${net} has no subnet to sit in: Docker accepts a gateway only together with its subnet — add subnet:`,
      span: gw.val.span,
      path: gw.val.path,
    });
  }
}
