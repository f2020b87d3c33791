import type { Rule } from './types';

/**
 * MV111: `ipv6` block problems the address rules do not cover.
 *
 * Decided here (the design page leaves it open):
 * - An ipv6 gateway or ip_range without an ipv6 subnet: Docker accepts either only together with
 *   its subnet. Each is reported on its own value.
 * - An ipv6 block with no subnet and nothing else in it (`ipv6: {}`): reported on the `ipv6` key,
 *   because it enables IPv6 without saying which prefix the segment uses.
 * - Not here: an IPv4 CIDR as ipv6 subnet (MV101 via facts), an IPv4 ipv6 gateway (MV104), an
 *   IPv4 ipv6 ip_range (MV106), a value that did not parse (MV101), and an ipv6 subnet key that
 *   is present but unparsable (the missing-subnet checks stay quiet: MV101 already reports it).
 */
export const rule: Rule = {
  code: 'MV111',
  title: 'ipv6 block problem',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const v6 = n.spec.ipv6;
      if (!v6 || v6.subnet !== undefined) continue;
      const net = n.spec.name;
      if (n.v6gateway?.family === 6) {
        const g = n.v6gateway;
        report({
          message: `ipv6 gateway ${g.val.value} of network ${net} has no ipv6 subnet to sit in: Docker accepts an IPv6 gateway only together with its subnet — add ipv6: subnet`,
          span: g.val.span,
          path: g.val.path,
        });
      }
      if (n.v6ipRange?.cidr.family === 6) {
        const r = n.v6ipRange;
        report({
          message: `ipv6 ip_range ${r.val.value} of network ${net} has no ipv6 subnet to sit in: Docker accepts an IPv6 ip_range only together with its subnet — add ipv6: subnet`,
          span: r.val.span,
          path: r.val.path,
        });
      }
      if (v6.gateway === undefined && v6.ipRange === undefined) {
        report({
          message: `the ipv6 block of network ${net} has no subnet — add ipv6: subnet with the segment's IPv6 prefix, or remove the block`,
          span: v6.keySpan,
          path: v6.path,
        });
      }
    }
  },
};
