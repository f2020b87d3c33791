import type { SwarmState } from '../observed';

/**
 * Plain data for planning an apply: what a Docker host has (filled by docker/, read by the
 * planner and by import) and what the planner decides. No Docker library types: the same
 * values come from a real engine, a test fake or a JSON file.
 */

/** One IPAM config of a network, as Docker stores it (addresses without prefix length). */
export interface IpamConfig {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  /** AuxiliaryAddresses: name -> address. */
  aux: Record<string, string>;
}

/** A container's endpoint as the network reports it (running containers only). */
export interface NetworkEndpoint {
  id: string;
  name: string;
  ipv4?: string;
  ipv6?: string;
  mac?: string;
}

export interface NetworkDetail {
  id: string;
  name: string;
  driver: string;
  /** Driver options: parent, macvlan_mode, ipvlan_mode, ipvlan_flag, ... */
  options: Record<string, string>;
  ipam: IpamConfig[];
  enableIPv6: boolean;
  internal: boolean;
  labels: Record<string, string>;
  containers: NetworkEndpoint[];
  /** `--config-only`: a definition for swarm networks to be made from; no driver, no pool, no containers. */
  configOnly?: boolean;
  /** swarm | global; absent: local. */
  scope?: string;
  /** `ConfigFrom.Network`: the config-only network this one is made from. */
  configFrom?: string;
  attachable?: boolean;
}

/** One network of a container, from the container's side (stopped containers included). */
export interface ContainerNetwork {
  /** Network name (Docker keys a container's networks by name; the id is empty until start). */
  network: string;
  networkId?: string;
  /** Configured static addresses (IPAMConfig); absent for dynamic attachments. */
  staticIpv4?: string;
  staticIpv6?: string;
  /** Current addresses (running containers only). */
  ipv4?: string;
  ipv6?: string;
  mac?: string;
}

/** What only an inspect (not a list) reports; import and recreate reasons read it. */
export interface ContainerConfig {
  command?: string[];
  env: string[];
  /** Restart policy as the spec writes it: no | always | unless-stopped | on-failure[:N]. */
  restart: string;
  /** Container-level MAC (applies to the first network before API 1.44). */
  macAddress?: string;
  /** The image's own defaults, so import can leave out what the image sets anyway. */
  imageCommand?: string[];
  imageEnv: string[];
  imageLabels: Record<string, string>;
}

export interface ContainerDetail {
  id: string;
  name: string;
  /** The image reference the container was created from ("nginx:alpine"). */
  image: string;
  /** The image's id, when inspected: its labels are the ones the container did not set itself. */
  imageId?: string;
  labels: Record<string, string>;
  /** created | running | paused | restarting | removing | exited | dead */
  state: string;
  /** HostConfig.NetworkMode: the network the container was created on. */
  networkMode?: string;
  networks: ContainerNetwork[];
  config?: ContainerConfig;
}

export interface ObservedHostDetail {
  /** Engine version as reported ("20.10.24+dfsg1"). */
  engine?: string;
  /** API version the daemon speaks ("1.41"); decides per-network MAC support (1.44). */
  apiVersion?: string;
  interfaces?: string[];
  networks: NetworkDetail[];
  containers: ContainerDetail[];
  /** Image reference -> present on the host; references not listed are unknown. */
  images?: Record<string, boolean>;
  /** The engine's Swarm membership (`/info`), when read. */
  swarm?: SwarmState;
}

/** A network as we ask Docker to create it. */
export interface NetworkDef {
  name: string;
  driver: string;
  options: Record<string, string>;
  ipam: IpamConfig[];
  enableIPv6: boolean;
  internal: boolean;
  /** User labels plus the managed and hash labels. */
  labels: Record<string, string>;
  /**
   * `scope: swarm` parts. A config-only network (per node) holds the definition; the swarm
   * network (on one manager) is made from it: scope swarm, attachable, `configFrom` its name,
   * and nothing else (Docker refuses labels, IPAM and options there).
   */
  configOnly?: boolean;
  scope?: 'swarm';
  attachable?: boolean;
  configFrom?: string;
}

