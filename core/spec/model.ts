/** Offsets into the document text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type Path = readonly (string | number)[];

/** A scalar value with where it stands. */
export interface Val<T> {
  value: T;
  span: Span;
  path: Path;
}

/** A named entry of a map (a host, network, container, attachment). */
export interface Entry {
  name: string;
  keySpan: Span;
  /** Key start to value end. */
  span: Span;
  path: Path;
}

export interface TlsSpec {
  span: Span;
  path: Path;
  ca?: Val<string>;
  cert?: Val<string>;
  key?: Val<string>;
}

export interface HostSpec extends Entry {
  docker?: Val<string>;
  context?: Val<string>;
  engine?: Val<string>;
  tls?: TlsSpec;
  /** Interface names: the `interfaces:` list, or the keys of its map form. */
  interfaces?: Val<string>[];
  /** The map form's values: the host's own address (CIDR) on each interface that has one. */
  interfaceAddrs?: { name: string; keySpan: Span; addr: Val<string> }[];
}

export interface HostRangeSpec {
  host: string;
  keySpan: Span;
  range: Val<string>;
}

export interface Ipv6Spec {
  span: Span;
  keySpan: Span;
  path: Path;
  subnet?: Val<string>;
  gateway?: Val<string>;
  ipRange?: Val<string>;
}

export type Driver = 'macvlan' | 'ipvlan';

export interface NetworkSpec extends Entry {
  /** Effective driver: `macvlan` when the key is absent or not understood. */
  driver: Driver;
  driverVal?: Val<string>;
  parent?: Val<string>;
  vlan?: Val<number>;
  mode?: Val<string>;
  ipvlanFlag?: Val<string>;
  subnet?: Val<string>;
  gateway?: Val<string>;
  /** `ip_range: 10.0.0.128/25` */
  ipRange?: Val<string>;
  /** `ip_range: { lab1: ..., lab2: ... }` */
  ipRangeByHost?: HostRangeSpec[];
  /** `host_shim: 192.168.10.250`: the host's own link into the network. */
  hostShim?: Val<string>;
  /** `host_shim: { lab1: ..., lab2: ... }` */
  hostShimByHost?: HostRangeSpec[];
  /** Where the `ip_range` key itself stands (for fixes that rewrite it). */
  ipRangeKey?: { keySpan: Span; span: Span; path: Path };
  aux: { name: string; keySpan: Span; value: Val<string> }[];
  auxKey?: { keySpan: Span; span: Span; path: Path };
  exclude: Val<string>[];
  ipv6?: Ipv6Spec;
  internal?: Val<boolean>;
  hosts?: Val<string>[];
  /** `scope: swarm`: the hosts are Swarm nodes (config-only network per node + one swarm network). */
  scope?: Val<string>;
  labels: Record<string, string>;
}

export interface AttachmentSpec extends Entry {
  ipv4?: Val<string>;
  ipv6?: Val<string>;
  mac?: Val<string>;
}

export interface ContainerSpec extends Entry {
  image?: Val<string>;
  host?: Val<string>;
  networks: AttachmentSpec[];
  command?: string | string[];
  env: Record<string, string>;
  restart?: Val<string>;
  labels: Record<string, string>;
}

export interface SpecModel {
  text: string;
  version?: Val<unknown>;
  /** `name:` as written (checked by the schema); the spec's name is specName() of it. */
  name?: Val<string>;
  /** Declared hosts; when `hosts:` is absent this holds the implicit host "local". */
  hosts: HostSpec[];
  hostsDeclared: boolean;
  hostsKey?: { keySpan: Span; span: Span; path: Path };
  /** Read from a compose file (core/compose/read.ts): messages name its keys, not the spec's. */
  compose?: boolean;
  networks: NetworkSpec[];
  networksKey?: { keySpan: Span; span: Span; path: Path };
  containers: ContainerSpec[];
  containersKey?: { keySpan: Span; span: Span; path: Path };
}

export const IMPLICIT_HOST = 'local';
