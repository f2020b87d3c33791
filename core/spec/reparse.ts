import { isMap, isPair, isScalar, Pair, type Node, type YAMLMap } from 'yaml';
import { fastParse } from './fastYaml';
import type { ContainerSpec, NetworkSpec, SpecModel } from './model';
import { buildContainer, buildNetwork, type ParsedSpec } from './parse';
import { entryOf } from './yamlNodes';

/**
 * Re-reads only the network or container an edit falls in. Typing in a 5.7 MB spec changes
 * one entry of `networks:` or `containers:`; parsing that entry alone and moving everything
 * after it by the length difference is what makes a check after an edit cheap.
 *
 * `prev` must come from the fast path and is updated in place (its document, model and
 * value become the new version's): the caller drops the previous version. Returns undefined
 * whenever the edit is not confined to one entry whose key stays the same, or anything about
 * it is unusual (comments at its end, duplicate keys, blank lines after a section's last
 * entry); the caller then parses the whole text, which is always correct.
 */
/** One replacement that turned the previous text into the new one: [from, oldTo) became [from, newTo). */
export interface TextChange {
  from: number;
  oldTo: number;
  newTo: number;
}

/**
 * `change`, when the caller knows it (an editor's incremental change), saves comparing the
 * two texts; it must describe exactly the difference between `prev.text` and `text`.
 */
export function reparse(prev: ParsedSpec, text: string, change?: TextChange): ParsedSpec | undefined {
  if (!prev.fast || prev.syntax.length > 0 || prev.value === undefined) return undefined;
  const old = prev.text;
  if (old === text) return prev;
  const doc = prev.doc;
  const top = doc.contents;
  if (!isMap(top) || top.flow) return undefined;

  // The changed span: [p, oldEnd) of the old text became [p, newEnd) of the new one.
  const known = change && change.from <= change.oldTo && change.oldTo <= old.length && old.length - change.oldTo === text.length - change.newTo;
  const { prefix: p, suffix: s } = known ? { prefix: change.from, suffix: old.length - change.oldTo } : commonEnds(old, text);
  const oldEnd = old.length - s;
  const delta = text.length - old.length;

  const secIndex = top.items.findIndex((pair) => {
    const v = pair.value as Node | null;
    return isMap(v) && !v.flow && v.range !== undefined && v.range !== null && v.range[0] <= p && p < v.range[1];
  });
  if (secIndex < 0) return undefined;
  const secPair = top.items[secIndex];
  const secKey = isScalar(secPair.key) ? secPair.key.value : undefined;
  if (secKey !== 'networks' && secKey !== 'containers') return undefined;
  const sec = secPair.value as YAMLMap;
  const i = lastStartingAtOrBefore(sec, p);
  if (i < 0) return undefined;
  const oldPair = sec.items[i];
  const oldKey = oldPair.key as Node;
  if (!isScalar(oldKey) || typeof oldKey.value !== 'string') return undefined;
  const col = sec.range![0] - lineStart(old, sec.range![0]);
  const from = lineStart(old, oldKey.range![0]);
  if (oldKey.range![0] - from !== col) return undefined;
  // The entry ends where the next one starts; the last one where the next top-level key does
  // (or the text ends), and then the section's (and maybe the document's) end moves with it.
  const last = i === sec.items.length - 1;
  let to: number;
  if (!last) {
    const nextKey = sec.items[i + 1].key as Node;
    if (!isScalar(nextKey)) return undefined;
    to = lineStart(old, nextKey.range![0]);
    if (nextKey.range![0] - to !== col) return undefined;
  } else {
    const nextTop = top.items[secIndex + 1]?.key as Node | undefined;
    if (nextTop && !isScalar(nextTop)) return undefined;
    to = nextTop ? lineStart(old, nextTop.range![0]) : old.length;
    // Edits past the section's content (in blank lines after it) are left to a full parse.
    if (oldEnd > sec.range![1]) return undefined;
  }
  // The edit must stay inside the entry's lines, and leave the line break before the next one.
  if (p < from || oldEnd > (to === old.length ? to : to - 1)) return undefined;

  const slice = text.slice(from, to + delta);
  if (!cleanEnd(slice)) return undefined;
  const parsed = fastParse(slice);
  const m = parsed?.doc.contents;
  if (!parsed || !isMap(m) || m.items.length !== 1 || m.range![0] !== col) return undefined;
  const newPair = m.items[0];
  if (!isScalar(newPair.key) || newPair.key.value !== oldKey.value) return undefined;
  if (parsed.duplicateKeys) return undefined;

  // From here on the update cannot fail.
  shiftNode(newPair, from);
  const after = to; // old offsets at or past this move by delta
  const oldKeyStart = oldKey.range![0];
  for (let k = i + 1; k < sec.items.length; k++) shiftNode(sec.items[k], delta);
  for (let k = secIndex + 1; k < top.items.length; k++) shiftNode(top.items[k], delta);
  const pair = new Pair(newPair.key, newPair.value);
  sec.items[i] = pair;
  // A collection ends where its last value ends (range[2]); no comments follow (cleanEnd).
  const secEnd = last ? ((pair.value as Node | null)?.range?.[2] ?? (pair.key as Node).range![1]) : undefined;
  if (secEnd !== undefined) sec.range = [sec.range![0], secEnd, secEnd];
  else shiftEnds(sec, after, delta);
  if (secEnd !== undefined && secIndex === top.items.length - 1) top.range = [top.range![0], secEnd, secEnd];
  else shiftEnds(top, after, delta);
  if (doc.range) shiftEnds({ range: doc.range }, after, delta);
  ((prev.value as Record<string, Record<string, unknown>>)[secKey])[oldKey.value] = (parsed.value as Record<string, unknown>)[oldKey.value];

  // The new entry's model now, in new offsets; the rest of the model moves when first read
  // (a completion right after an edit needs the nodes, not the model).
  const entry = entryOf(doc, pair)!;
  const replaced = secKey === 'networks' ? buildNetwork(doc, entry) : buildContainer(doc, entry);
  const isNetworks = secKey === 'networks';
  let model: SpecModel | undefined;
  const moveModel = (): SpecModel => {
    const before = prev.model;
    const next: SpecModel = { ...before, text };
    const list: (NetworkSpec | ContainerSpec)[] = isNetworks ? before.networks : before.containers;
    const at = findByKeyStart(list, oldKeyStart);
    if (at >= 0) {
      const copy = list.slice();
      copy[at] = replaced;
      if (isNetworks) next.networks = copy as NetworkSpec[];
      else next.containers = copy as ContainerSpec[];
    }
    shiftSpans(next, to, delta, replaced);
    // The section's key entry spans to the section's end, which the new last entry decided.
    if (secEnd !== undefined) {
      const info = isNetworks ? next.networksKey : next.containersKey;
      const moved = info ? { ...info, span: { start: info.span.start, end: Math.max(info.keySpan.end, secEnd) } } : undefined;
      if (isNetworks) next.networksKey = moved;
      else next.containersKey = moved;
    }
    return next;
  };
  return {
    text,
    get model(): SpecModel {
      model ??= moveModel();
      return model;
    },
    doc,
    syntax: [],
    value: prev.value,
    fast: true,
    edit: { from: p, oldTo: oldEnd, newTo: text.length - s },
    replaced: { section: secKey, name: oldKey.value },
  };
}

