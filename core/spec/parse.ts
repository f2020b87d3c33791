import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Finding } from '../findings';
import {
  IMPLICIT_HOST,
  type AttachmentSpec,
  type ContainerSpec,
  type Driver,
  type HostSpec,
  type NetworkSpec,
  type Path,
  type SpecModel,
  type Span,
} from './model';
import { anyScalar, bool, byKey, entries, num, spanOf, str, strList, strMap, type MapEntry } from './yamlNodes';

export interface ParsedSpec {
  model: SpecModel;
  doc: Document;
  lineCounter: LineCounter;
  /** MV000 findings: YAML syntax, duplicate keys, top level not a mapping. */
  syntax: Finding[];
  /** Plain JS value for the schema check (undefined when the YAML could not be converted). */
  value: unknown;
}

/** Aliases may expand at most this many nodes, against "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

export function parseSpec(text: string): ParsedSpec {
  const lineCounter = new LineCounter();
  // uniqueKeys: the yaml package compares every key with every earlier one (quadratic on a
  // 40,000-container map); duplicateKeys() below does it with a Set per map.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, merge: false });
  const syntax: Finding[] = [];
  const mv000 = (message: string, span: Span, path: Path = []): void => {
    syntax.push({ code: 'MV000', severity: 'error', message, span, path, related: [] });
  };
  for (const e of doc.errors) {
    mv000(`YAML syntax error: ${cleanYamlMessage(e.message)}`, clampSpan({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, text));
  }
  duplicateKeys(doc, (message, span, path, first) =>
    syntax.push({ code: 'MV000', severity: 'error', message, span, path, related: [{ span: first, path, message: 'first occurrence' }] }),
  );

  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      mv000(`YAML could not be read: ${(err as Error).message}`, { start: 0, end: Math.min(text.length, firstLineEnd(text)) });
    }
  }
  const top = doc.contents;
  if (top !== null && !isMap(top) && doc.errors.length === 0) {
    mv000('the spec must be a mapping at the top (version:, hosts:, networks:, containers:)', spanOf(top, { start: 0, end: firstLineEnd(text) }));
    value = undefined;
  }
  if (top === null && doc.errors.length === 0) value = {};
  return { model: buildModel(doc, text), doc, lineCounter, syntax, value };
}

function cleanYamlMessage(m: string): string {
  // The yaml package appends " at line N, column M" and a code excerpt; positions are ours to show.
  return m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function firstLineEnd(text: string): number {
  const i = text.search(/\r?\n/);
  return i < 0 ? text.length : i;
}

function clampSpan(s: Span, text: string): Span {
  const start = Math.min(s.start, text.length);
  return { start, end: Math.min(Math.max(s.end, start), text.length) };
}

function duplicateKeys(doc: Document, report: (m: string, s: Span, path: Path, first: Span) => void): void {
  // Explicit stack, not recursion: deep nesting in hostile input must not overflow.
  const stack: { node: unknown; path: Path }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      const seen = new Map<string, Span>();
      for (const pair of node.items) {
        const k = pair.key;
        if (isScalar(k)) {
          const name = String(k.value);
          const span = spanOf(k, { start: 0, end: 0 });
          const first = seen.get(name);
          if (first) report(`duplicate key "${name}": YAML keeps only one of them`, span, [...path, name], first);
          else seen.set(name, span);
          stack.push({ node: pair.value, path: [...path, name] });
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
}

function buildModel(doc: Document, text: string): SpecModel {
  const top = byKey(entries(doc, doc.contents));
  const keyInfo = (e: MapEntry | undefined, path: Path) => (e ? { keySpan: e.keySpan, span: e.span, path } : undefined);
  const hostsEntry = top.get('hosts');
  const declaredHosts = entries(doc, hostsEntry?.value).map((e) => buildHost(doc, e));
  const hostsDeclared = hostsEntry !== undefined && declaredHosts.length > 0;
  const implicit: HostSpec = { name: IMPLICIT_HOST, keySpan: { start: 0, end: 0 }, span: { start: 0, end: 0 }, path: [] };
  return {
    text,
    version: top.get('version') ? anyScalar(doc, top.get('version')!.value, ['version']) ?? { value: undefined, span: top.get('version')!.keySpan, path: ['version'] } : undefined,
    hosts: hostsDeclared ? declaredHosts : [implicit],
    hostsDeclared,
    hostsKey: keyInfo(hostsEntry, ['hosts']),
    networks: entries(doc, top.get('networks')?.value).map((e) => buildNetwork(doc, e)),
    networksKey: keyInfo(top.get('networks'), ['networks']),
    containers: entries(doc, top.get('containers')?.value).map((e) => buildContainer(doc, e)),
    containersKey: keyInfo(top.get('containers'), ['containers']),
  };
}

function buildHost(doc: Document, e: MapEntry): HostSpec {
  const path: Path = ['hosts', e.key];
  const f = byKey(entries(doc, e.value));
  const tlsE = f.get('tls');
  let tls: HostSpec['tls'];
  if (tlsE && isMap(tlsE.value)) {
    const t = byKey(entries(doc, tlsE.value));
    const tp = [...path, 'tls'];
    tls = {
      span: tlsE.span,
      path: tp,
      ca: str(doc, t.get('ca')?.value, [...tp, 'ca']),
      cert: str(doc, t.get('cert')?.value, [...tp, 'cert']),
      key: str(doc, t.get('key')?.value, [...tp, 'key']),
    };
  }
  return {
    name: e.key,
    keySpan: e.keySpan,
    span: e.span,
    path,
    docker: str(doc, f.get('docker')?.value, [...path, 'docker']),
    context: str(doc, f.get('context')?.value, [...path, 'context']),
    engine: str(doc, f.get('engine')?.value, [...path, 'engine']),
    tls,
    interfaces: strList(doc, f.get('interfaces')?.value, [...path, 'interfaces']),
  };
}

function buildNetwork(doc: Document, e: MapEntry): NetworkSpec {
  const path: Path = ['networks', e.key];
  const f = byKey(entries(doc, e.value));
  const p = (k: string): Path => [...path, k];
  const driverVal = str(doc, f.get('driver')?.value, p('driver'));
  const driver: Driver = driverVal?.value === 'ipvlan' ? 'ipvlan' : 'macvlan';
  const ipRangeE = f.get('ip_range');
  const auxE = f.get('aux_addresses');
  const ipv6E = f.get('ipv6');
  const net: NetworkSpec = {
    name: e.key,
    keySpan: e.keySpan,
    span: e.span,
    path,
    driver,
    driverVal,
    parent: str(doc, f.get('parent')?.value, p('parent')),
    vlan: num(doc, f.get('vlan')?.value, p('vlan')),
    mode: str(doc, f.get('mode')?.value, p('mode')),
    ipvlanFlag: str(doc, f.get('ipvlan_flag')?.value, p('ipvlan_flag')),
    subnet: str(doc, f.get('subnet')?.value, p('subnet')),
    gateway: str(doc, f.get('gateway')?.value, p('gateway')),
    aux: entries(doc, auxE?.value).flatMap((a) => {
      const v = str(doc, a.value, [...p('aux_addresses'), a.key]);
      return v ? [{ name: a.key, keySpan: a.keySpan, value: v }] : [];
    }),
    auxKey: auxE ? { keySpan: auxE.keySpan, span: auxE.span, path: p('aux_addresses') } : undefined,
    exclude: strList(doc, f.get('exclude')?.value, p('exclude')) ?? [],
    internal: bool(doc, f.get('internal')?.value, p('internal')),
    hosts: strList(doc, f.get('hosts')?.value, p('hosts')),
    labels: strMap(doc, f.get('labels')?.value),
  };
  if (ipRangeE) {
    net.ipRangeKey = { keySpan: ipRangeE.keySpan, span: ipRangeE.span, path: p('ip_range') };
    if (isMap(ipRangeE.value)) {
      net.ipRangeByHost = entries(doc, ipRangeE.value).flatMap((h) => {
        const v = str(doc, h.value, [...p('ip_range'), h.key]);
        return v ? [{ host: h.key, keySpan: h.keySpan, range: v }] : [];
      });
    } else net.ipRange = str(doc, ipRangeE.value, p('ip_range'));
  }
  if (ipv6E && isMap(ipv6E.value)) {
    const v = byKey(entries(doc, ipv6E.value));
    const vp = p('ipv6');
    net.ipv6 = {
      span: ipv6E.span,
      keySpan: ipv6E.keySpan,
      path: vp,
      subnet: str(doc, v.get('subnet')?.value, [...vp, 'subnet']),
      gateway: str(doc, v.get('gateway')?.value, [...vp, 'gateway']),
      ipRange: str(doc, v.get('ip_range')?.value, [...vp, 'ip_range']),
    };
  }
  return net;
}

function buildContainer(doc: Document, e: MapEntry): ContainerSpec {
  const path: Path = ['containers', e.key];
  const f = byKey(entries(doc, e.value));
  const p = (k: string): Path => [...path, k];
  const networks: AttachmentSpec[] = entries(doc, f.get('networks')?.value).map((n) => {
    const np: Path = [...p('networks'), n.key];
    const a = byKey(entries(doc, n.value));
    return {
      name: n.key,
      keySpan: n.keySpan,
      span: n.span,
      path: np,
      ipv4: str(doc, a.get('ipv4_address')?.value, [...np, 'ipv4_address']),
      ipv6: str(doc, a.get('ipv6_address')?.value, [...np, 'ipv6_address']),
      mac: str(doc, a.get('mac_address')?.value, [...np, 'mac_address']),
    };
  });
  const cmdNode = f.get('command')?.value;
  let command: string | string[] | undefined;
  if (isScalar(cmdNode) && typeof cmdNode.value === 'string') command = cmdNode.value;
  else if (isSeq(cmdNode)) command = (strList(doc, cmdNode, p('command')) ?? []).map((v) => v.value);
  return {
    name: e.key,
    keySpan: e.keySpan,
    span: e.span,
    path,
    image: str(doc, f.get('image')?.value, p('image')),
    host: str(doc, f.get('host')?.value, p('host')),
    networks,
    command,
    env: strMap(doc, f.get('env')?.value),
    restart: str(doc, f.get('restart')?.value, p('restart')),
    labels: strMap(doc, f.get('labels')?.value),
  };
}
