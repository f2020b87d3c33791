import { MANAGED_LABEL } from '../observed';
import { normAddr } from './normalise';
import { ownerOf, type Owner } from './ownership';
import type { Attach, ContainerDetail, NetworkDetail, ObservedHostDetail } from './types';

/** Carries the managed label: made by some macvlan-spec (which spec is ownerOf's question). */
export const isManaged = (labels: Record<string, string>): boolean => labels[MANAGED_LABEL] === 'true';

/** A container's owner, from the labels it was created with (not those its image carries). */
export const containerOwner = (c: ContainerDetail, spec: string): Owner => ownerOf(c.labels, spec, c.config?.imageLabels);

/** Who is on a network, from both sides: containers list their networks (stopped ones too),
 * networks list their running endpoints. */
export interface Member {
  id: string;
  name: string;
  owner: Owner;
  /** How it is attached (its static addresses; none when dynamic). */
  attach: Attach;
}

export class ObservedIndex {
  readonly networksByName = new Map<string, NetworkDetail[]>();
  readonly containersByName = new Map<string, ContainerDetail>();
  readonly containersById = new Map<string, ContainerDetail>();

  constructor(
    readonly host: ObservedHostDetail,
    /** The planning spec's name: ownership is relative to it. */
    readonly spec: string,
  ) {
    for (const n of host.networks) this.networksByName.set(n.name, [...(this.networksByName.get(n.name) ?? []), n]);
    for (const c of host.containers) {
      this.containersByName.set(c.name, c);
      this.containersById.set(c.id, c);
    }
  }

  members(net: NetworkDetail): Member[] {
    const out = new Map<string, Member>();
    for (const c of this.host.containers) {
      const a = c.networks.find((n) => n.network === net.name || (n.networkId !== undefined && n.networkId === net.id));
      if (a) out.set(c.id, { id: c.id, name: c.name, owner: containerOwner(c, this.spec), attach: attachOf(a.network, a.staticIpv4, a.staticIpv6) });
    }
    for (const e of net.containers) {
      if (out.has(e.id)) continue;
      const c = this.containersById.get(e.id);
      // An endpoint whose container we did not see is treated as not ours: never touched.
      out.set(e.id, { id: e.id, name: c?.name ?? e.name, owner: c ? containerOwner(c, this.spec) : { kind: 'none' }, attach: { network: net.name } });
    }
    return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

export function attachOf(network: string, ipv4?: string, ipv6?: string): Attach {
  return { network, ipv4: ipv4 ? normAddr(ipv4) : undefined, ipv6: ipv6 ? normAddr(ipv6) : undefined };
}
