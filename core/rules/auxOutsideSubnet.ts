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
    for (const n of ctx.facts.nets) {
      const net = n.spec.name;
      for (const a of n.aux) {
        const f = a.fact;
        const at = { span: f.val.span, path: f.val.path };
        const what = `aux address ${a.name} (${f.val.value}) of network ${net}`;
        if (f.family !== 4) {
          report({ ...at, message: `${what} is an IPv${f.family} address; aux_addresses holds IPv4 addresses of the subnet — remove it or use an IPv4 address` });
          continue;
        }
        if (n.subnet) {
          const s = n.subnet.cidr;
          if (contains(s, f.value)) continue;
          const subnetText = formatCidr(s.family, s.network, s.prefix);
          report({
            ...at,
            message: `${what} is outside its subnet ${subnetText} (line ${lineOf(ctx, n.subnet.val.span)}) — Docker rejects an aux address no subnet contains; use one inside the subnet`,
            related: [{ span: n.subnet.val.span, path: n.subnet.val.path, message: `the subnet of network ${net}` }],
          });
          continue;
        }
        if (n.spec.subnet === undefined) {
          report({ ...at, message: `${what} has no subnet to sit in: Docker rejects an aux address no subnet contains — add subnet:` });
        }
      }
    }
  },
};
