/**
 * A compose file's macvlan/ipvlan networking as the spec model (design: "Compose files"), with
 * spans into the compose text and compose paths, so the spec's rules run on it unchanged.
 * Networks of other drivers and external networks stay out of the model (no rule is about
 * them) and are kept beside it for the checks across networks and files (core/workspace/host.ts).
 */
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Finding } from '../findings';
import { IMPLICIT_HOST, type AttachmentSpec, type ContainerSpec, type HostSpec, type NetworkSpec, type Path, type Span, type SpecModel, type Val } from '../spec/model';
import type { ParsedSpec } from '../spec/parse';
import { byKey, bool, entries, spanOf, str, strEntries, strList, strMap, type MapEntry } from '../spec/yamlNodes';
import { interpolate, type Env } from './interpolate';
import { LineIndex } from '../text/positions';

export { isComposeFile, projectName } from './fileName';

/** A network of the file that is not macvlan/ipvlan (a bridge, an overlay…): only its subnets count. */
export interface OtherNetwork {
  key: string;
  driver: string;
  dockerName: string;
  subnets: Val<string>[];
}

/** A network the file uses but does not define (`external: true`). */
export interface ExternalNetwork {
  key: string;
  dockerName: string;
  keySpan: Span;
  /** Services' static addresses on it (checked against its definition wherever that is). */
  attachments: { container: string; ipv4?: Val<string>; ipv6?: Val<string> }[];
}

/** A service with `ports:` (MV414 looks at its networks). */
export interface PortsUse {
  service: string;
  ports: Span;
  path: Path;
  /** The drivers of the networks it is on ('default' when none is named). */
  drivers: string[];
}

/** A value with a variable that neither the `.env` file nor the environment sets: read as absent. */
export interface Unresolved {
  span: Span;
  path: Path;
  missing: string[];
}

export interface ComposeFile extends ParsedSpec {
  /** Values written with variables (`${SUBNET}`): read as compose reads them, never rewritten by a fix. */
  interpolated: Span[];
  unresolved: Unresolved[];
  project: string;
  /** Docker's name of each macvlan/ipvlan network of the model, by its key. */
  dockerNames: Map<string, string>;
  others: OtherNetwork[];
  externals: ExternalNetwork[];
  ports: PortsUse[];
}

const VLAN_DRIVERS = new Set(['macvlan', 'ipvlan']);

