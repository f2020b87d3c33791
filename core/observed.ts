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
  /** A config-only network (`--config-only`): holds a definition, reserves no pool, has no containers. */
  configOnly?: boolean;
  /** `Scope` as Docker reports it: local | swarm | global. */
  scope?: string;
  /** `ConfigFrom.Network`: the config-only network a (swarm) network takes its definition from. */
  configFrom?: string;
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
  /** The engine's Swarm membership (`/info` Swarm), when read. */
  swarm?: SwarmState;
}

/** A node's view of its Swarm, from `GET /info` (`Swarm`). */
export interface SwarmState {
  /** `LocalNodeState`: inactive | pending | active | error | locked. */
  state: string;
  /** `NodeID` (empty when not in a swarm). */
  nodeId?: string;
  /** `ControlAvailable`: the node is a manager (swarm-scoped networks can be created only there). */
  manager: boolean;
  /** `Cluster.ID`: reported by managers only. */
  clusterId?: string;
  /** `RemoteManagers[].NodeID`: the managers this node knows (workers tell their swarm by these). */
  managers: string[];
}

export interface ObservedState {
  /** Keyed by the spec's host name ("local" for the implicit host). */
  hosts: Record<string, ObservedHost>;
}

export const MANAGED_LABEL = 'io.macvlan-spec.managed';
export const HASH_LABEL = 'io.macvlan-spec.hash';
/** The owning spec's name (core/spec/specName.ts): a spec changes or removes only what carries its own. */
export const SPEC_LABEL = 'io.macvlan-spec.spec';
