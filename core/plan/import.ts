import { Document, isMap, isPair, isScalar, isSeq, Scalar, YAMLMap } from 'yaml';
import { parseParent } from '../analysis/segment';
import { MANAGED_LABEL, SPEC_LABEL } from '../observed';
import { isSpecName } from '../spec/specName';
import { configOnlyName } from './desired';
import { cidrFamily, defaultMode, normAddr, normCidr, userLabels } from './normalise';
import type { ContainerDetail, NetworkDetail, ObservedHostDetail } from './types';

export interface ImportOptions {
  /** Name for a `hosts:` entry; without it the spec uses the implicit host. */
  hostName?: string;
  /** `docker:` of that entry (a URL that holds no secret). */
  docker?: string;
  /** First comment line, e.g. where and when this was imported. */
  header?: string;
}

export interface ImportResult {
  text: string;
  networks: string[];
  containers: string[];
  /** What was left out and why, also written as comments at the top. */
  skipped: string[];
}

type Obj = Record<string, unknown>;

/**
 * A spec from what a host has: its macvlan/ipvlan networks and the containers on them.
 * Static attachments keep their addresses; dynamic ones become an empty attachment. What the
 * image sets anyway (command, env, labels) is left out, so that planning the result against
 * the same host finds nothing to do.
 */
