import type { AddrFact, NetFacts } from '../analysis/facts';
import type { Report, Rule } from './types';

/**
 * MV110: a gateway on an ipvlan l3/l3s network. In those modes the host routes for the
 * containers and their default route is the parent link itself; Docker ignores the gateway.
 *
 * Decided here (the design page leaves it open):
 * - Both `gateway:` and `ipv6.gateway` are reported, each on its own value.
 * - A gateway that did not parse is MV101's alone: this rule reads facts, so it never sees one.
 */
export const rule: Rule = {
  code: 'MV110',
  title: 'Gateway on an ipvlan l3 network',
  defaultSeverity: 'info',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      if (n.spec.driver !== 'ipvlan' || (n.mode !== 'l3' && n.mode !== 'l3s')) continue;
      if (n.gateway) reportOne(n, n.gateway, 'gateway', report);
      if (n.v6gateway) reportOne(n, n.v6gateway, 'ipv6 gateway', report);
    }
  },
};

function reportOne(n: NetFacts, g: AddrFact, what: string, report: (r: Report) => void): void {
  report({
    message: `${what} ${g.val.value} of network ${n.spec.name} is ignored: in ipvlan ${n.mode} mode the host routes for the containers and their default route is the parent link — remove it`,
    span: g.val.span,
    path: g.val.path,
  });
}
