import { formatAddr, nextFreeAddress, usableRange } from '../ip';
import { familyFacts, reservedOnSegment } from '../analysis/addressSpace';
import type { FixProvider } from './types';
import { insertKey } from './yamlEdit';

/**
 * MV109: insert `gateway: <first free usable address>` right after `subnet:`. Not safe: the
 * gateway is the LAN's real router, and `.1` is only a convention (`.254` is common); a wrong
 * guess written by `--fix` would route every container into nothing. The editor offers it for
 * the user to confirm.
 */
export const addGateway: FixProvider<'addGateway'> = {
  maySafe: false,
  provide(ctx, hint) {
    const net = ctx.facts.netByName.get(hint.network);
    if (!net) return [];
    // IPv4 first, as MV109 is about `gateway:`; the ipv6 block when only it lacks one.
    for (const family of [4, 6] as const) {
      const ff = familyFacts(net, family);
      const usable = ff.subnet ? usableRange(ff.subnet.cidr) : null;
      if (!usable || ff.gatewayVal) continue;
      const { taken, excluded } = reservedOnSegment(ctx.facts, net, family);
      const addr = nextFreeAddress(usable, taken, excluded);
      if (addr === undefined) continue;
      const text = formatAddr({ family, value: addr });
      const mapPath = family === 4 ? net.spec.path : [...net.spec.path, 'ipv6'];
      const edit = insertKey(ctx, mapPath, 'subnet', 'gateway', text);
      if (!edit) continue;
      return [{ title: `Add ${family === 6 ? 'IPv6 ' : ''}gateway ${text} (check it is the LAN's router)`, code: ctx.finding.code, edits: [edit], safe: false }];
    }
    return [];
  },
};
