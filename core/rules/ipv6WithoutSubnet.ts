import type { Rule } from './types';

/**
 * MV407: an ipv6_address on a network that has no ipv6 subnet.
 *
 * Decided here (the design page leaves it open):
 * - Fires only when `ipv6.subnet` is absent (no `ipv6:` block, or a block without `subnet:`).
 *   A subnet that is present but malformed, or of the other family, is MV101's: the network
 *   means to have one, and the address is checked once it parses.
 * - Fires only for an ipv6_address that parses: a malformed one is MV101's, and two findings
 *   on one value would be noise.
 * - Attachments to undefined networks are MV401's.
 * - The hint is `removeKey`: without a subnet there is nothing to assign from, and whether
 *   to add a subnet or drop the address is the user's call; the message offers both.
 */
export const rule: Rule = {
  code: 'MV407',
  title: 'IPv6 address on a network without an IPv6 subnet',
  defaultSeverity: 'error',
  check(ctx, report) {
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || !a.ipv6 || net.spec.ipv6?.subnet !== undefined) continue;
      report({
        message: `ipv6_address ${a.ipv6.val.value} of container ${a.container.name}: network ${net.spec.name} has no ipv6 subnet, so Docker cannot give it an IPv6 address — add ipv6: { subnet: ... } to network ${net.spec.name} or remove ipv6_address`,
        span: a.ipv6.val.span,
        path: a.ipv6.val.path,
        related: [{ span: net.spec.keySpan, path: net.spec.path, message: `network ${net.spec.name} has no ipv6 subnet` }],
        data: { fix: 'removeKey' },
      });
    }
  },
};
