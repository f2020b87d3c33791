import type { ObservedNetwork, SwarmState } from '../core/observed';
import type { ContainerConfig, ContainerDetail, ContainerNetwork, IpamConfig, NetworkDetail, NetworkEndpoint } from '../core/plan/types';

/** Docker's JSON, read defensively into our plain types (a field may be null or missing). */
type J = Record<string, unknown>;

export const obj = (v: unknown): J => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : {});
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
}
export function strArr(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}
/** "192.0.2.10/24" -> "192.0.2.10" */
const noPrefix = (v: unknown): string | undefined => str(v)?.replace(/\/\d+$/, '');

function ipam(v: unknown): IpamConfig[] {
  return arr(obj(v).Config).flatMap((c) => {
    const o = obj(c);
    const subnet = str(o.Subnet);
    return subnet ? [{ subnet, gateway: str(o.Gateway), ipRange: str(o.IPRange), aux: strMap(o.AuxiliaryAddresses) }] : [];
  });
}

export function toNetworkDetail(v: unknown): NetworkDetail {
  const j = obj(v);
  const containers: NetworkEndpoint[] = Object.entries(obj(j.Containers)).map(([id, e]) => {
    const o = obj(e);
    return { id, name: str(o.Name) ?? id, ipv4: noPrefix(o.IPv4Address), ipv6: noPrefix(o.IPv6Address), mac: str(o.MacAddress) };
  });
  return {
    id: str(j.Id) ?? '',
    name: str(j.Name) ?? '',
    driver: str(j.Driver) ?? '',
    options: strMap(j.Options),
    ipam: ipam(j.IPAM),
    enableIPv6: j.EnableIPv6 === true,
    internal: j.Internal === true,
    labels: strMap(j.Labels),
    containers,
    ...(j.ConfigOnly === true ? { configOnly: true } : {}),
    // Only when it is not the default: a local network reads as before.
    ...(str(j.Scope) && j.Scope !== 'local' ? { scope: str(j.Scope) } : {}),
    ...(str(obj(j.ConfigFrom).Network) ? { configFrom: str(obj(j.ConfigFrom).Network) } : {}),
    ...(j.Attachable === true ? { attachable: true } : {}),
  };
}

/** `GET /info` `Swarm`: the node's membership, in our own terms. */
export function toSwarmState(info: unknown): SwarmState | undefined {
  const s = obj(obj(info).Swarm);
  const state = str(s.LocalNodeState);
  if (!state) return undefined;
  return {
    state,
    nodeId: str(s.NodeID),
    manager: s.ControlAvailable === true,
    clusterId: str(obj(s.Cluster).ID),
    managers: arr(s.RemoteManagers).map((m) => str(obj(m).NodeID)).filter((m): m is string => m !== undefined),
  };
}

export function toObservedNetwork(v: unknown): ObservedNetwork {
  const n = toNetworkDetail(v);
  return {
    id: n.id,
    name: n.name,
    driver: n.driver,
    subnets: n.ipam.map((c) => c.subnet),
    labels: n.labels,
    parent: n.options.parent,
    definition: { options: n.options, ipam: n.ipam, enableIPv6: n.enableIPv6, internal: n.internal },
    ...(n.configOnly ? { configOnly: true } : {}),
    ...(n.scope ? { scope: n.scope } : {}),
    ...(n.configFrom ? { configFrom: n.configFrom } : {}),
  };
}

function networksOf(v: unknown): ContainerNetwork[] {
  return Object.entries(obj(obj(v).Networks)).map(([network, e]) => {
    const o = obj(e);
    const cfg = obj(o.IPAMConfig);
    return {
      network,
      networkId: str(o.NetworkID),
      staticIpv4: str(cfg.IPv4Address),
      staticIpv6: str(cfg.IPv6Address),
      ipv4: str(o.IPAddress),
      ipv6: str(o.GlobalIPv6Address),
      mac: str(o.MacAddress),
    };
  });
}

/** An entry of GET /containers/json. */
export function toContainerSummary(v: unknown): ContainerDetail {
  const j = obj(v);
  const name = str(arr(j.Names)[0])?.replace(/^\//, '') ?? str(j.Id) ?? '';
  return {
    id: str(j.Id) ?? '',
    name,
    image: str(j.Image) ?? '',
    labels: strMap(j.Labels),
    state: str(j.State) ?? 'unknown',
    networkMode: str(obj(j.HostConfig).NetworkMode),
    networks: networksOf(j.NetworkSettings),
  };
}

export function restartText(v: unknown): string {
  const o = obj(v);
  const name = str(o.Name) ?? 'no';
  const count = typeof o.MaximumRetryCount === 'number' ? o.MaximumRetryCount : 0;
  return name === 'on-failure' && count > 0 ? `on-failure:${count}` : name;
}

/** GET /containers/{id}/json; image defaults are added by the caller. */
export function toContainerDetail(v: unknown): ContainerDetail {
  const j = obj(v);
  const cfg = obj(j.Config);
  const host = obj(j.HostConfig);
  const config: ContainerConfig = {
    command: strArr(cfg.Cmd),
    env: strArr(cfg.Env) ?? [],
    restart: restartText(host.RestartPolicy),
    macAddress: str(cfg.MacAddress),
    imageEnv: [],
    imageLabels: {},
  };
  return {
    id: str(j.Id) ?? '',
    name: (str(j.Name) ?? '').replace(/^\//, ''),
    image: str(cfg.Image) ?? '',
    imageId: str(j.Image),
    labels: strMap(cfg.Labels),
    state: str(obj(j.State).Status) ?? 'unknown',
    networkMode: str(host.NetworkMode),
    networks: networksOf(j.NetworkSettings),
    config,
  };
}

export function restartPolicy(restart: string): { Name: string; MaximumRetryCount?: number } {
  const m = /^on-failure:(\d+)$/.exec(restart);
  if (m) return { Name: 'on-failure', MaximumRetryCount: Number(m[1]) };
  return { Name: restart === 'no' ? '' : restart };
}
