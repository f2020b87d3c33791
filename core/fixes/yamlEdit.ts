import { isMap, isScalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Path, Span } from '../spec/model';
import { plainIsTyped } from '../spec/coreTags';
import { nodeAtPath } from '../spec/yamlNodes';
import type { TextEdit } from './types';

/**
 * Text edits on YAML by offsets. The `yaml` package can re-serialise a document, but that would
 * rewrite the user's layout and comments; these helpers touch only the bytes a fix is about.
 */
export interface YamlText {
  text: string;
  doc: Document;
}

/** A value a fix writes: a scalar, or a small map of scalars (a per-host `ip_range`). */
export type YamlValue = string | number | readonly (readonly [string, string])[];

interface KeyedPair {
  key: string;
  keySpan: Span;
  /** Where the value ends (the key's end for `key:` with no value), trailing comment excluded. */
  valueEnd: number;
  value: Node | null;
  pair: Pair;
}

export interface ScalarText {
  /** The span without the quotes. */
  inner: Span;
  value: string;
  quote: '"' | "'" | '';
}

/** The inner text of a scalar as written, so a rewrite can keep the user's quotes. */
export function scalarText(text: string, span: Span): ScalarText {
  const first = text[span.start];
  if ((first === '"' || first === "'") && span.end - span.start >= 2 && text[span.end - 1] === first) {
    const inner = { start: span.start + 1, end: span.end - 1 };
    return { inner, value: text.slice(inner.start, inner.end), quote: first };
  }
  return { inner: span, value: text.slice(span.start, span.end), quote: '' };
}

