import { isAlias, isMap, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Path, Span, Val } from './model';

/* Helpers over `yaml` AST nodes; aliases resolve to their anchors. */

/**
 * More aliases than this in one document and none is resolved (MV000 from parseSpec): the
 * `yaml` package's own resolution (also inside toJS) scans every earlier anchor and alias for
 * each alias, quadratic in their number, and a spec has no need for thousands of them.
 */
export const MAX_ALIASES = 1000;
/** Nodes the aliases may stand for in all (each alias counts its anchor's subtree, expanded). */
export const MAX_ALIASED_NODES = 100_000;

interface Anchors {
  /** Per anchor name, its nodes' start offsets ascending and the nodes. */
  byName: Map<string, { at: number[]; nodes: Node[] }>;
  aliases: Alias[];
  /** Whether the aliases stay within MAX_ALIASES and MAX_ALIASED_NODES, so they may be resolved. */
  usable: boolean;
}

const anchorIndex = new WeakMap<Document, Anchors>();

/**
 * One walk per document collects every anchor; an alias then resolves by a binary search to
 * the last anchor of its name before it (YAML's rule). The package's `Alias.resolve(doc)`
 * walks the whole document for every alias.
 */
function anchorsOf(doc: Document): Anchors {
  let a = anchorIndex.get(doc);
  if (!a) {
    const byName: Anchors['byName'] = new Map();
    const aliases: Alias[] = [];
    visit(doc, (_key, n) => {
      if (isAlias(n)) {
        aliases.push(n);
        return;
      }
      const node = n as (Node & { anchor?: string }) | null;
      if (!node?.anchor || !node.range) return;
      let list = byName.get(node.anchor);
      if (!list) byName.set(node.anchor, (list = { at: [], nodes: [] }));
      list.at.push(node.range[0]);
      list.nodes.push(node);
    });
    for (const list of byName.values()) {
      const order = list.at.map((_, i) => i).sort((x, y) => list.at[x] - list.at[y]);
      list.at = order.map((i) => list.at[i]);
      list.nodes = order.map((i) => list.nodes[i]);
    }
    a = { byName, aliases, usable: false };
    a.usable = aliases.length <= MAX_ALIASES && aliasedNodes(a, MAX_ALIASED_NODES) <= MAX_ALIASED_NODES;
    anchorIndex.set(doc, a);
  }
  return a;
}

/** The anchor an alias names: the last one of that name before it. */
function target(a: Anchors, alias: Alias): Node | undefined {
  const list = a.byName.get(alias.source);
  if (!list) return undefined;
  const at = alias.range?.[0] ?? Infinity;
  let lo = 0;
  let hi = list.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.at[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  const found = lo > 0 ? list.nodes[lo - 1] : undefined;
  return found && !isAlias(found) ? found : undefined;
}

/**
 * Nodes the aliases stand for, expanded (an alias inside an anchor counts its own anchor again):
 * "billion laughs" stays small on disk and huge once read. Stops counting past `limit`. Anchors
 * precede their aliases, so the expansion has no cycles; each node's size is computed once.
 */
function aliasedNodes(a: Anchors, limit: number): number {
  const sizes = new Map<Node, number>();
  const size = (n: unknown, depth: number): number => {
    if (depth > 200) return limit + 1;
    if (isAlias(n)) {
      const t = target(a, n);
      return t ? size(t, depth + 1) : 1;
    }
    if (!n || typeof n !== 'object') return 0;
    const node = n as Node;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    if (isMap(node)) for (const p of node.items) total += size(p.key, depth + 1) + size(p.value, depth + 1);
    else if (isSeq(node)) for (const item of node.items) total += size(item, depth + 1);
    total = Math.min(total, limit + 1);
    sizes.set(node, total);
    return total;
  };
  let sum = 0;
  for (const alias of a.aliases) {
    sum += size(alias, 0);
    if (sum > limit) break;
  }
  return sum;
}

/** The document's aliases, and whether they are within the limits (else none is resolved). */
export function aliasUse(doc: Document): { aliases: number; usable: boolean } {
  const a = anchorsOf(doc);
  return { aliases: a.aliases.length, usable: a.usable };
}

export function deref(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) {
    const a = anchorsOf(doc);
    return a.usable ? target(a, node) : undefined;
  }
  return (node as Node | null | undefined) ?? undefined;
}

export function spanOf(node: Node | null | undefined, fallback: Span): Span {
  const r = node?.range;
  if (!r) return fallback;
  return { start: r[0], end: r[1] };
}

