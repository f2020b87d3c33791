import type { AddrFact, HostAddrFact, NetFacts } from '../analysis/facts';
import { hostAddrOn } from '../analysis/hostAddresses';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV412: a container's static address or a shim address equals a host's own address on that
 * segment: two interfaces answer for one address on the LAN.
 *
 * Decided here (the design table lists aux addresses too, which contradicts MV413): an aux
 * address equal to the host's own address is how that address is kept out of Docker's pool,
 * which is MV413's fix, so it is no finding.
 */
export const rule: Rule = {
  code: 'MV412',
  title: 'Address is the host\'s own',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.facts.hostAddrs.length === 0) return;
    for (const a of ctx.facts.attachments) {
      const n = a.net;
      if (!n) continue;
      const hosts = a.host !== undefined ? [a.host] : n.hosts;
      for (const fact of [a.ipv4, a.ipv6]) {
        if (fact) clash(ctx, n, hosts, fact, `${fact.family === 4 ? 'ipv4_address' : 'ipv6_address'} ${fact.val.value} of container ${a.container.name}`, report);
      }
    }
    for (const n of ctx.facts.nets) {
      for (const s of n.shims) clash(ctx, n, s.host !== undefined ? [s.host] : n.hosts, s.fact, `host_shim ${s.fact.val.value} of network ${n.spec.name}`, report);
    }
  },
};

function clash(ctx: RuleContext, n: NetFacts, hosts: readonly string[], fact: AddrFact, what: string, report: (r: Report) => void): void {
  for (const host of hosts) {
    const own: HostAddrFact | undefined = hostAddrOn(ctx.facts, host, n, fact.family);
    if (!own || own.fact.cidr.addr !== fact.value) continue;
    report({
      message: `${what} is host ${host}'s own address on ${own.iface} (line ${lineOf(ctx, own.fact.val.span)}): two interfaces would answer for it on the LAN — pick another address`,
      span: fact.val.span,
      path: fact.val.path,
      related: [{ span: own.fact.val.span, path: own.fact.val.path, message: `address of host ${host} on ${own.iface}` }],
    });
    return;
  }
}
