import type { ObservedHost, SwarmState } from '../core/observed';
import type { ContainerDetail, NetworkDef, NetworkDetail } from '../core/plan/types';
import type { DockerTarget } from './target';

export interface EngineInfo {
  /** "20.10.24+dfsg1" */
  engineVersion: string;
  /** "1.41" */
  apiVersion: string;
  /** "linux" */
  os: string;
  /** The daemon's clock (RFC 3339), for leases judged by the daemon's time, not ours. */
  systemTime?: string;
  /** The daemon host's name. */
  name: string;
  /** Swarm membership (`Swarm` of `/info`); absent when the daemon reports none. */
  swarm?: SwarmState;
}

/** A network with the containers attached to it (running ones: Docker lists no others). */
export type NetworkInfo = NetworkDetail;
/** From a list: no `config`. From inspectContainer: with `config`. */
export type ContainerInfo = ContainerDetail;

export interface EndpointRequest {
  ipv4?: string;
  ipv6?: string;
  /** Honoured from API 1.44 (Engine 25); older engines give a random MAC. */
  mac?: string;
}

export interface ContainerCreate {
  name: string;
  image: string;
  command?: string[];
  env: string[];
  /** no | always | unless-stopped | on-failure[:N] */
  restart: string;
  labels: Record<string, string>;
  /** The network it is created on; others are connected afterwards. */
  network?: { name: string } & EndpointRequest;
  /** Seconds Docker waits after SIGTERM before SIGKILL (Docker's default 10). */
  stopTimeout?: number;
}

export interface DockerEvent {
  type: string;
  action: string;
  id: string;
  name?: string;
  /** Unix seconds. */
  time: number;
}

export interface VolumeInfo {
  name: string;
  labels: Record<string, string>;
  /** The daemon's clock when it was created (RFC 3339), when reported. */
  createdAt?: string;
}

/**
 * One Docker daemon, in our own types. Every call has a timeout and takes an AbortSignal;
 * failures are DockerError. Implemented over dockerode in dockerodeHost.ts; tests use fakes.
 */
export interface DockerHost {
  readonly target: DockerTarget;
  info(signal?: AbortSignal): Promise<EngineInfo>;
  /** Every network, inspected one by one (the list call reports no containers). */
  listNetworks(signal?: AbortSignal): Promise<NetworkInfo[]>;
  inspectNetwork(idOrName: string, signal?: AbortSignal): Promise<NetworkInfo>;
  /** Returns the new network's id. Always sends CheckDuplicate. */
  createNetwork(def: NetworkDef, signal?: AbortSignal): Promise<string>;
  removeNetwork(idOrName: string, signal?: AbortSignal): Promise<void>;
  connect(network: string, container: string, ep: EndpointRequest, signal?: AbortSignal): Promise<void>;
  disconnect(network: string, container: string, force: boolean, signal?: AbortSignal): Promise<void>;
  listContainers(opts: { all?: boolean; labels?: Record<string, string> }, signal?: AbortSignal): Promise<ContainerInfo[]>;
  inspectContainer(idOrName: string, signal?: AbortSignal): Promise<ContainerInfo>;
  createContainer(def: ContainerCreate, signal?: AbortSignal): Promise<string>;
  startContainer(idOrName: string, signal?: AbortSignal): Promise<void>;
  stopContainer(idOrName: string, timeoutSeconds?: number, signal?: AbortSignal): Promise<void>;
  restartContainer(idOrName: string, timeoutSeconds?: number, signal?: AbortSignal): Promise<void>;
  /** The last `tail` lines of stdout and stderr, as one text (no timestamps). */
  containerLogs(idOrName: string, tail: number, signal?: AbortSignal): Promise<string>;
  renameContainer(idOrName: string, newName: string, signal?: AbortSignal): Promise<void>;
  removeContainer(idOrName: string, opts: { force: boolean }, signal?: AbortSignal): Promise<void>;
  imageExists(ref: string, signal?: AbortSignal): Promise<boolean>;
  /** The image's own Cmd / Env / Labels, or undefined when it is not on the host. */
  imageDefaults(ref: string, signal?: AbortSignal): Promise<{ command?: string[]; env: string[]; labels: Record<string, string> } | undefined>;
  /** Pulls only when the image is missing. A host without registry access fails with the reason. */
  pullImage(ref: string, signal?: AbortSignal): Promise<void>;
  /** Creates the volume, or returns the one that exists under that name (labels included). */
  createVolume(name: string, labels: Record<string, string>, signal?: AbortSignal): Promise<VolumeInfo>;
  inspectVolume(name: string, signal?: AbortSignal): Promise<VolumeInfo | undefined>;
  /** Volumes carrying all of these labels. */
  listVolumes(labels: Record<string, string>, signal?: AbortSignal): Promise<VolumeInfo[]>;
  removeVolume(name: string, signal?: AbortSignal): Promise<void>;
  /**
   * Host interface names. The Engine API has no call for them (`info` does not list NICs), so
   * this is undefined; rules then rely on the spec's `interfaces:`.
   */
  interfaces(signal?: AbortSignal): Promise<string[] | undefined>;
  /** Network and container events until `signal` aborts (resolves) or the stream breaks (rejects). */
  events(signal: AbortSignal, onEvent: (e: DockerEvent) => void): Promise<void>;
  /** Engine version and networks, for the checker (MV208, engine-dependent rules). */
  observe(signal?: AbortSignal): Promise<ObservedHost>;
  /** Release sockets / ssh connections. */
  close(): void;
}