export interface MapEntry {
  key: string;
  keySpan: Span;
  /** Key start to value end. */
  span: Span;
  value: Node | undefined;
  pair: Pair;
}

/** Entries of a map with string-like scalar keys; other keys are left to the schema check. */
export function entries(doc: Document, node: unknown): MapEntry[] {
  const m = deref(doc, node);
  if (!isMap(m)) return [];
  const out: MapEntry[] = [];
  for (const pair of (m as YAMLMap).items) {
    const e = entryOf(doc, pair);
    if (e) out.push(e);
  }
  return out;
}

/** One pair as an entry; undefined when its key is not a string-like scalar. */
export function entryOf(doc: Document, pair: Pair): MapEntry | undefined {
  const k = pair.key;
  if (!isScalar(k) || k.value === null || typeof k.value === 'object') return undefined;
  const keySpan = spanOf(k, { start: 0, end: 0 });
  const value = deref(doc, pair.value);
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? keySpan.end;
  return { key: String(k.value), keySpan, span: { start: keySpan.start, end: Math.max(keySpan.end, valueEnd) }, value, pair };
}

export function byKey(list: MapEntry[]): Map<string, MapEntry> {
  const m = new Map<string, MapEntry>();
  // First occurrence wins; duplicates are MV000.
  for (const e of list) if (!m.has(e.key)) m.set(e.key, e);
  return m;
}

function scalarVal<T>(doc: Document, node: unknown, path: Path, accept: (v: unknown) => v is T): Val<T> | undefined {
  const n = deref(doc, node);
  if (!isScalar(n) || !accept(n.value)) return undefined;
  return { value: n.value, span: spanOf(n, { start: 0, end: 0 }), path };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isAny = (_v: unknown): _v is unknown => true;

export const str = (doc: Document, node: unknown, path: Path) => scalarVal(doc, node, path, isString);
export const num = (doc: Document, node: unknown, path: Path) => scalarVal(doc, node, path, isNumber);
export const bool = (doc: Document, node: unknown, path: Path) => scalarVal(doc, node, path, isBool);
export const anyScalar = (doc: Document, node: unknown, path: Path) => scalarVal(doc, node, path, isAny);

export function strList(doc: Document, node: unknown, path: Path): Val<string>[] | undefined {
  const n = deref(doc, node);
  if (!isSeq(n)) return undefined;
  const out: Val<string>[] = [];
  n.items.forEach((item, i) => {
    const v = str(doc, item, [...path, i]);
    if (v) out.push(v);
  });
  return out;
}

/** A map's string values with their keys' places (`aux_addresses`); other values are skipped. */
export function strEntries(doc: Document, node: unknown, path: Path): { name: string; keySpan: Span; value: Val<string> }[] {
  return entries(doc, node).flatMap((e) => {
    const v = str(doc, e.value, [...path, e.key]);
    return v ? [{ name: e.key, keySpan: e.keySpan, value: v }] : [];
  });
}

/** Plain string map (labels, env): scalars rendered as strings, other values skipped. */
export function strMap(doc: Document, node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries(doc, node)) {
    if (isScalar(e.value) && e.value.value !== null && typeof e.value.value !== 'object') out[e.key] = String(e.value.value);
  }
  return out;
}

/** Entries by key (first occurrence) of maps already looked into, for many `nodeAtPath` calls on one document. */
export type EntryIndex = Map<Node, Map<string, MapEntry>>;

/** The node at a path (keys and seq indexes), for mapping schema issues to text. */
export function nodeAtPath(doc: Document, path: Path, index?: EntryIndex): { node?: Node; keySpan?: Span; pairSpan?: Span } {
  let cur: Node | undefined = deref(doc, doc.contents);
  let keySpan: Span | undefined;
  let pairSpan: Span | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isSeq(cur)) return {};
      cur = deref(doc, cur.items[seg]);
      keySpan = undefined;
      pairSpan = undefined;
      if (!cur) return {};
      continue;
    }
    let e: MapEntry | undefined;
    if (index && cur) {
      let byName = index.get(cur);
      if (!byName) index.set(cur, (byName = byKey(entries(doc, cur))));
      e = byName.get(seg);
    } else e = entries(doc, cur).find((x) => x.key === seg);
    if (!e) return { keySpan, pairSpan, node: undefined };
    keySpan = e.keySpan;
    pairSpan = e.span;
    cur = e.value;
  }
  return { node: cur, keySpan, pairSpan };
}
