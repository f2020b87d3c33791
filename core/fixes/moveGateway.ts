import { formatAddr, formatCidr, nextFreeAddress, usableRange } from '../ip';
import { familyFacts, reservedOnSegment } from '../analysis/addressSpace';
import type { FixProvider } from './types';
import { replaceScalar } from './yamlEdit';

/**
 * MV104/MV105: put the gateway on the first usable address of its subnet (the usual router
 * address), or the next one when that is taken by an aux address, an exclude entry or a
 * container. Safe: the current value cannot work, and Docker itself assigned exactly this
 * address when no gateway was given (engines before 29).
 */
export const moveGateway: FixProvider<'moveGateway'> = {
  maySafe: true,
  provide(ctx, hint) {
    const net = ctx.facts.netByName.get(hint.network);
    if (!net) return [];
    const ff = familyFacts(net, hint.family);
    const usable = ff.subnet ? usableRange(ff.subnet.cidr) : null;
    if (!ff.subnet || !ff.gatewayVal || !usable) return [];
    const { taken, excluded } = reservedOnSegment(ctx.facts, net, hint.family, { gatewayOf: net });
    const addr = nextFreeAddress(usable, taken, excluded);
    if (addr === undefined) return [];
    const text = formatAddr({ family: hint.family, value: addr });
    const c = ff.subnet.cidr;
    const where = addr === usable.start ? 'first usable' : 'first free';
    return [
      {
        title: `Set gateway to ${text} (${where} address of ${formatCidr(c.family, c.network, c.prefix)})`,
        code: ctx.finding.code,
        edits: [replaceScalar(ctx.text, ff.gatewayVal.span, text)],
        isPreferred: true,
        safe: true,
      },
    ];
  },
};
