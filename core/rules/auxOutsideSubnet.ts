import type { AddrFact } from '../analysis/facts';
import { contains, formatCidr } from '../ip';
import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV107: an aux address outside its subnet, or of the other family.
 *
 * Decided here (the design page leaves it open):
 * - `aux_addresses` holds IPv4 addresses of `subnet` (the schema says so; format v1 has no IPv6
 *   aux addresses), so an IPv6 aux address is "the other family" whatever the ipv6 block holds.
 * - Aux addresses without any `subnet:` key are reported: Docker matches each aux address to the
 *   subnet that contains it and rejects one that has none.
 * - A subnet that did not parse (MV101) suppresses the comparison.
 */
export const rule: Rule = {
  code: 'MV107',
  title: 'Aux address outside its subnet',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const net = n.spec.name;
      for (let j = 0; j < n.aux.length; j++) {
        const a = n.aux[j];
        const f = a.fact;
        const span = f.val.span;
        const path = f.val.path;
        if (f.family !== 4) {
          report({ span, path, message: `${what(a.name, f, net)} is an IPv${f.family} address; aux_addresses holds IPv4 addresses of the subnet — remove it or use an IPv4 address` });
          continue;
        }
        if (n.subnet) {
          const s = n.subnet.cidr;
          if (contains(s, f.value)) continue;
          const subnetText = formatCidr(s.family, s.network, s.prefix);
          report({
            span,
            path,
            message: `${what(a.name, f, net)} is outside its subnet ${subnetText} (line ${lineOf(ctx, n.subnet.val.span)}) — Docker rejects an aux address no subnet contains; use one inside the subnet`,
            related: [{ span: n.subnet.val.span, path: n.subnet.val.path, message: `the subnet of network ${net}` }],
          });
          continue;
        }
        if (n.spec.subnet === undefined) {
          report({ span, path, message: `${what(a.name, f, net)} has no subnet to sit in: Docker rejects an aux address no subnet contains — add subnet:` });
        }
      }
    }
  },
};

/** Built only for a finding: most aux addresses are fine. */
function what(name: string, f: AddrFact, net: string): string {
  return `aux address ${name} (${f.val.value}) of network ${net}`;
}
