import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Path, Span, Val } from './model';

/* Helpers over `yaml` AST nodes; aliases resolve to their anchors. */

export function deref(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? undefined;
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