export function parseCompose(text: string, opts: { project: string; env?: Env }): ComposeFile {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const interpolated: Span[] = [];
  const unresolved: Unresolved[] = [];
  const v = values(doc, opts.env ?? {}, interpolated, unresolved);
  const syntax: Finding[] = doc.errors.slice(0, 100).map((e) => ({
    code: 'MV000',
    severity: 'error',
    message: `YAML syntax error: ${e.message.split('\n')[0]}`,
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
    path: [],
    related: [],
  }));
  const top = byKey(entries(doc, doc.contents));
  const project = v.str(top.get('name')?.value, ['name'])?.value ?? opts.project;
  const xTop = byKey(entries(doc, top.get('x-macvlan')?.value));
  // `host: nas` — the one host the project runs on; `hosts: [nas, pi]` — the same project on
  // each of them (a pair of DNS servers, say): one LAN, one IPAM per host.
  const hostVals = v.list(xTop.get('hosts')?.value, ['x-macvlan', 'hosts']) ?? [];
  const hostVal = hostVals.length === 0 ? v.str(xTop.get('host')?.value, ['x-macvlan', 'host']) : undefined;
  const written = hostVals.length > 0 ? hostVals : hostVal ? [hostVal] : [];
  const hosts: HostSpec[] = [...new Map(written.map((h) => [h.value, { name: h.value, keySpan: h.span, span: h.span, path: h.path }])).values()];
  if (hosts.length === 0) hosts.push({ name: IMPLICIT_HOST, keySpan: { start: 0, end: 0 }, span: { start: 0, end: 0 }, path: [] });

  const networks: NetworkSpec[] = [];
  const dockerNames = new Map<string, string>();
  const others: OtherNetwork[] = [];
  const externals = new Map<string, ExternalNetwork>();
  const driverOf = new Map<string, string>();
  for (const e of entries(doc, top.get('networks')?.value)) {
    const f = byKey(entries(doc, e.value));
    const path: Path = ['networks', e.key];
    const name = v.str(f.get('name')?.value, [...path, 'name'])?.value;
    const external = f.get('external');
    if (external && (bool(doc, external.value, [...path, 'external'])?.value === true || isMap(external.value))) {
      // `external: { name: x }` is the older spelling of `external: true` + `name: x`.
      const oldName = v.str(byKey(entries(doc, external.value)).get('name')?.value, [...path, 'external', 'name'])?.value;
      externals.set(e.key, { key: e.key, dockerName: name ?? oldName ?? e.key, keySpan: e.keySpan, attachments: [] });
      driverOf.set(e.key, 'external');
      continue;
    }
    const dockerName = name ?? `${project}_${e.key}`;
    const driver = v.str(f.get('driver')?.value, [...path, 'driver'])?.value ?? 'bridge';
    driverOf.set(e.key, driver);
    if (!VLAN_DRIVERS.has(driver)) {
      const subnets = ipamEntries(doc, v, f.get('ipam'), path).flatMap((c) => (c.subnet ? [c.subnet] : []));
      others.push({ key: e.key, driver, dockerName, subnets });
      continue;
    }
    dockerNames.set(e.key, dockerName);
    networks.push(networkOf(doc, v, e, f, path, driver, new Set(hosts.map((h) => h.name))));
  }
  driverOf.set('default', 'bridge');

  const containers: ContainerSpec[] = [];
  const ports: PortsUse[] = [];
  for (const e of entries(doc, top.get('services')?.value)) {
    const f = byKey(entries(doc, e.value));
    const path: Path = ['services', e.key];
    const containerName = v.str(f.get('container_name')?.value, [...path, 'container_name']);
    const name = containerName?.value ?? e.key;
    const networkMode = v.str(f.get('network_mode')?.value, [...path, 'network_mode']);
    const attachments: AttachmentSpec[] = [];
    const named: string[] = [];
    const netsE = f.get('networks');
    if (!networkMode) {
      if (isSeq(netsE?.value)) {
        for (const n of v.list(netsE.value, [...path, 'networks']) ?? []) {
          named.push(n.value);
          if (dockerNames.has(n.value)) attachments.push({ name: n.value, keySpan: n.span, span: n.span, path: n.path });
        }
      } else {
        for (const n of entries(doc, netsE?.value)) {
          named.push(n.key);
          const np: Path = [...path, 'networks', n.key];
          const a = byKey(entries(doc, n.value));
          const ipv4 = v.str(a.get('ipv4_address')?.value, [...np, 'ipv4_address']);
          const ipv6 = v.str(a.get('ipv6_address')?.value, [...np, 'ipv6_address']);
          const mac = v.str(a.get('mac_address')?.value, [...np, 'mac_address']);
          const ext = externals.get(n.key);
          if (ext) ext.attachments.push({ container: name, ipv4, ipv6 });
          if (dockerNames.has(n.key)) attachments.push({ name: n.key, keySpan: n.keySpan, span: n.span, path: np, ipv4, ipv6, mac });
        }
      }
    }
    // The service's own mac_address is the MAC of its first network.
    const serviceMac = v.str(f.get('mac_address')?.value, [...path, 'mac_address']);
    if (serviceMac && attachments[0] && !attachments[0].mac) attachments[0].mac = serviceMac;
    const portsE = f.get('ports');
    if (portsE && !networkMode && isSeq(portsE.value) && portsE.value.items.length > 0) {
      ports.push({ service: e.key, ports: portsE.keySpan, path: [...path, 'ports'], drivers: (named.length ? named : ['default']).map((n) => driverOf.get(n) ?? 'unknown') });
    }
    if (attachments.length === 0) continue;
    const image = v.str(f.get('image')?.value, [...path, 'image']);
    const labels = strMap(doc, f.get('labels')?.value);
    // On several hosts the service runs on each: one container per host, at the same addresses.
    for (const h of hosts.length > 1 ? hosts : [undefined]) {
      containers.push({ name, keySpan: e.keySpan, span: e.span, path, image, networks: attachments, env: {}, labels, ...(h ? { host: { value: h.name, span: h.span, path: h.path } } : {}) });
    }
  }

  const model: SpecModel = { text, hosts, hostsDeclared: written.length > 0, networks, containers, compose: true };
  return {
    text,
    model,
    doc,
    syntax,
    // No schema check: Docker's compose tools own the file's shape.
    value: undefined,
    lines: new LineIndex(text),
    project,
    interpolated,
    unresolved,
    dockerNames,
    others,
    externals: [...externals.values()],
    ports,
  };
}

interface IpamEntry {
  subnet?: Val<string>;
  gateway?: Val<string>;
  ipRange?: Val<string>;
  rangeEntry?: MapEntry;
  aux: { name: string; keySpan: Span; value: Val<string> }[];
  auxEntry?: MapEntry;
  span: Span;
  path: Path;
}

