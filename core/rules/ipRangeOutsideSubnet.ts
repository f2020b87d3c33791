import type { CidrFact, NetFacts } from '../analysis/facts';
import { containsCidr, formatCidr, type Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV106: an ip_range outside its subnet, larger than it, or of the other family.
 *
 * Decided here (the design page leaves it open):
 * - Checked: `ip_range` (single, or each per-host entry) against `subnet`, and `ipv6.ip_range`
 *   against `ipv6.subnet`.
 * - CIDR blocks either nest or are disjoint, so "larger than the subnet" and "outside it" are the
 *   only two ways to miss; a larger one is reported as larger (the clearer fix), even when it
 *   does not contain the subnet either.
 * - An ip_range equal to its subnet is fine (Docker allows it: the whole subnet is the pool).
 * - `ip_range` without any `subnet:` key is reported here: Docker takes an ip_range only together
 *   with its subnet. The IPv6 counterpart (ipv6 ip_range, no ipv6 subnet) is MV111.
 * - A subnet that did not parse (MV101) suppresses the comparison.
 */
export const rule: Rule = {
  code: 'MV106',
  title: 'ip_range outside its subnet',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const hasSubnetKey = n.spec.subnet !== undefined;
      if (n.ipRange) checkOne(ctx, n, report, 4, n.ipRange, 'ip_range', n.subnet, hasSubnetKey);
      for (let j = 0; j < n.ipRangeByHost.length; j++) {
        const r = n.ipRangeByHost[j];
        checkOne(ctx, n, report, 4, r.fact, 'ip_range', n.subnet, hasSubnetKey, r.host);
      }
      if (n.v6ipRange) checkOne(ctx, n, report, 6, n.v6ipRange, 'ipv6 ip_range', n.v6subnet, true);
    }
  },
};

function checkOne(
  ctx: RuleContext,
  n: NetFacts,
  report: (r: Report) => void,
  family: Family,
  range: CidrFact,
  what: string,
  subnet: CidrFact | undefined,
  subnetKeyPresent: boolean,
  forHost?: string,
): void {
  const r = range.cidr;
  const net = n.spec.name;
  const span = range.val.span;
  const path = range.val.path;
  if (r.family !== family) {
    const where = family === 4 ? 'ipv6: ip_range' : 'ip_range';
    report({ span, path, message: `${what} ${range.val.value} ${of(net, forHost)} is an IPv${r.family} block; it takes IPv${family} — move it to ${where}` });
    return;
  }
  if (subnet) {
    if (containsCidr(subnet.cidr, r)) return;
    const s = subnet.cidr;
    const subnetText = formatCidr(s.family, s.network, s.prefix);
    const line = lineOf(ctx, subnet.val.span);
    const problem =
      r.prefix < s.prefix
        ? `is larger than its subnet ${subnetText} (line ${line}) — use a block of /${s.prefix} or longer inside the subnet`
        : `is outside its subnet ${subnetText} (line ${line}) — use a block inside the subnet`;
    report({
      span,
      path,
      message: `${what} ${range.val.value} ${of(net, forHost)} ${problem}`,
      related: [{ span: subnet.val.span, path: subnet.val.path, message: `the ${family === 4 ? 'subnet' : 'ipv6 subnet'} of network ${net}` }],
    });
    return;
  }
  if (family === 4 && !subnetKeyPresent) {
    report({
      span,
      path,
      message: `${what} ${range.val.value} ${of(net, forHost)} has no subnet to sit in: Docker accepts an ip_range only together with its subnet — add subnet:`,
    });
  }
}

/** A per-host pool is named by its host, so two findings on one network can be told apart. */
function of(net: string, forHost: string | undefined): string {
  return forHost !== undefined ? `of network ${net} for host ${forHost}` : `of network ${net}`;
}