/** Which half of a `scope: swarm` network a Docker network is. */
export type SwarmPart = 'config-only' | 'swarm';

/** Static addresses (or none: dynamic) of one container on one network. */
export interface Attach {
  network: string;
  ipv4?: string;
  ipv6?: string;
  mac?: string;
}

/** A container as we ask Docker to create it. */
export interface ContainerDef {
  name: string;
  image: string;
  command?: string[];
  /** KEY=value, in spec order. */
  env: string[];
  restart: string;
  /** User labels plus the managed and hash labels. */
  labels: Record<string, string>;
  /** Spec order; the first is the network the container is created on. */
  attachments: Attach[];
}

/** A container on a network that is recreated: how it was attached, how it will be. */
export interface Reattach {
  container: string;
  containerId: string;
  /** Its attachment before (static addresses, if any), for the rollback. */
  old: Attach;
  /** Its attachment after; absent when the spec no longer puts it on this network. */
  next?: Attach;
}

/**
 * Steps. A recreate with `claim` takes over a resource of an older macvlan-spec (--adopt):
 * the one case apply may touch something that does not carry this spec's name.
 */
export type Step =
  | { kind: 'removeContainer'; container: string; id: string; reason: string }
  | { kind: 'disconnect'; container: string; containerId: string; network: string; old: Attach; reason: string }
  | { kind: 'removeNetwork'; network: string; id: string; detach: Reattach[]; reason: string; part?: SwarmPart }
  | { kind: 'recreateNetwork'; network: string; def: NetworkDef; old: NetworkDetail; reasons: string[]; reattach: Reattach[]; claim?: true }
  | { kind: 'createNetwork'; network: string; def: NetworkDef }
  | { kind: 'recreateContainer'; container: string; id: string; wasRunning: boolean; def: ContainerDef; reasons: string[]; pull: boolean; claim?: true }
  | { kind: 'createContainer'; container: string; def: ContainerDef; pull: boolean }
  | { kind: 'connect'; container: string; containerId: string; attach: Attach }
  | { kind: 'reconnect'; container: string; containerId: string; old: Attach; attach: Attach; reasons: string[] }
  | { kind: 'startContainer'; container: string; id: string; state: string };

export interface Conflict {
  kind: 'network' | 'container';
  name: string;
  message: string;
  /** The option that resolves it, when one does: an orphan in the way (prune), an older macvlan-spec's resource (adopt). */
  fix?: 'prune' | 'adopt';
}

/**
 * Left as it is: `owned` is this spec's and matches it; `adopted` was not made by macvlan-spec
 * but is what the spec describes (never recreated or removed); `legacy` was made by a
 * macvlan-spec from before spec names and matches (`--adopt` claims it).
 */
export type UnchangedState = 'owned' | 'adopted' | 'legacy';

export interface Unchanged {
  kind: 'network' | 'container';
  name: string;
  id: string;
  state: UnchangedState;
}

/** This spec's own resource that it no longer describes: removed only with --prune. */
export interface Orphan {
  kind: 'network' | 'container';
  name: string;
  id: string;
  reason: string;
}

export interface Plan {
  host: string;
  /** The spec's name: the owner label of what the plan creates. */
  spec: string;
  engine?: string;
  /** In execution order. Empty (and no conflicts): nothing to do. */
  steps: Step[];
  unchanged: Unchanged[];
  /** Any conflict makes apply refuse the whole plan. */
  conflicts: Conflict[];
  /** This spec's resources it no longer describes, left in place (not planned with --prune: those are steps). */
  orphans: Orphan[];
  /** Things apply will do, but not quite as the spec says (e.g. a MAC the engine cannot set). */
  warnings: string[];
}
