/**
 * A spec as a compose file and a compose file's macvlan/ipvlan part as a spec, lossless for what
 * both can say. What one side cannot say is left out and named in `notes` (the CLI prints them
 * on stderr and as comments at the top of the output).
 */
import { stringify } from 'yaml';
import type { Facts } from '../analysis/facts';
import { FALLBACK_SPEC_NAME, isSpecName } from '../spec/specName';
import type { ContainerSpec, NetworkSpec, SpecModel } from '../spec/model';
import type { ComposeFile } from './read';

export interface Converted {
  text: string;
  notes: string[];
}

const header = (lines: string[], notes: string[]) => [...lines, ...notes.map((n) => `# note: ${n}`)].map((l) => `${l}\n`).join('');

/**
 * The spec's networks and containers as one compose project. Each network keeps its name
 * (`name:`), so `docker compose up` makes the same Docker networks `apply` does.
 */
export function specToCompose(facts: Facts, source: string): Converted {
  const m = facts.model;
  const notes: string[] = [];
  if (m.hosts.length > 1) notes.push(`the spec has ${m.hosts.length} hosts; a compose file runs on one Docker host — run it once per host (x-macvlan.host names none here)`);
  const networks: Record<string, unknown> = {};
  for (const n of m.networks) networks[n.name] = composeNetwork(n, facts, notes);
  const services: Record<string, unknown> = {};
  for (const c of m.containers) services[c.name] = composeService(c, notes);
  const doc: Record<string, unknown> = {};
  if (Object.keys(services).length) doc.services = services;
  if (Object.keys(networks).length) doc.networks = networks;
  return { text: header([`# converted from ${source} by macvlan-spec (spec ${facts.specName})`], notes) + stringify(doc, { lineWidth: 0 }), notes };
}

function composeNetwork(n: NetworkSpec, facts: Facts, notes: string[]): Record<string, unknown> {
  const nf = facts.netByName.get(n.name);
  const parent = n.parent ? (n.vlan ? `${n.parent.value}.${n.vlan.value}` : n.parent.value) : undefined;
  const opts: Record<string, string> = {};
  if (parent) opts.parent = parent;
  // The effective mode, written out as apply writes it (Docker shows the same network either way).
  const mode = n.mode?.value ?? nf?.mode;
  if (mode) opts[n.driver === 'ipvlan' ? 'ipvlan_mode' : 'macvlan_mode'] = mode;
  if (n.ipvlanFlag) opts.ipvlan_flag = n.ipvlanFlag.value;
  const v4: Record<string, unknown> = {};
  if (n.subnet) v4.subnet = n.subnet.value;
  if (n.gateway) v4.gateway = n.gateway.value;
  if (n.ipRange) v4.ip_range = n.ipRange.value;
  if (n.ipRangeByHost?.length) notes.push(`network ${n.name}: ip_range per host (${n.ipRangeByHost.map((h) => h.host).join(', ')}) has no compose form; the pool is left to Docker`);
  if (n.aux.length) v4.aux_addresses = Object.fromEntries(n.aux.map((a) => [a.name, a.value.value]));
  const config: Record<string, unknown>[] = Object.keys(v4).length ? [v4] : [];
  if (n.ipv6?.subnet) config.push({ subnet: n.ipv6.subnet.value, ...(n.ipv6.gateway ? { gateway: n.ipv6.gateway.value } : {}), ...(n.ipv6.ipRange ? { ip_range: n.ipv6.ipRange.value } : {}) });
  if (n.hosts?.length) notes.push(`network ${n.name}: hosts: ${n.hosts.map((h) => h.value).join(', ')} has no compose form`);
  if (n.hostShim || n.hostShimByHost?.length) notes.push(`network ${n.name}: host_shim is the host's own link (macvlan-spec shim); compose does not make it`);
  if (nf?.swarm) notes.push(`network ${n.name}: scope: swarm is applied by macvlan-spec as config-only networks plus a swarm network; the compose network is a local one`);
  return {
    name: n.name,
    driver: n.driver,
    ...(Object.keys(opts).length ? { driver_opts: opts } : {}),
    ...(n.ipv6?.subnet ? { enable_ipv6: true } : {}),
    ...(n.internal?.value ? { internal: true } : {}),
    ...(Object.keys(n.labels).length ? { labels: n.labels } : {}),
    ...(config.length ? { ipam: { config } } : {}),
    ...(n.exclude.length ? { 'x-macvlan': { exclude: n.exclude.map((e) => e.value) } } : {}),
  };
}

/**
 * One MAC per service, at the service (compose 1.x has no per-network mac_address; a service's
 * MAC is its first network's, which is where the spec's first attachment goes).
 */