function ipamEntries(doc: Document, v: Values, ipamE: MapEntry | undefined, netPath: Path): IpamEntry[] {
  const cfg = byKey(entries(doc, ipamE?.value)).get('config');
  const seq = cfg?.value;
  if (!isSeq(seq)) return [];
  return seq.items.map((item, i) => {
    const p: Path = [...netPath, 'ipam', 'config', i];
    const c = byKey(entries(doc, item));
    const auxE = c.get('aux_addresses');
    return {
      subnet: v.str(c.get('subnet')?.value, [...p, 'subnet']),
      gateway: v.str(c.get('gateway')?.value, [...p, 'gateway']),
      ipRange: v.str(c.get('ip_range')?.value, [...p, 'ip_range']),
      rangeEntry: c.get('ip_range'),
      aux: v.entries(auxE?.value, [...p, 'aux_addresses']),
      auxEntry: auxE,
      span: spanOf(isMap(item) || isScalar(item) ? item : null, { start: 0, end: 0 }),
      path: p,
    };
  });
}

function networkOf(doc: Document, v: Values, e: MapEntry, f: Map<string, MapEntry>, path: Path, driver: string, hostNames: ReadonlySet<string>): NetworkSpec {
  const opts = byKey(entries(doc, f.get('driver_opts')?.value));
  const op = (k: string) => v.str(opts.get(k)?.value, [...path, 'driver_opts', k]);
  const ipam = ipamEntries(doc, v, f.get('ipam'), path);
  // The IPv4 entry is the first whose subnet is not IPv6; the IPv6 one the first that is.
  const v4 = ipam.find((c) => !c.subnet?.value.includes(':'));
  const v6 = ipam.find((c) => c.subnet?.value.includes(':'));
  const x = byKey(entries(doc, f.get('x-macvlan')?.value));
  const driverE = f.get('driver');
  const net: NetworkSpec = {
    name: e.key,
    keySpan: e.keySpan,
    span: e.span,
    path,
    driver: driver === 'ipvlan' ? 'ipvlan' : 'macvlan',
    driverVal: driverE ? v.str(driverE.value, [...path, 'driver']) : undefined,
    parent: op('parent'),
    mode: driver === 'ipvlan' ? op('ipvlan_mode') : op('macvlan_mode'),
    ipvlanFlag: op('ipvlan_flag'),
    subnet: v4?.subnet,
    gateway: v4?.gateway,
    ipRange: v4?.ipRange,
    ipRangeKey: v4?.rangeEntry ? { keySpan: v4.rangeEntry.keySpan, span: v4.rangeEntry.span, path: [...v4.path, 'ip_range'] } : undefined,
    aux: v4?.aux ?? [],
    auxKey: v4?.auxEntry ? { keySpan: v4.auxEntry.keySpan, span: v4.auxEntry.span, path: [...v4.path, 'aux_addresses'] } : undefined,
    exclude: v.list(x.get('exclude')?.value, [...path, 'x-macvlan', 'exclude']) ?? [],
    internal: bool(doc, f.get('internal')?.value, [...path, 'internal']),
    labels: strMap(doc, f.get('labels')?.value),
  };
  // `x-macvlan.ip_range: { nas: …, pi: … }`: each host's pool, as each host's .env gives it.
  const perHost = x.get('ip_range');
  if (perHost && isMap(perHost.value)) {
    net.ipRangeByHost = v.entries(perHost.value, [...path, 'x-macvlan', 'ip_range']).filter((h) => hostNames.has(h.name)).map((h) => ({ host: h.name, keySpan: h.keySpan, range: h.value }));
    net.ipRange = undefined;
    net.ipRangeKey = { keySpan: perHost.keySpan, span: perHost.span, path: [...path, 'x-macvlan', 'ip_range'] };
  }
  if (v6?.subnet) net.ipv6 = { span: v6.span, keySpan: v6.span, path: v6.path, subnet: v6.subnet, gateway: v6.gateway, ipRange: v6.ipRange };
  return net;
}

interface Values {
  str(node: unknown, path: Path): Val<string> | undefined;
  list(node: unknown, path: Path): Val<string>[] | undefined;
  entries(node: unknown, path: Path): { name: string; keySpan: Span; value: Val<string> }[];
}

/** The file's string values with compose's variables replaced; one that cannot be is left out. */
function values(doc: Document, env: Env, interpolated: Span[], unresolved: Unresolved[]): Values {
  const sub = (x: Val<string>): Val<string> | undefined => {
    if (!x.value.includes('$')) return x;
    const r = interpolate(x.value, env);
    if (!r.ok) {
      unresolved.push({ span: x.span, path: x.path, missing: r.missing });
      return undefined;
    }
    interpolated.push(x.span);
    return { ...x, value: r.value };
  };
  return {
    str: (node, path) => {
      const x = str(doc, node, path);
      return x && sub(x);
    },
    list: (node, path) => strList(doc, node, path)?.flatMap((x) => sub(x) ?? []),
    entries: (node, path) => strEntries(doc, node, path).flatMap((e) => {
      const x = sub(e.value);
      return x ? [{ ...e, value: x }] : [];
    }),
  };
}
