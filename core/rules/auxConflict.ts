import type { AddrFact } from '../analysis/facts';
import { contains, formatCidr, usableRange } from '../ip';
import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV108: an aux address that equals the gateway, the network/broadcast address, or another aux
 * address of the same network. Docker reserves the gateway, network and broadcast addresses
 * itself, and reserving an address twice makes `docker network create` fail.
 *
 * Decided here (the design page leaves it open):
 * - One finding per aux address, the first that applies: gateway, then network/broadcast, then
 *   duplicate. Two aux addresses equal to the gateway each get the gateway finding, not also a
 *   duplicate one: removing them fixes both.
 * - Duplicates are found with a hash of family+value (never pairs); each later occurrence points
 *   at the first one.
 * - Network/broadcast only when the subnet contains the aux address (else MV107). IPv6 has no
 *   broadcast, and format v1 has no IPv6 aux addresses (MV107), so only the IPv4 subnet counts.
 *   In a subnet without usable addresses (MV103) the check is skipped: every address there is
 *   network or broadcast, and MV103 already says so.
 */
export const rule: Rule = {
  code: 'MV108',
  title: 'Aux address conflicts with a reserved address',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const n of ctx.facts.nets) {
      const net = n.spec.name;
      const seen = new Map<string, { name: string; fact: AddrFact }>();
      const gateways = [n.gateway, n.v6gateway].filter((g): g is AddrFact => g !== undefined);
      for (const a of n.aux) {
        const f = a.fact;
        const key = `${f.family}:${f.value}`;
        const first = seen.get(key);
        if (!first) seen.set(key, { name: a.name, fact: f });
        const what = `aux address ${a.name} (${f.val.value}) of network ${net}`;
        const at = { span: f.val.span, path: f.val.path };

        const gw = gateways.find((g) => g.family === f.family && g.value === f.value);
        if (gw) {
          report({
            ...at,
            message: `${what} is the gateway (line ${lineOf(ctx, gw.val.span)}), which Docker reserves already — remove the aux address`,
            related: [{ span: gw.val.span, path: gw.val.path, message: `the gateway of network ${net}` }],
          });
          continue;
        }
        const s = n.subnet;
        if (s && f.family === 4 && s.cidr.family === 4 && contains(s.cidr, f.value) && usableRange(s.cidr)) {
          const which = f.value === s.cidr.network ? 'network' : f.value === s.cidr.last ? 'broadcast' : undefined;
          if (which) {
            const subnetText = formatCidr(4, s.cidr.network, s.cidr.prefix);
            report({
              ...at,
              message: `${what} is the ${which} address of subnet ${subnetText} (line ${lineOf(ctx, s.val.span)}), which Docker reserves already — remove the aux address`,
              related: [{ span: s.val.span, path: s.val.path, message: `the subnet of network ${net}` }],
            });
            continue;
          }
        }
        if (first) {
          report({
            ...at,
            message: `${what} is the same address as aux address ${first.name} (line ${lineOf(ctx, first.fact.val.span)}) — remove one, or give it its own address`,
            related: [{ span: first.fact.val.span, path: first.fact.val.path, message: `aux address ${first.name} of network ${net}` }],
          });
        }
      }
    }
  },
};
