import type { Facts, NetFacts } from '../analysis/facts';
import { formatAddr, formatCidr, type Cidr } from '../ip';
import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../observed';
import type { ContainerSpec } from '../spec/model';
import { splitCommand } from './command';
import { stableHash } from './hash';
import { shapeOf } from './normalise';
import type { Attach, ContainerDef, IpamConfig, NetworkDef } from './types';

/** What the spec asks of one host: Docker-level definitions, labels and hashes included. */
export interface Desired {
  /** The spec's name: every definition carries it in its owner label. */
  spec: string;
  networks: NetworkDef[];
  containers: { def: ContainerDef; spec: ContainerSpec }[];
  /** Spec networks not on this host (their `hosts:` leaves it out), by the name they have on a host. */
  elsewhere: Set<string>;
  /** Names of the spec's swarm networks (on any host): seen on a host that does not plan them, they are left alone. */
  swarmNames: Set<string>;
  /** This host plans the removal of this spec's swarm networks that the spec no longer has (the first manager). */
  swarmOrphans: boolean;
}

/**
 * Which spec hosts are Swarm managers (ControlAvailable), in the spec's host order. A swarm
 * network is made on the first of its hosts that is one; swarm networks the spec no longer has
 * are removed from the first of all.
 */
export interface SwarmPlacement {
  managers: readonly string[];
}

/** The config-only network behind swarm network `name`: Docker refuses one name for both. */
export const configOnlyName = (name: string): string => `${name}-config`;

const cidrText = (c: Cidr): string => formatCidr(c.family, c.network, c.prefix);

function ipamFor(n: NetFacts, host: string): IpamConfig[] {
  const out: IpamConfig[] = [];
  const aux = (family: 4 | 6): Record<string, string> => {
    const m: Record<string, string> = {};
    for (const a of n.aux) if (a.fact.family === family) m[a.name] = formatAddr(a.fact);
    return m;
  };
  if (n.subnet) {
    // A per-host map gives this host its own slice; a host missing from the map gets no ip_range.
    const perHost = n.ipRangeByHost.find((r) => r.host === host)?.fact;
    const range = n.spec.ipRangeByHost ? perHost : n.ipRange;
    out.push({
      subnet: cidrText(n.subnet.cidr),
      gateway: n.gateway?.family === 4 ? formatAddr(n.gateway) : undefined,
      ipRange: range && range.cidr.family === 4 ? cidrText(range.cidr) : undefined,
      aux: aux(4),
    });
  }
  if (n.v6subnet) {
    out.push({
      subnet: cidrText(n.v6subnet.cidr),
      gateway: n.v6gateway?.family === 6 ? formatAddr(n.v6gateway) : undefined,
      ipRange: n.v6ipRange?.cidr.family === 6 ? cidrText(n.v6ipRange.cidr) : undefined,
      aux: aux(6),
    });
  }
  return out;
}

export function networkDef(n: NetFacts, host: string, spec: string): NetworkDef {
  const options: Record<string, string> = {};
  if (n.segment) options.parent = n.segment.name;
  if (n.spec.driver === 'ipvlan') {
    options.ipvlan_mode = n.mode;
    // Sent only when written: engines before 20.10 do not know the option.
    if (n.spec.ipvlanFlag) options.ipvlan_flag = n.spec.ipvlanFlag.value;
  } else options.macvlan_mode = n.mode;
  const def: NetworkDef = {
    name: n.swarm ? configOnlyName(n.spec.name) : n.spec.name,
    driver: n.spec.driver,
    options,
    ipam: ipamFor(n, host),
    enableIPv6: n.v6subnet !== undefined,
    // A config-only network refuses Internal; the swarm network made from it carries it.
    internal: n.swarm ? false : n.internal,
    labels: { ...n.spec.labels },
  };
  if (n.swarm) def.configOnly = true;
  def.labels[MANAGED_LABEL] = 'true';
  def.labels[SPEC_LABEL] = spec;
  def.labels[HASH_LABEL] = networkHash(def);
  return def;
}

