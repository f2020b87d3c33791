import type { AddrFact } from '../analysis/facts';
import { formatCidr, hasUsableAddresses } from '../ip';
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
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const aux = n.aux;
      if (aux.length === 0) continue;
      const net = n.spec.name;
      // Index of the first aux address with each value, per family, keyed by the value itself;
      // made only when there is something to compare.
      let seen4: Map<bigint, number> | undefined;
      let seen6: Map<bigint, number> | undefined;
      for (let j = 0; j < aux.length; j++) {
        const a = aux[j];
        const f = a.fact;
        let first: (typeof aux)[number] | undefined;
        if (aux.length > 1) {
          const seen = f.family === 4 ? (seen4 ??= new Map()) : (seen6 ??= new Map());
          const k = seen.get(f.value);
          if (k === undefined) seen.set(f.value, j);
          else first = aux[k];
        }
        const span = f.val.span;
        const path = f.val.path;

        const gw = sameAddr(n.gateway, f) ? n.gateway : sameAddr(n.v6gateway, f) ? n.v6gateway : undefined;
        if (gw) {
          report({
            span,
            path,
            message: `${what(a.name, f, net)} is the gateway (line ${lineOf(ctx, gw.val.span)}), which Docker reserves already — remove the aux address`,
            related: [{ span: gw.val.span, path: gw.val.path, message: `the gateway of network ${net}` }],
          });
          continue;
        }
        const s = n.subnet;
        if (s && f.family === 4 && s.cidr.family === 4) {
          const which = f.value === s.cidr.network ? 'network' : f.value === s.cidr.last ? 'broadcast' : undefined;
          if (which && hasUsableAddresses(s.cidr)) {
            const subnetText = formatCidr(4, s.cidr.network, s.cidr.prefix);
            report({
              span,
              path,
              message: `${what(a.name, f, net)} is the ${which} address of subnet ${subnetText} (line ${lineOf(ctx, s.val.span)}), which Docker reserves already — remove the aux address`,
              related: [{ span: s.val.span, path: s.val.path, message: `the subnet of network ${net}` }],
            });
            continue;
          }
        }
        if (first) {
          report({
            span,
            path,
            message: `${what(a.name, f, net)} is the same address as aux address ${first.name} (line ${lineOf(ctx, first.fact.val.span)}) — remove one, or give it its own address`,
            related: [{ span: first.fact.val.span, path: first.fact.val.path, message: `aux address ${first.name} of network ${net}` }],
          });
        }
      }
    }
  },
};

function sameAddr(g: AddrFact | undefined, f: AddrFact): g is AddrFact {
  return g !== undefined && g.family === f.family && g.value === f.value;
}

/** Built only for a finding: most aux addresses are fine. */
function what(name: string, f: AddrFact, net: string): string {
  return `aux address ${name} (${f.val.value}) of network ${net}`;
}
