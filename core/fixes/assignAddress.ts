import { nextContainerAddress } from '../analysis/nextAddress';
import { formatAddr } from '../ip';
import { attachAddr, findAttachment } from '../analysis/addressSpace';
import type { FixProvider } from './types';
import { replaceScalar } from './yamlEdit';

/**
 * MV402/403/404/405/411: give the container the next free address of the network
 * (`nextContainerAddress`, the one completion offers too).
 * Not safe: it rewrites an address the user typed, which DNS, firewall rules or clients may
 * know; even for a duplicate, which of the two should move is the user's call.
 */
export const assignAddress: FixProvider<'assignAddress'> = {
  maySafe: false,
  provide(ctx, hint) {
    const att = findAttachment(ctx.facts, hint.container, hint.network);
    const net = att?.net;
    if (!att || !net) return [];
    const val = hint.family === 4 ? att.spec.ipv4 : att.spec.ipv6;
    const next = val ? nextContainerAddress(ctx.facts, net, hint.family, att) : undefined;
    if (!val || !next || next.addr === attachAddr(att, hint.family)?.value) return [];
    const text = formatAddr({ family: hint.family, value: next.addr });
    const note = !next.outside && next.hasPools ? ' (inside the dynamic pool: no free address outside it)' : '';
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