function composeService(c: ContainerSpec, notes: string[]): Record<string, unknown> {
  const networks: Record<string, unknown> = {};
  let mac: string | undefined;
  c.networks.forEach((a, i) => {
    const e: Record<string, string> = {};
    if (a.ipv4) e.ipv4_address = a.ipv4.value;
    if (a.ipv6) e.ipv6_address = a.ipv6.value;
    if (a.mac && i === 0) mac = a.mac.value;
    else if (a.mac) notes.push(`container ${c.name}: mac_address on its network ${a.name} (not its first) has no compose form; left out`);
    networks[a.name] = Object.keys(e).length ? e : null;
  });
  return {
    ...(c.image ? { image: c.image.value } : {}),
    container_name: c.name,
    ...(mac ? { mac_address: mac } : {}),
    ...(c.command !== undefined ? { command: c.command } : {}),
    ...(Object.keys(c.env).length ? { environment: c.env } : {}),
    ...(c.restart ? { restart: c.restart.value } : {}),
    ...(Object.keys(c.labels).length ? { labels: c.labels } : {}),
    networks,
  };
}

/** A compose file's macvlan/ipvlan networks and the services on them, as a spec. */
export function composeToSpec(c: ComposeFile, source: string): Converted {
  const m: SpecModel = c.model;
  const notes: string[] = [];
  for (const o of c.others) notes.push(`network ${o.key} (${o.driver}) is not macvlan/ipvlan: left out`);
  if (c.interpolated.length) notes.push(`${c.interpolated.length} value(s) written with variables are written as the .env file and the environment set them`);
  for (const u of c.unresolved) notes.push(`${u.path.join('.')} is left out: ${u.missing.join(', ')} ${u.missing.length > 1 ? 'are' : 'is'} not set`);
  for (const e of c.externals) notes.push(`network ${e.key} is external (${e.dockerName}): left out; convert the file that defines it`);
  for (const n of m.networks) {
    const docker = c.dockerNames.get(n.name);
    if (docker && docker !== n.name) notes.push(`network ${n.name} is ${docker} on Docker (compose project ${c.project}); the spec names it ${n.name}`);
  }
  const networks: Record<string, unknown> = {};
  for (const n of m.networks) {
    networks[n.name] = {
      ...(n.driver === 'ipvlan' ? { driver: 'ipvlan' } : {}),
      ...(n.parent ? { parent: n.parent.value } : {}),
      ...(n.mode ? { mode: n.mode.value } : {}),
      ...(n.ipvlanFlag ? { ipvlan_flag: n.ipvlanFlag.value } : {}),
      ...(n.subnet ? { subnet: n.subnet.value } : {}),
      ...(n.gateway ? { gateway: n.gateway.value } : {}),
      ...(n.ipRange ? { ip_range: n.ipRange.value } : {}),
      ...(n.aux.length ? { aux_addresses: Object.fromEntries(n.aux.map((a) => [a.name, a.value.value])) } : {}),
      ...(n.exclude.length ? { exclude: n.exclude.map((e) => e.value) } : {}),
      ...(n.ipv6?.subnet ? { ipv6: { subnet: n.ipv6.subnet.value, ...(n.ipv6.gateway ? { gateway: n.ipv6.gateway.value } : {}), ...(n.ipv6.ipRange ? { ip_range: n.ipv6.ipRange.value } : {}) } } : {}),
      ...(n.internal?.value ? { internal: true } : {}),
      ...(Object.keys(n.labels).length ? { labels: n.labels } : {}),
    };
  }
  const containers: Record<string, unknown> = {};
  for (const ct of m.containers) {
    const nets: Record<string, unknown> = {};
    for (const a of ct.networks) {
      const e: Record<string, string> = {};
      if (a.ipv4) e.ipv4_address = a.ipv4.value;
      if (a.ipv6) e.ipv6_address = a.ipv6.value;
      if (a.mac) e.mac_address = a.mac.value;
      nets[a.name] = e;
    }
    containers[ct.name] = { ...(ct.image ? { image: ct.image.value } : {}), networks: nets, ...(Object.keys(ct.labels).length ? { labels: ct.labels } : {}) };
  }
  if (c.ports.length) notes.push(`ports, volumes and the rest of the services' settings are not part of a spec: left out`);
  const name = isSpecName(c.project) ? c.project : FALLBACK_SPEC_NAME;
  const doc: Record<string, unknown> = { version: 1, name, ...(m.hostsDeclared ? { hosts: { [m.hosts[0].name]: {} } } : {}), networks };
  if (Object.keys(containers).length) doc.containers = containers;
  return { text: header([`# converted from ${source} (compose project ${c.project}) by macvlan-spec`], notes) + stringify(doc, { lineWidth: 0 }), notes };
}
