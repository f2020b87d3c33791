import { Composer, isMap, isScalar, isSeq, Parser, YAMLParseError, type CST, type Document } from 'yaml';
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
  type Val,
} from './model';
import { LineIndex } from '../text/positions';
import { fastParse } from './fastYaml';
import type { TextChange } from './reparse';
import { aliasUse, anyScalar, bool, byKey, entries, MAX_ALIASES, MAX_ALIASED_NODES, num, spanOf, str, strEntries, strList, strMap, type MapEntry } from './yamlNodes';

export interface ParsedSpec {
  /** The text parsed (the same as model.text; reading it does not build a pending model). */
  text: string;
  model: SpecModel;
  doc: Document;
  /** MV000 findings: YAML syntax, duplicate keys, top level not a mapping. */
  syntax: Finding[];
  /** Plain JS value for the schema check (undefined when the YAML could not be converted). */
  value: unknown;
  /** The text's line index, when the parse found the line breaks itself. */
  lines?: LineIndex;
  /** Set by reparse(): the edit from the previous version ([from, oldTo) became [from, newTo)). */
  edit?: TextChange;
  /** Set by reparse(): the one entry that was read again (everything else is the previous version's). */
  replaced?: { section: 'networks' | 'containers'; name: string };
  /** Read by the fast path (core/spec/fastYaml.ts): the document may be updated in place by reparse(). */
  fast?: boolean;
}

/** YAML syntax errors reported one by one; the rest are counted in one more finding. */
export const MAX_SYNTAX_ERRORS = 100;

/** Aliases may expand at most this many nodes, against "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

/**
 * Collections nested deeper than this are not composed. The yaml package composes recursively:
 * past ~700 levels it overflows the stack, and composing again after such an overflow can kill
 * Node outright ("RegExpCompiler Allocation failed"), taking the language server with it.
 * A spec nests six levels.
 */
export const MAX_NESTING = 100;

/**
 * Texts longer than this are not parsed, wherever they come from (CLI, language server,
 * extension host): a 50 MB YAML costs the yaml package 3 GB and most of a minute.
 */
export const MAX_SPEC_CHARS = 20 * 1024 * 1024;

export function parseSpec(text: string): ParsedSpec {
  if (text.length > MAX_SPEC_CHARS) return tooLarge(text);
  // Most specs are plain block YAML, which the fast path reads in a tenth of the time; it
  // builds the same nodes or declines, and then the yaml package reads the text.
  const fast = fastParse(text);
  // A top that is not a mapping gets its MV000 from the package path.
  if (fast && isMap(fast.doc.contents)) {
    const syntax: Finding[] = [];
    if (fast.duplicateKeys) {
      duplicateKeys(fast.doc, (message, span, path, first) =>
        syntax.push({ code: 'MV000', severity: 'error', message, span, path, related: [{ span: first, path, message: 'first occurrence' }] }),
      );
    }
    return { text, model: buildModel(fast.doc, text), doc: fast.doc, syntax, value: fast.value, fast: true, lines: new LineIndex(text, fast.lineStarts) };
  }
  return parseWithPackage(text);
}

