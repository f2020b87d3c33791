import type { AddrFact, Facts, HostAddrFact, NetFacts } from './facts';
import type { Family } from '../ip';

/** The host's own address on the network's segment (its parent with the VLAN), of one family. */
export function hostAddrOn(facts: Facts, host: string, net: NetFacts, family: Family): HostAddrFact | undefined {
  const seg = net.segment?.name;
  if (seg === undefined) return undefined;
  for (let i = 0; i < facts.hostAddrs.length; i++) {
    const a = facts.hostAddrs[i];
    if (a.host === host && a.iface === seg && a.fact.cidr.family === family) return a;
  }
  return undefined;
}

/** The network's host_shim addresses on `host` (one for every host, or that host's own). */
export function shimsOn(net: NetFacts, host: string): AddrFact[] {
  const out: AddrFact[] = [];
  for (let i = 0; i < net.shims.length; i++) {
    const s = net.shims[i];
    if (s.host === undefined || s.host === host) out.push(s.fact);
  }
  return out;
}