export function importSpec(observed: ObservedHostDetail, opts: ImportOptions = {}): ImportResult {
  const skipped: string[] = [];
  const byName = new Map(observed.networks.map((n) => [n.name, n] as const));
  // A swarm network carries nothing but ConfigFrom: it is read through its config-only network
  // (on a manager; a worker shows it only while a task runs there).
  const swarmFrom = (n: NetworkDetail) => (n.scope === 'swarm' && n.configFrom !== undefined ? byName.get(n.configFrom) : undefined);
  const nets = observed.networks
    .filter((n) => (n.driver === 'macvlan' || n.driver === 'ipvlan') && (n.scope !== 'swarm' || n.configFrom !== undefined))
    .filter((n) => {
      if (n.scope !== 'swarm' || swarmFrom(n)) return true;
      skipped.push(`network ${n.name}: a swarm network whose config-only network ${n.configFrom ?? ''} is not on this host`);
      return false;
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const names = new Set(nets.map((n) => n.name));
  const doc: Obj = { version: 1 };
  const ctrs = observed.containers.filter((c) => c.networks.some((a) => names.has(a.network))).sort((a, b) => (a.name < b.name ? -1 : 1));
  // What apply made for one spec imports as that spec, so the result owns what it describes.
  const specs = [...new Set([...nets, ...ctrs].map((x) => (x.labels[MANAGED_LABEL] === 'true' ? x.labels[SPEC_LABEL] : undefined)).filter((x): x is string => x !== undefined))].sort();
  if (specs.length === 1 && isSpecName(specs[0])) doc.name = specs[0];
  else if (specs.length > 1) skipped.push(`name: the resources belong to several specs (${specs.join(', ')}); the file's name decides this spec's name`);
  if (opts.hostName) {
    const host: Obj = {};
    if (opts.docker) host.docker = opts.docker;
    doc.hosts = { [opts.hostName]: host };
  }
  if (nets.length) doc.networks = Object.fromEntries(nets.map((n) => [n.name, swarmFrom(n) ? swarmEntry(n, swarmFrom(n)!, skipped) : networkEntry(n, skipped)]));
  if (ctrs.length) doc.containers = Object.fromEntries(ctrs.map((c) => [c.name, containerEntry(c, names, skipped)]));

  const out = new Document(doc);
  flowAttachments(out);
  const comments = [opts.header, ...skipped.map((s) => `skipped: ${s}`)].filter((s): s is string => !!s);
  if (comments.length) out.commentBefore = comments.map((c) => ` ${c}`).join('\n');
  return { text: out.toString({ lineWidth: 0, nullStr: '' }), networks: nets.map((n) => n.name), containers: ctrs.map((c) => c.name), skipped };
}

function networkEntry(n: NetworkDetail, skipped: string[]): Obj {
  const e: Obj = { driver: n.driver };
  const parent = n.options.parent;
  const seg = parseParent(parent, undefined);
  if (seg && seg.parentVlan !== undefined) {
    e.parent = seg.base;
    e.vlan = seg.parentVlan;
  } else if (parent) e.parent = parent;
  const mode = n.options[n.driver === 'ipvlan' ? 'ipvlan_mode' : 'macvlan_mode'];
  if (mode && mode !== defaultMode(n.driver)) e.mode = mode;
  if (n.driver === 'ipvlan' && n.options.ipvlan_flag && n.options.ipvlan_flag !== 'bridge') e.ipvlan_flag = n.options.ipvlan_flag;
  const aux: Record<string, string> = {};
  let v4 = false;
  let v6 = false;
  for (const c of n.ipam) {
    const fam = cidrFamily(c.subnet);
    if ((fam === 4 && v4) || (fam === 6 && v6) || fam === undefined) {
      skipped.push(`network ${n.name}: IPAM config ${c.subnet} (a spec holds one subnet per family)`);
      continue;
    }
    if (fam === 4) {
      v4 = true;
      e.subnet = normCidr(c.subnet);
      if (c.gateway) e.gateway = normAddr(c.gateway);
      if (c.ipRange) e.ip_range = normCidr(c.ipRange);
    } else {
      v6 = true;
      const six: Obj = { subnet: normCidr(c.subnet) };
      if (c.gateway) six.gateway = normAddr(c.gateway);
      if (c.ipRange) six.ip_range = normCidr(c.ipRange);
      e.ipv6 = six;
    }
    // The format's aux_addresses are IPv4 only (MV107).
    if (fam === 6 && Object.keys(c.aux).length) skipped.push(`network ${n.name}: IPv6 aux addresses ${Object.values(c.aux).join(', ')} (aux_addresses holds IPv4 only)`);
    else for (const [k, v] of Object.entries(c.aux)) aux[k] = normAddr(v);
  }
  if (Object.keys(aux).length) e.aux_addresses = aux;
  if (n.internal) e.internal = true;
  const labels = userLabels(n.labels);
  if (Object.keys(labels).length) e.labels = labels;
  return e;
}

/** A swarm network as `scope: swarm`: the definition of its config-only network, its own `internal`. */
function swarmEntry(n: NetworkDetail, from: NetworkDetail, skipped: string[]): Obj {
  if (from.name !== configOnlyName(n.name)) skipped.push(`network ${n.name}: its config-only network is ${from.name}; apply would make and use ${configOnlyName(n.name)} instead`);
  const e = networkEntry({ ...from, name: n.name, driver: n.driver, internal: n.internal }, skipped);
  return { ...e, scope: 'swarm' };
}

function containerEntry(c: ContainerDetail, names: Set<string>, skipped: string[]): Obj {
  const e: Obj = { image: c.image };
  // The network a container was created on comes first: it carries the container-level MAC.
  const attached = c.networks.filter((a) => names.has(a.network)).sort((a, b) => Number(b.network === c.networkMode) - Number(a.network === c.networkMode));
  const networks: Obj = {};
  for (const a of attached) {
    const at: Obj = {};
    if (a.staticIpv4) at.ipv4_address = normAddr(a.staticIpv4);
    if (a.staticIpv6) at.ipv6_address = normAddr(a.staticIpv6);
    if (a.network === c.networkMode && c.config?.macAddress) at.mac_address = c.config.macAddress.toLowerCase();
    networks[a.network] = Object.keys(at).length ? at : null;
  }
  e.networks = networks;
  for (const a of c.networks) if (!names.has(a.network)) skipped.push(`container ${c.name}: network ${a.network} (not macvlan/ipvlan)`);
  const cfg = c.config;
  if (cfg) {
    if (cfg.command && JSON.stringify(cfg.command) !== JSON.stringify(cfg.imageCommand)) e.command = cfg.command;
    const imageEnv = new Set(cfg.imageEnv);
    const env: Record<string, string> = {};
    for (const kv of cfg.env) {
      if (imageEnv.has(kv)) continue;
      const eq = kv.indexOf('=');
      env[eq < 0 ? kv : kv.slice(0, eq)] = eq < 0 ? '' : kv.slice(eq + 1);
    }
    if (Object.keys(env).length) e.env = env;
    if (cfg.restart !== 'no') e.restart = cfg.restart;
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(userLabels(c.labels))) if (cfg.imageLabels[k] !== v) labels[k] = v;
    if (Object.keys(labels).length) e.labels = labels;
  } else skipped.push(`container ${c.name}: command, env and restart (not inspected)`);
  return e;
}

/**
 * `vlan10: { ipv4_address: ... }` and `command: [sleep, "3600"]` on one line, as people write
 * them; MAC addresses quoted, since YAML 1.1 readers take 02:00:... for a base-60 number.
 */
function flowAttachments(doc: Document): void {
  const containers = doc.get('containers');
  if (!isMap(containers)) return;
  for (const c of containers.items) {
    if (!isPair(c) || !isMap(c.value)) continue;
    const cmd = c.value.get('command', true);
    if (isSeq(cmd)) cmd.flow = true;
    const nets = c.value.get('networks');
    if (!(nets instanceof YAMLMap)) continue;
    for (const a of nets.items) {
      if (!isPair(a) || !isMap(a.value)) continue;
      a.value.flow = true;
      const mac = a.value.get('mac_address', true);
      if (isScalar(mac)) mac.type = Scalar.QUOTE_DOUBLE;
    }
  }
}
