import { hostAddrOn } from '../analysis/hostAddresses';
import type { Family } from '../ip';
import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV112: the gateway is the Docker host's own address on the network's parent. A macvlan (or
 * ipvlan l2) child never exchanges traffic with its parent's own address, so such a gateway can
 * never answer the containers. Seen in a real lab where the host was also the router.
 *
 * Decided here: ipvlan l3/l3s are left out (the host routes for them; MV110 covers their
 * gateway); the host's address counts only on the exact segment (parent plus VLAN).
 */
export const rule: Rule = {
  code: 'MV112',
  title: 'Gateway is the host itself',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const n of ctx.facts.nets) {
      if (n.spec.driver === 'ipvlan' && n.mode !== 'l2') continue;
      for (const family of [4, 6] as Family[]) {
        const gw = family === 4 ? n.gateway : n.v6gateway;
        if (!gw || gw.family !== family) continue;
        for (const host of n.hosts) {
          const own = hostAddrOn(ctx.facts, host, n, family);
          if (!own || own.fact.cidr.addr !== gw.value) continue;
          report({
            message:
              `gateway ${gw.val.value} of network ${n.spec.name} is host ${host}'s own address on ${own.iface} (line ${lineOf(ctx, own.fact.val.span)}): ` +
              `a ${n.spec.driver} container never reaches its parent's own address, so this gateway can never answer — set gateway: to the LAN's router`,
            span: gw.val.span,
            path: gw.val.path,
            related: [{ span: own.fact.val.span, path: own.fact.val.path, message: `address of host ${host} on ${own.iface}` }],
          });
          break;
        }
      }
    }
  },
};
