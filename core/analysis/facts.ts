import { specName } from '../spec/specName';
import { parseAddr, parseAddrRange, parseCidr, quickDottedQuad, type Cidr, type Family } from '../ip';
import { IMPLICIT_HOST, type AttachmentSpec, type ContainerSpec, type HostSpec, type NetworkSpec, type Span, type SpecModel, type Val } from '../spec/model';
import { parseEngine, NEWEST_ENGINE, type EngineVersion } from '../engine';
import type { ObservedState } from '../observed';
import { parseParent, type Segment } from './segment';

/**
 * Everything the rules need, parsed once per check: addresses as bigints, effective hosts,
 * segments and engine versions. Values that do not parse are left out here and reported
 * once, by MV101, from `addressErrors`.
 */
export interface AddrFact {
  val: Val<string>;
  family: Family;
  value: bigint;
}
export interface CidrFact {
  val: Val<string>;
  cidr: Cidr;
}
export interface RangeFact {
  val: Val<string>;
  family: Family;
  start: bigint;
  end: bigint;
}

export interface NetFacts {
  spec: NetworkSpec;
  /** Hosts that get this network: its `hosts:` (known names only), else every host. */
  hosts: string[];
  segment?: Segment;
  /** Effective mode: the given one, else the driver's default (bridge / l2). */
  mode: string;
  internal: boolean;
  /** `scope: swarm`: applied as a config-only network per node plus one swarm network on a manager. */
  swarm: boolean;
  /** IPv4 facts; a value of the wrong family is kept where a rule reports it (MV104/106/107). */
  subnet?: CidrFact;
  gateway?: AddrFact;
  ipRange?: CidrFact;
  ipRangeByHost: { host: string; keySpan: Span; fact: CidrFact }[];
  aux: { name: string; keySpan: Span; fact: AddrFact }[];
  exclude: RangeFact[];
  v6subnet?: CidrFact;
  v6gateway?: AddrFact;
  v6ipRange?: CidrFact;
  /** `host_shim`: the host's own link into the network, for every host (host undefined) or per host. */
  shims: { host?: string; fact: AddrFact }[];
}

/** A host's own address on one of its interfaces (`interfaces:` map form). */
export interface HostAddrFact {
  host: string;
  iface: string;
  fact: CidrFact;
}

export interface AttachFacts {
  container: ContainerSpec;
  spec: AttachmentSpec;
  /** The container's host, when it can be told (see MV502). */
  host?: string;
  net?: NetFacts;
  ipv4?: AddrFact;
  ipv6?: AddrFact;
}

export interface AddressError {
  val: Val<string>;
  /** What the value is, for the message: "subnet", "gateway", "ipv4_address", ... */
  what: string;
  error: string;
}

export interface Facts {
  model: SpecModel;
  nets: NetFacts[];
  netByName: Map<string, NetFacts>;
  hostByName: Map<string, HostSpec>;
  attachments: AttachFacts[];
  /** Host of each container (undefined when several hosts and no `host:`, or unknown host). */
  containerHost: Map<ContainerSpec, string | undefined>;
  addressErrors: AddressError[];
  /** The hosts' own addresses, from `interfaces:` maps. */
  hostAddrs: HostAddrFact[];
  engineFor(host: string): EngineVersion;
  /** The spec's identity on its hosts (`name:`, else from the file name): the owner label of what apply creates. */
  specName: string;
}

export interface FactsOptions {
  observed?: ObservedState;
  /** Fallback engine (setting or `--engine`), below a host's `engine:` and a connected daemon's. */
  engine?: string;
  /** The spec's file path or URI path, for the default spec name. */
  specPath?: string;
}

/** Shared by every network without per-host ranges, aux addresses or excludes; never written to. */
const NONE: never[] = [];

