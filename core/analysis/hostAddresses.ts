import type { AddrFact, CidrFact, Facts, HostAddrFact, NetFacts } from './facts';
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

/** The dynamic pool Docker on `host` hands addresses from: its ip_range, else the subnet. */
export function poolOn(net: NetFacts, host: string, family: Family): CidrFact | undefined {
  if (family === 6) return net.v6ipRange ?? net.v6subnet;
  for (let i = 0; i < net.ipRangeByHost.length; i++) if (net.ipRangeByHost[i].host === host) return net.ipRangeByHost[i].fact;
  return net.ipRange?.cidr.family === 4 ? net.ipRange : net.subnet?.cidr.family === 4 ? net.subnet : undefined;
}