/** Index of the entry whose key starts at `start` (entries are in text order), or -1. */
function findByKeyStart(list: { keySpan: { start: number } }[], start: number): number {
  const i = firstFrom(list.length, (k) => list[k].keySpan.start, start);
  return i < list.length && list[i].keySpan.start === start ? i : -1;
}

/**
 * Lengths of the common prefix and suffix (not overlapping). Compares 4 KiB slices first:
 * string equality is native, a loop over 5.7 million characters is not.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  const CHUNK = 4096;
  let p = 0;
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  const room = max - p;
  while (s + CHUNK <= room && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { prefix: p, suffix: s };
}

/** Index of the first of `n` items in text order whose start is at or past `offset` (`n` when none). */
function firstFrom(n: number, startOf: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last item of `map` whose key starts at or before `offset` (-1 when none). */
function lastStartingAtOrBefore(map: YAMLMap, offset: number): number {
  return firstFrom(map.items.length, (i) => (map.items[i].key as Node).range![0], offset + 1) - 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Whether the entry's text ends where the fast path would end it as part of the whole file:
 * no comment after its last content, and none on that line (the package lets comments there
 * reach into the next line, which the slice does not have).
 */
function cleanEnd(slice: string): boolean {
  const lines = slice.split('\n');
  let k = lines.length - 1;
  while (k > 0 && lines[k].trim() === '') k--;
  for (let j = k + 1; j < lines.length; j++) if (lines[j].includes('#')) return false;
  return !lines[k].includes('#');
}

/**
 * Adds `d` to every range in a node, its pairs and items. Duck-typed rather than isPair()/
 * isMap() per node: this runs over every node after the edit, hundreds of thousands of them.
 */
function shiftNode(node: unknown, d: number): void {
  const n = node as { range?: number[] | null; items?: unknown[]; key?: unknown; value?: unknown } | null;
  if (!n) return;
  const r = n.range;
  if (r) {
    r[0] += d;
    r[1] += d;
    r[2] += d;
  } else if (isPair(n)) {
    shiftNode(n.key, d);
    shiftNode(n.value, d);
    return;
  }
  const items = n.items;
  if (items !== undefined) for (let i = 0; i < items.length; i++) shiftNode(items[i], d);
}

/** Where an offset of the old text is in the new one: at or past `after` (the edit's end) it moves by `d`. */
export function moved(offset: number, after: number, d: number): number {
  return offset >= after ? offset + d : offset;
}

/** A collection that contains the edit: only its ends move. */
function shiftEnds(n: { range?: [number, number, number] | null }, after: number, d: number): void {
  const r = n.range;
  if (!r) return;
  r[1] = moved(r[1], after, d);
  r[2] = moved(r[2], after, d);
}

/**
 * Moves every span of the model at or past `after` (old offsets) by `d`. Each span object
 * belongs to one place in the model (the parse builds a new one for every use; a test holds
 * it to that), so a plain walk moves each exactly once.
 */
function shiftSpans(model: SpecModel, after: number, d: number, skip: object): void {
  // Entries are in text order: only those from the first one past the edit need a look.
  const tail = <T extends { keySpan: { start: number } }>(list: T[]): T[] => list.slice(firstFrom(list.length, (i) => list[i].keySpan.start, after));
  const walk = (o: unknown): void => {
    if (o === null || typeof o !== 'object' || o === skip) return;
    if (Array.isArray(o)) {
      for (const x of o) walk(x);
      return;
    }
    const rec = o as Record<string, unknown>;
    if (typeof rec.start === 'number' && typeof rec.end === 'number') {
      rec.start = moved(rec.start, after, d);
      rec.end = moved(rec.end, after, d);
      return;
    }
    for (const k in rec) if (k !== 'path') walk(rec[k]);
  };
  for (const part of [model.version, model.hosts, model.hostsKey, model.networksKey, model.containersKey]) walk(part);
  for (const n of tail(model.networks)) walk(n);
  for (const c of tail(model.containers)) walk(c);
}
