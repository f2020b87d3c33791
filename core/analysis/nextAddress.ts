import { autoAssignsGateway } from '../engine';
import { familyFacts, reservedOnSegment } from './addressSpace';
import { cidrInterval, nextFreeAddress, usableRange, type Family } from '../ip';
import type { AttachFacts, Facts, NetFacts } from './facts';

/** The address a container should get, and what the choice had to avoid (for the why). */
export interface NextAddress {
  addr: bigint;
  /** false: every address outside the dynamic pools is taken, so `addr` is inside one. */
  outside: boolean;
  hasPools: boolean;
  /** The address Docker takes as gateway itself (before engine 29, no gateway set), if any. */
  implicitGateway: bigint | undefined;
}

/**
 * Lowest address of the network for a container: usable, not a gateway (also the one Docker
 * picks itself before engine 29), aux address, exclude entry or another container's address on
 * the segment, and outside every host's dynamic pool while the subnet has room outside them.
 * Completion and the "assign address" quick fix both ask this, so they cannot disagree.
 */
export function nextContainerAddress(facts: Facts, net: NetFacts, family: Family, attachment?: AttachFacts): NextAddress | undefined {
  const ff = familyFacts(net, family);
  const usable = ff.subnet ? usableRange(ff.subnet.cidr) : null;
  if (!usable) return undefined;
  const { taken, excluded } = reservedOnSegment(facts, net, family, { attachment });
  const implicitGw = implicitGateway(facts, net, family);
  if (implicitGw !== undefined) taken.add(implicitGw);
  const pools = ff.pools.map((p) => cidrInterval(p.cidr));
  const outside = nextFreeAddress(usable, taken, [...excluded, ...pools]);
  const addr = outside ?? nextFreeAddress(usable, taken, excluded);
  if (addr === undefined) return undefined;
  return { addr, outside: outside !== undefined, hasPools: pools.length > 0, implicitGateway: implicitGw };
}

/** Before engine 29 Docker picks the first pool (else subnet) address as gateway when none is set. */
function implicitGateway(facts: Facts, net: NetFacts, family: Family): bigint | undefined {
  const ff = familyFacts(net, family);
  if (ff.gateway || ff.gatewayVal || !ff.subnet) return undefined;
  if (!net.hosts.some((h) => autoAssignsGateway(facts.engineFor(h)))) return undefined;
  const pool = ff.pools[0]?.cidr ?? ff.subnet.cidr;
  return usableRange(pool)?.start;
}