/** Replace a scalar's value and keep its quoting style: only the text between the quotes changes. */
export function replaceScalar(text: string, span: Span, value: string | number): TextEdit {
  const s = scalarText(text, span);
  const v = String(value);
  if (s.quote === '"') return { span: s.inner, newText: v.replace(/[\\"]/g, (c) => `\\${c}`) };
  if (s.quote === "'") return { span: s.inner, newText: v.replace(/'/g, "''") };
  return { span, newText: typeof value === 'number' ? v : formatScalar(v) };
}

/**
 * Plain when YAML would read the text back as the same string (addresses, CIDRs, names), else
 * double-quoted. Numbers go through as numbers: `vlan: 10` must stay an integer.
 */
export function formatScalar(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_.:/+-]*$/.test(value) || /^::?[0-9A-Fa-f][0-9A-Fa-f:./]*$/.test(value);
  // Plain scalars that YAML resolves to another type must be quoted to stay strings: the core
  // schema's own tags (0x1F, 1e3, .inf, null, ...), and what YAML 1.1 readers such as
  // docker-compose take as bools or numbers (yes, off, 1_000).
  const retyped =
    plainIsTyped(value) || (/^(?:[-+]?[0-9][0-9_.]*|yes|no|on|off|y|n)$/i.test(value) && !/^\d+\.\d+\.\d+/.test(value));
  // `2001:db8::` plain would end in ": " territory at end of line and read as a mapping key.
  return plain && !retyped && !value.endsWith(':') ? value : JSON.stringify(value);
}

export function formatKey(key: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) ? key : JSON.stringify(key);
}

export function lineStartOf(text: string, offset: number): number {
  // Not lastIndexOf('\n', -1): that still matches a "\n" at offset 0.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function mapAt(y: YamlText, mapPath: Path): YAMLMap | undefined {
  const node = mapPath.length === 0 ? y.doc.contents : nodeAtPath(y.doc, mapPath).node;
  return isMap(node) ? node : undefined;
}

function pairsOf(map: YAMLMap): KeyedPair[] {
  const out: KeyedPair[] = [];
  for (const pair of map.items) {
    const k = pair.key;
    if (!isScalar(k) || !k.range) continue;
    const value = (pair.value as Node | null) ?? null;
    const keySpan = { start: k.range[0], end: k.range[1] };
    out.push({ key: String(k.value), keySpan, valueEnd: value?.range?.[1] ?? keySpan.end, value, pair });
  }
  return out;
}

/** The entry `key` of the map at `mapPath`, when both exist. */
export function findKey(y: YamlText, mapPath: Path, key: string): { keySpan: Span; value: Node | null; valueEnd: number } | undefined {
  const map = mapAt(y, mapPath);
  return map ? pairsOf(map).find((p) => p.key === key) : undefined;
}

/**
 * The indentation step of a block map: its keys' column minus its owner key's column. Specs use
 * 2 or 4 spaces; a nested map we write must match or it reads as a different structure.
 */
function indentUnit(y: YamlText, mapPath: Path, map: YAMLMap): number {
  const first = pairsOf(map)[0];
  const owner = mapPath.length > 0 ? nodeAtPath(y.doc, mapPath).keySpan : undefined;
  if (!first || !owner) return 2;
  const step = columnOf(y.text, first.keySpan.start) - columnOf(y.text, owner.start);
  return step > 0 ? step : 2;
}

/** Offset of the start of the line after the one holding `end`; block collections already end there. */
function afterLine(text: string, end: number): { at: number; prefix: string } {
  if (end > 0 && text[end - 1] === '\n') return { at: end, prefix: '' };
  const nl = text.indexOf('\n', end);
  return nl < 0 ? { at: text.length, prefix: eolOf(text) } : { at: nl + 1, prefix: '' };
}

function flowValue(value: YamlValue): string {
  if (typeof value === 'string' || typeof value === 'number') return formatScalar(value);
  return `{ ${value.map(([k, v]) => `${formatKey(k)}: ${formatScalar(v)}`).join(', ')} }`;
}

function blockValue(value: YamlValue, childIndent: string, eol: string): string {
  if (typeof value === 'string' || typeof value === 'number') return ` ${formatScalar(value)}`;
  return value.map(([k, v]) => `${eol}${childIndent}${formatKey(k)}: ${formatScalar(v)}`).join('');
}

/**
 * Insert `key: value` into the map at `mapPath`, right after the entry `afterKey` (or after the
 * last entry). Block maps get a new line at the sibling's indentation; flow maps get
 * `, key: value` after the sibling. Undefined when there is no map there to insert into.
 */
export function insertKey(y: YamlText, mapPath: Path, afterKey: string | undefined, key: string, value: YamlValue): TextEdit | undefined {
  const map = mapAt(y, mapPath);
  if (!map) return undefined;
  const pairs = pairsOf(map);
  const sibling = pairs.find((p) => p.key === afterKey) ?? pairs[pairs.length - 1];
  if (map.flow) {
    const entry = `${formatKey(key)}: ${flowValue(value)}`;
    if (sibling) return { span: { start: sibling.valueEnd, end: sibling.valueEnd }, newText: `, ${entry}` };
    const open = map.range?.[0];
    if (open === undefined || y.text[open] !== '{') return undefined;
    return { span: { start: open + 1, end: open + 1 }, newText: ` ${entry} ` };
  }
  if (!sibling) return undefined;
  const eol = eolOf(y.text);
  const col = columnOf(y.text, sibling.keySpan.start);
  const indent = ' '.repeat(col);
  const child = ' '.repeat(col + indentUnit(y, mapPath, map));
  const { at, prefix } = afterLine(y.text, sibling.valueEnd);
  return { span: { start: at, end: at }, newText: `${prefix}${indent}${formatKey(key)}:${blockValue(value, child, eol)}${eol}` };
}

/**
 * Give the existing `key` of the map at `mapPath` a new map value, in the style already there:
 * a flow map stays a flow map (also inside a flow parent), a block map keeps its indentation,
 * and a scalar under a block parent becomes a nested block map.
 */
export function setMapValue(y: YamlText, mapPath: Path, key: string, entries: readonly (readonly [string, string])[]): TextEdit | undefined {
  const map = mapAt(y, mapPath);
  const target = map ? pairsOf(map).find((p) => p.key === key) : undefined;
  if (!map || !target) return undefined;
  const v = target.value;
  const eol = eolOf(y.text);
  if (v?.range && (map.flow || (isMap(v) && v.flow))) {
    return { span: { start: v.range[0], end: v.range[1] }, newText: flowValue(entries) };
  }
  if (isMap(v) && !v.flow) {
    const kids = pairsOf(v);
    if (kids.length > 0) {
      const indent = ' '.repeat(columnOf(y.text, kids[0].keySpan.start));
      const text = entries.map(([k, val]) => `${formatKey(k)}: ${formatScalar(val)}`).join(`${eol}${indent}`);
      return { span: { start: kids[0].keySpan.start, end: kids[kids.length - 1].valueEnd }, newText: text };
    }
  }
  if (map.flow) return undefined;
  const child = ' '.repeat(columnOf(y.text, target.keySpan.start) + indentUnit(y, mapPath, map));
  // From the key's end, so `ip_range: x  # pool` keeps its comment (after the last new line).
  return { span: { start: target.keySpan.end, end: target.valueEnd }, newText: `:${blockValue(entries, child, eol)}` };
}

/**
 * Remove the entry at `path` (its last element is the key). A block entry goes with its whole
 * lines; a flow entry with one adjoining comma. Undefined when the key is not found or shares
 * its line with a sequence dash, where removing it would need restructuring.
 */
export function removeKey(y: YamlText, path: Path): TextEdit | undefined {
  const key = path[path.length - 1];
  const map = typeof key === 'string' ? mapAt(y, path.slice(0, -1)) : undefined;
  if (!map) return undefined;
  const pairs = pairsOf(map);
  const i = pairs.findIndex((p) => p.key === key);
  if (i < 0) return undefined;
  const p = pairs[i];
  if (map.flow) {
    if (i + 1 < pairs.length) return { span: { start: p.keySpan.start, end: pairs[i + 1].keySpan.start }, newText: '' };
    if (i > 0) return { span: { start: pairs[i - 1].valueEnd, end: p.valueEnd }, newText: '' };
    return { span: { start: p.keySpan.start, end: p.valueEnd }, newText: '' };
  }
  const lineStart = lineStartOf(y.text, p.keySpan.start);
  if (y.text.slice(lineStart, p.keySpan.start).trim() !== '') return undefined;
  const { at } = afterLine(y.text, p.valueEnd);
  return { span: { start: lineStart, end: at }, newText: '' };
}
