import { cidrInterval, formatAddr, nextFreeAddress, usableRange } from '../ip';
import { attachAddr, familyFacts, findAttachment, reservedOnSegment } from './addressSpace';
import type { FixProvider } from './types';
import { replaceScalar } from './yamlEdit';

/**
 * MV402/403/404/405/411: give the container the lowest free address of the network: usable,
 * not a gateway, aux address, exclude entry or another container's address anywhere on the
 * segment, and outside every dynamic pool (all hosts' ranges: on one LAN, any host's Docker
 * may hand an address out) when the subnet has room outside them.
 * Not safe: it rewrites an address the user typed, which DNS, firewall rules or clients may
 * know; even for a duplicate, which of the two should move is the user's call.
 */
export const assignAddress: FixProvider<'assignAddress'> = {
  maySafe: false,
  provide(ctx, hint) {
    const att = findAttachment(ctx.facts, hint.container, hint.network);
    const net = att?.net;
    if (!att || !net) return [];
    const ff = familyFacts(net, hint.family);
    const usable = ff.subnet ? usableRange(ff.subnet.cidr) : null;
    const val = hint.family === 4 ? att.spec.ipv4 : att.spec.ipv6;
    if (!usable || !val) return [];
    const { taken, excluded } = reservedOnSegment(ctx.facts, net, hint.family, { attachment: att });
    const pools = ff.pools.map((p) => cidrInterval(p.cidr));
    const outside = nextFreeAddress(usable, taken, [...excluded, ...pools]);
    const addr = outside ?? nextFreeAddress(usable, taken, excluded);
    if (addr === undefined || addr === attachAddr(att, hint.family)?.value) return [];
    const text = formatAddr({ family: hint.family, value: addr });
    const note = outside === undefined && pools.length > 0 ? ' (inside the dynamic pool: no free address outside it)' : '';
    return [
      {
        title: `Give ${hint.container} the free address ${text}${note}`,
        code: ctx.finding.code,
        edits: [replaceScalar(ctx.text, val.span, text)],
        // A warning (address in the pool) may be intended; suppressing it is as good an answer.
        isPreferred: ctx.finding.severity === 'error',
        safe: false,
      },
    ];
  },
};