function parseWithPackage(text: string): ParsedSpec {
  // The package builds an Error (with a stack trace) for every syntax error it meets, and a
  // broken line of 200,000 quotes holds tens of thousands: capturing their stacks cost seconds.
  // Messages and positions are all the findings use.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseWithPackageNoStacks(text);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function parseWithPackageNoStacks(text: string): ParsedSpec {
  // parseDocument() spelt out, so that the token tree is measured before it is composed.
  // uniqueKeys: the yaml package compares every key with every earlier one (quadratic on a
  // 40,000-container map); duplicateKeys() below does it with a Set per map.
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let tooDeep: number | undefined;
  try {
    // A spec is one document: stop tokenising at the second (composeFirst reports it), or a
    // file of a million `---` lines would be read whole, with a token tree per document.
    let documents = 0;
    for (const token of parser.parse(text)) {
      tokens.push(token);
      if (token.type === 'document' && ++documents === 2) break;
    }
    tooDeep = deeperThan(tokens, MAX_NESTING);
  } catch (err) {
    // The parser recurses too when it closes many levels at once ("? ? ? …" on two lines) and
    // then overflows the stack; that is deep nesting as well.
    if (!(err instanceof RangeError)) throw err;
    tooDeep = Math.min(parser.offset, text.length);
  }
  const doc = composeFirst(tooDeep === undefined ? tokens : [], text.length);
  const syntax: Finding[] = [];
  const mv000 = (message: string, span: Span, path: Path = []): void => {
    syntax.push({ code: 'MV000', severity: 'error', message, span, path, related: [] });
  };
  if (tooDeep !== undefined) {
    mv000(`the YAML is nested more than ${MAX_NESTING} levels deep here; it was not read any further`, clampSpan({ start: tooDeep, end: tooDeep + 1 }, text));
  }
  // A broken line can hold tens of thousands of errors; past the first hundred they say nothing new.
  const shown = Math.min(doc.errors.length, MAX_SYNTAX_ERRORS);
  for (let i = 0; i < shown; i++) {
    const e = doc.errors[i];
    mv000(`YAML syntax error: ${cleanYamlMessage(e.message)}`, clampSpan({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, text));
  }
  if (doc.errors.length > shown) {
    const e = doc.errors[shown];
    mv000(`${doc.errors.length - shown} more YAML syntax errors from here on are not listed — fix the ones above first`, clampSpan({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, text));
  }
  duplicateKeys(doc, (message, span, path, first) =>
    syntax.push({ code: 'MV000', severity: 'error', message, span, path, related: [{ span: first, path, message: 'first occurrence' }] }),
  );

  let value: unknown;
  const aliases = doc.errors.length === 0 && tooDeep === undefined ? aliasUse(doc) : { aliases: 0, usable: true };
  if (!aliases.usable) {
    const why = aliases.aliases > MAX_ALIASES ? `${aliases.aliases} aliases (*name), more than the ${MAX_ALIASES}` : `aliases (*name) that expand to more than ${MAX_ALIASED_NODES} nodes, more than`;
    mv000(`the YAML has ${why} a spec may use; no alias was read — write the values out`, { start: 0, end: Math.min(text.length, firstLineEnd(text)) });
  } else if (doc.errors.length === 0 && tooDeep === undefined) {
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
  if (top === null && doc.errors.length === 0 && tooDeep === undefined) value = {};
  return { text, model: buildModel(doc, text), doc, syntax, value };
}

function composeFirst(tokens: CST.Token[], end: number): Document {
  // logLevel 'error': the yaml package would print a Node warning on stderr for a key that is a
  // collection (`? [a, b]`); that key gets an MV001 finding, the CLI's stderr stays for errors.
  const composer = new Composer({ uniqueKeys: false, strict: true, merge: false, logLevel: 'error' });
  let doc: Document | undefined;
  for (const d of composer.compose(tokens, true, end)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document, if only an empty one.
  return doc!;
}

/** Offset of the first collection nested more than `max` deep, without recursion. */
function deeperThan(tokens: CST.Token[], max: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= max) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item: { key?: CST.Token | null; value?: CST.Token } = token.items[i];
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      }
    }
  }
  return undefined;
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

export function duplicateKeys(doc: Document, report: (m: string, s: Span, path: Path, first: Span) => void, root: unknown = doc.contents, rootPath: Path = []): void {
  // Explicit stack, not recursion: deep nesting in hostile input must not overflow.
  const stack: { node: unknown; path: Path }[] = [{ node: root, path: rootPath }];
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
    name: str(doc, top.get('name')?.value, ['name']),
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
    ...interfacesOf(doc, f.get('interfaces')?.value, [...path, 'interfaces']),
  };
}

export function buildNetwork(doc: Document, e: MapEntry): NetworkSpec {
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
    aux: strEntries(doc, auxE?.value, p('aux_addresses')),
    auxKey: auxE ? { keySpan: auxE.keySpan, span: auxE.span, path: p('aux_addresses') } : undefined,
    exclude: strList(doc, f.get('exclude')?.value, p('exclude')) ?? [],
    internal: bool(doc, f.get('internal')?.value, p('internal')),
    hosts: strList(doc, f.get('hosts')?.value, p('hosts')),
    scope: str(doc, f.get('scope')?.value, p('scope')),
    labels: strMap(doc, f.get('labels')?.value),
  };
  const shimE = f.get('host_shim');
  if (shimE) {
    if (isMap(shimE.value)) {
      net.hostShimByHost = entries(doc, shimE.value).flatMap((h) => {
        const v = str(doc, h.value, [...p('host_shim'), h.key]);
        return v ? [{ host: h.key, keySpan: h.keySpan, range: v }] : [];
      });
    } else net.hostShim = str(doc, shimE.value, p('host_shim'));
  }
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

export function buildContainer(doc: Document, e: MapEntry): ContainerSpec {
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

/** An empty spec with one MV000 on the first line: nothing past the size cap is read. */
function tooLarge(text: string): ParsedSpec {
  const empty = parseWithPackage('');
  const mib = (text.length / 1048576).toFixed(1);
  const message = `this spec is too large to check (${mib} MiB; the limit is ${MAX_SPEC_CHARS / 1048576} MiB) — split it into several specs`;
  const lines = new LineIndex(text);
  return { ...empty, text, value: undefined, lines, syntax: [{ code: 'MV000', severity: 'error', message, span: { start: 0, end: lines.lineEnd(0) }, path: [], related: [] }] };
}

/** `interfaces:` as a list of names, or a map of name → the host's own address (or null). */
function interfacesOf(doc: Document, node: unknown, path: Path): Pick<HostSpec, 'interfaces' | 'interfaceAddrs'> {
  const list = strList(doc, node, path);
  if (list) return { interfaces: list };
  const es = entries(doc, node);
  if (es.length === 0) return {};
  const interfaces: Val<string>[] = [];
  const interfaceAddrs: NonNullable<HostSpec['interfaceAddrs']> = [];
  for (const e of es) {
    interfaces.push({ value: e.key, span: e.keySpan, path: [...path, e.key] });
    const addr = str(doc, e.value, [...path, e.key]);
    if (addr) interfaceAddrs.push({ name: e.key, keySpan: e.keySpan, addr });
  }
  return { interfaces, interfaceAddrs };
}
