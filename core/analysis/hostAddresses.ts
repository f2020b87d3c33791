import type { AddrFact, Facts, HostAddrFact, NetFacts } from './facts';
import type { Family } from '../ip';

/** The network's hosts' own addresses on its segment (parent with the VLAN), of one family. */
export function hostAddrsOn(facts: Facts, net: NetFacts, family: Family): HostAddrFact[] {
  const seg = net.segment?.name;
  if (seg === undefined || facts.hostAddrs.length === 0) return [];
  return facts.hostAddrs.filter((a) => a.iface === seg && a.fact.cidr.family === family && net.hosts.includes(a.host));
}

/** One host's own address on the network's segment, of one family. */
export function hostAddrOn(facts: Facts, host: string, net: NetFacts, family: Family): HostAddrFact | undefined {
  return hostAddrsOn(facts, net, family).find((a) => a.host === host);
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
