/**
 * What a connected Docker host reports, as plain data (the Docker adapter fills it; the rules
 * read it for MV208, the live half of MV304 and the engine version).
 */
export interface ObservedNetwork {
  id: string;
  name: string;
  driver: string;
  /** CIDRs of the network's IPAM configs, both families. */
  subnets: string[];
  labels: Record<string, string>;
  /** `parent` driver option, for macvlan/ipvlan networks. */
  parent?: string;
  /** The rest of its definition, when known: whether the spec describes it as it is (adopted). */
  definition?: ObservedDefinition;
}

/** A network's definition beyond name, driver and labels, as Docker reports it. */
export interface ObservedDefinition {
  options: Record<string, string>;
  ipam: { subnet: string; gateway?: string; ipRange?: string; aux: Record<string, string> }[];
  enableIPv6: boolean;
  internal: boolean;
}

export interface ObservedHost {
  /** Engine version as the daemon reports it ("20.10.24+dfsg1"). */
  engine?: string;
  /** Interface names on the host, when known. */
  interfaces?: string[];
  networks: ObservedNetwork[];
}

export interface ObservedState {
  /** Keyed by the spec's host name ("local" for the implicit host). */
  hosts: Record<string, ObservedHost>;
}

export const MANAGED_LABEL = 'io.macvlan-spec.managed';
export const HASH_LABEL = 'io.macvlan-spec.hash';
/** The owning spec's name (core/spec/specName.ts): a spec changes or removes only what carries its own. */
export const SPEC_LABEL = 'io.macvlan-spec.spec';
