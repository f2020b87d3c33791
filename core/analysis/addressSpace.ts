import type { AddrFact, AttachFacts, CidrFact, Facts, NetFacts } from './facts';
import { subnetOf } from './hostNets';
import { hostAddrsOn } from './hostAddresses';
import { perCheck } from './perCheck';
import type { Family, Interval } from '../ip';
import type { Val } from '../spec/model';

/** One address family of a network: `subnet`/`gateway`/`ip_range`, or the `ipv6:` block. */
export interface FamilyFacts {
  subnet?: CidrFact;
  gateway?: AddrFact;
  /** The gateway as written, also when it did not parse (a fix may still overwrite it). */
  gatewayVal?: Val<string>;
  /** Dynamic pools: the single ip_range and every per-host one (IPv4), or the IPv6 ip_range. */
  pools: CidrFact[];
}

/**
 * A value of the other family (an IPv6 subnet under `subnet:`) is MV104/MV106's finding and
 * counts as absent here, as in `subnetOf`, so rules and fixes see the same network.
 */
export function familyFacts(net: NetFacts, family: Family): FamilyFacts {
  const gateway = family === 4 ? net.gateway : net.v6gateway;
  const pools = family === 6 ? (net.v6ipRange ? [net.v6ipRange] : []) : [...(net.ipRange ? [net.ipRange] : []), ...net.ipRangeByHost.map((r) => r.fact)];
  return {
    subnet: subnetOf(net, family),
    gateway: gateway?.family === family ? gateway : undefined,
    gatewayVal: family === 4 ? net.spec.gateway : net.spec.ipv6?.gateway,
    pools: pools.filter((p) => p.cidr.family === family),
  };
}

export function attachAddr(a: AttachFacts, family: Family): AddrFact | undefined {
  return family === 4 ? a.ipv4 : a.ipv6;
}

interface FactsIndex {
  attachmentsByNet: Map<NetFacts, AttachFacts[]>;
  netsBySegment: Map<string, NetFacts[]>;
  /** Index in facts.attachments of each container name's first attachment (they are grouped by container). */
  firstOfContainer: Map<string, number>;
}

/** Builds the indexes address suggestions use, ahead of the first query that needs them. */
export function indexFacts(facts: Facts): void {
  factsIndex(facts);
}

// Fix-all asks for fixes finding by finding; without an index each would rescan every
// attachment of a 40,000-container spec.
const factsIndex = perCheck((facts): FactsIndex => {
  const ix: FactsIndex = { attachmentsByNet: new Map(), netsBySegment: new Map(), firstOfContainer: new Map() };
  // Keyed by the names the model already holds: a "container/network" key string per attachment
  // made this 20 ms on a 40,000-container spec, run right after each check.
  const list = facts.attachments;
  let container: unknown;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (a.net) push(ix.attachmentsByNet, a.net, a);
    if (a.container !== container) {
      container = a.container;
      if (!ix.firstOfContainer.has(a.container.name)) ix.firstOfContainer.set(a.container.name, i);
    }
  }
  for (const n of facts.nets) if (n.segment) push(ix.netsBySegment, n.segment.name, n);
  return ix;
});

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The first attachment of `container` to `network`, in file order. */
export function findAttachment(facts: Facts, container: string, network: string): AttachFacts | undefined {
  const list = facts.attachments;
  const first = factsIndex(facts).firstOfContainer.get(container);
  if (first === undefined) return undefined;
  for (let i = first; i < list.length && list[i].container === list[first].container; i++) {
    if (list[i].spec.name === network) return list[i];
  }
  // A second container of the same name (a duplicate key, reported elsewhere) may have it.
  for (let i = first; i < list.length; i++) {
    if (list[i].container.name === container && list[i].spec.name === network) return list[i];
  }
  return undefined;
}

export function attachmentsOf(facts: Facts, net: NetFacts): AttachFacts[] {
  return factsIndex(facts).attachmentsByNet.get(net) ?? [];
}

/**
 * Networks that share the L2 segment of `net` (same parent+VLAN, on any host: MV404 treats a
 * segment as one LAN across hosts), `net` itself included.
 */
export function segmentPeers(facts: Facts, net: NetFacts): NetFacts[] {
  const peers = net.segment ? factsIndex(facts).netsBySegment.get(net.segment.name) : undefined;
  return peers && peers.includes(net) ? peers : [net];
}

export interface Reserved {
  /** Single addresses in use: gateways, aux addresses, static container addresses. */
  taken: Set<bigint>;
  /** `exclude` entries: LAN devices outside Docker's view. */
  excluded: Interval[];
}

/**
 * Addresses of one family that a new address on the segment of `net` must not take. `skip`
 * leaves out the value being replaced, so moving an address may land on the same one only if
 * nothing else claims it.
 */
export function reservedOnSegment(facts: Facts, net: NetFacts, family: Family, skip: { gatewayOf?: NetFacts; attachment?: AttachFacts } = {}): Reserved {
  const taken = new Set<bigint>();
  const excluded: Interval[] = [];
  for (const peer of segmentPeers(facts, net)) {
    const ff = familyFacts(peer, family);
    if (ff.gateway && ff.gateway.family === family && skip.gatewayOf !== peer) taken.add(ff.gateway.value);
    for (const a of peer.aux) if (a.fact.family === family) taken.add(a.fact.value);
    for (const e of peer.exclude) if (e.family === family) excluded.push({ start: e.start, end: e.end });
    for (const a of attachmentsOf(facts, peer)) {
      const addr = attachAddr(a, family);
      if (addr && a !== skip.attachment) taken.add(addr.value);
    }
    for (const s of peer.shims) if (s.fact.family === family) taken.add(s.fact.value);
  }
  // The hosts' own addresses on this segment (interfaces: map): no container may take them (MV412).
  for (const h of hostAddrsOn(facts, net, family)) taken.add(h.fact.cidr.addr);
  return { taken, excluded };
}