/**
 * The swarm network of a `scope: swarm` network: everything else is refused next to ConfigFrom
 * (labels, IPAM, driver options), so whose it is comes from the config-only network it names.
 */
export function swarmNetworkDef(n: NetFacts): NetworkDef {
  return { name: n.spec.name, driver: n.spec.driver, options: {}, ipam: [], enableIPv6: false, internal: n.internal, labels: {}, scope: 'swarm', attachable: true, configFrom: configOnlyName(n.spec.name) };
}

export function networkHash(def: NetworkDef): string {
  // A local network hashes as it did before config-only networks existed: its label stays valid.
  const { configOnly, ...local } = shapeOf(def);
  return stableHash(configOnly ? { ...local, configOnly } : local);
}

/** The part of a container that can only change by recreating it (attachments are separate). */
export function containerHashInput(def: ContainerDef): unknown {
  const macs: Record<string, string> = {};
  for (const a of def.attachments) if (a.mac) macs[a.network] = a.mac;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(def.labels)) if (k !== MANAGED_LABEL && k !== HASH_LABEL && k !== SPEC_LABEL) labels[k] = v;
  return { image: def.image, command: def.command, env: [...def.env].sort(), restart: def.restart, labels, macs };
}

export function containerHash(def: ContainerDef): string {
  return stableHash(containerHashInput(def));
}

function attachFor(facts: Facts, c: ContainerSpec, onHost: Set<string>): Attach[] {
  const out: Attach[] = [];
  for (const a of facts.attachments) {
    if (a.container !== c || !onHost.has(a.spec.name)) continue;
    out.push({
      network: a.spec.name,
      ipv4: a.ipv4 ? formatAddr(a.ipv4) : undefined,
      ipv6: a.ipv6 ? formatAddr(a.ipv6) : undefined,
      mac: a.spec.mac?.value.toLowerCase(),
    });
  }
  return out;
}

export function containerDef(facts: Facts, c: ContainerSpec, onHost: Set<string>): ContainerDef {
  const def: ContainerDef = {
    name: c.name,
    image: c.image?.value ?? '',
    command: typeof c.command === 'string' ? splitCommand(c.command) : c.command,
    env: Object.entries(c.env).map(([k, v]) => `${k}=${v}`),
    restart: c.restart?.value ?? 'no',
    labels: { ...c.labels },
    attachments: attachFor(facts, c, onHost),
  };
  def.labels[MANAGED_LABEL] = 'true';
  def.labels[SPEC_LABEL] = facts.specName;
  def.labels[HASH_LABEL] = containerHash(def);
  return def;
}

export function desiredFor(facts: Facts, host: string, swarm?: SwarmPlacement): Desired {
  const nets = facts.nets.filter((n) => n.hosts.includes(host));
  const onHost = new Set(nets.map((n) => n.spec.name));
  const hostName = (n: NetFacts) => (n.swarm ? configOnlyName(n.spec.name) : n.spec.name);
  const elsewhere = new Set(facts.nets.filter((n) => !onHost.has(n.spec.name)).map(hostName));
  const containers = facts.model.containers
    .filter((c) => facts.containerHost.get(c) === host)
    .map((spec) => ({ def: containerDef(facts, spec, onHost), spec }));
  const managers = swarm?.managers ?? [];
  // Config-only networks first: the swarm networks made from them come after (creates run in this order).
  const swarmDefs = nets.filter((n) => n.swarm && n.hosts.find((h) => managers.includes(h)) === host).map(swarmNetworkDef);
  return {
    spec: facts.specName,
    networks: [...nets.map((n) => networkDef(n, host, facts.specName)), ...swarmDefs],
    containers,
    elsewhere,
    swarmNames: new Set(facts.nets.filter((n) => n.swarm).map((n) => n.spec.name)),
    swarmOrphans: facts.model.hosts.find((h) => managers.includes(h.name))?.name === host,
  };
}