export function buildFacts(model: SpecModel, opts: FactsOptions = {}): Facts {
  const addressErrors: AddressError[] = [];
  const cidr = (val: Val<string> | undefined, what: string, family?: Family): CidrFact | undefined => {
    if (!val) return undefined;
    const r = parseCidr(val.value);
    if (!r.ok) {
      addressErrors.push({ val, what, error: r.error });
      return undefined;
    }
    if (family !== undefined && r.value.family !== family) {
      addressErrors.push({ val, what, error: family === 4 ? `${what} expects an IPv4 CIDR; put IPv6 under ipv6:` : `${what} expects an IPv6 CIDR` });
      return undefined;
    }
    return { val, cidr: r.value };
  };
  const addr = (val: Val<string> | undefined, what: string, family?: Family): AddrFact | undefined => {
    if (!val) return undefined;
    // Most addresses are plain dotted quads: their value without parseAddr's Result objects.
    const quick = family === 6 ? -1 : quickDottedQuad(val.value);
    if (quick >= 0) return { val, family: 4, value: BigInt(quick) };
    const r = parseAddr(val.value);
    if (!r.ok) {
      addressErrors.push({ val, what, error: r.error });
      return undefined;
    }
    if (family !== undefined && r.value.family !== family) {
      addressErrors.push({ val, what, error: `${what} expects an IPv${family} address` });
      return undefined;
    }
    return { val, family: r.value.family, value: r.value.value };
  };

  const hostByName = new Map(model.hosts.map((h) => [h.name, h] as const));
  const allHosts = model.hosts.map((h) => h.name);
  const nets: NetFacts[] = [];
  for (const n of model.networks) {
    const listed = n.hosts?.map((h) => h.value).filter((h) => hostByName.has(h));
    nets.push({
      spec: n,
      hosts: n.hosts ? [...new Set(listed)] : allHosts,
      segment: parseParent(n.parent?.value, n.vlan?.value),
      mode: n.mode?.value ?? (n.driver === 'ipvlan' ? 'l2' : 'bridge'),
      internal: n.internal?.value === true,
      swarm: n.scope?.value === 'swarm',
      subnet: cidr(n.subnet, 'subnet', 4),
      gateway: addr(n.gateway, 'gateway'),
      ipRange: cidr(n.ipRange, 'ip_range'),
      // Most networks have none of the lists below: one shared empty array instead of one each.
      ipRangeByHost: n.ipRangeByHost?.length
        ? n.ipRangeByHost.flatMap((r) => {
            const fact = cidr(r.range, 'ip_range');
            return fact ? [{ host: r.host, keySpan: r.keySpan, fact }] : [];
          })
        : NONE,
      aux: n.aux.length
        ? n.aux.flatMap((a) => {
            const fact = addr(a.value, `aux address ${a.name}`);
            return fact ? [{ name: a.name, keySpan: a.keySpan, fact }] : [];
          })
        : NONE,
      exclude: n.exclude.length
        ? n.exclude.flatMap((val) => {
            const r = parseAddrRange(val.value);
            if (!r.ok) {
              addressErrors.push({ val, what: 'exclude entry', error: r.error });
              return [];
            }
            return [{ val, family: r.value.family, start: r.value.start, end: r.value.end }];
          })
        : NONE,
      v6subnet: cidr(n.ipv6?.subnet, 'ipv6 subnet', 6),
      v6gateway: addr(n.ipv6?.gateway, 'ipv6 gateway'),
      v6ipRange: cidr(n.ipv6?.ipRange, 'ipv6 ip_range'),
      shims:
        n.hostShim || n.hostShimByHost?.length
          ? [
              ...(n.hostShim ? [addr(n.hostShim, 'host_shim')].filter((f): f is AddrFact => f !== undefined).map((fact) => ({ fact })) : []),
              ...(n.hostShimByHost ?? []).flatMap((s) => {
                const fact = addr(s.range, `host_shim for host ${s.host}`);
                return fact ? [{ host: s.host, fact }] : [];
              }),
            ]
          : NONE,
    });
  }
  const netByName = new Map<string, NetFacts>();
  for (const n of nets) netByName.set(n.spec.name, n);

  // Hosts in container order; the map by container is built when something asks for it
  // (hovers, completion, the planner): the rules read each attachment's host instead.
  const containers = model.containers;
  const hostOf: (string | undefined)[] = new Array<string | undefined>(containers.length);
  const attachments: AttachFacts[] = [];
  const onlyHost = model.hosts.length === 1 ? model.hosts[0].name : undefined;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    const host = c.host ? (hostByName.has(c.host.value) ? c.host.value : undefined) : onlyHost;
    hostOf[i] = host;
    const list = c.networks;
    for (let j = 0; j < list.length; j++) {
      const a = list[j];
      attachments.push({
        container: c,
        spec: a,
        host,
        net: netByName.get(a.name),
        ipv4: addr(a.ipv4, 'ipv4_address', 4),
        ipv6: addr(a.ipv6, 'ipv6_address', 6),
      });
    }
  }

  const fallback = (opts.engine !== undefined ? parseEngine(opts.engine) : undefined) ?? NEWEST_ENGINE;
  const engines = new Map<string, EngineVersion>();
  for (const h of model.hosts) {
    const own = h.engine ? parseEngine(h.engine.value) : undefined;
    const seen = opts.observed?.hosts[h.name]?.engine;
    engines.set(h.name, own ?? (seen !== undefined ? parseEngine(seen) : undefined) ?? fallback);
  }
  const hostAddrs: HostAddrFact[] = [];
  for (const h of model.hosts) {
    for (const a of h.interfaceAddrs ?? NONE) {
      const fact = cidr(a.addr, `address of host ${h.name} on ${a.name}`);
      if (fact) hostAddrs.push({ host: h.name, iface: a.name, fact });
    }
  }
  let containerHost: Map<ContainerSpec, string | undefined> | undefined;
  return {
    model,
    nets,
    netByName,
    hostByName,
    attachments,
    get containerHost() {
      containerHost ??= new Map(model.containers.map((c, i) => [c, hostOf[i]] as const));
      return containerHost;
    },
    addressErrors,
    hostAddrs,
    engineFor: (host) => engines.get(host) ?? fallback,
    specName: specName(model, opts.specPath),
  };
}

export { IMPLICIT_HOST };
