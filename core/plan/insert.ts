/**
 * "Add to spec": puts what core/plan's import made of one network (and its containers) into
 * an existing spec as text insertions, so the user's comments, order and formatting stay as
 * they are. Pure (unit-tested); the command turns the result into one undoable edit.
 */
import { Document, isMap, isPair, isScalar, parseDocument, YAMLMap, type Pair } from 'yaml';
import type { Entry } from '../spec/model';
import { parseSpec } from '../spec/parse';

export interface InsertOptions {
  /** The spec host the network was observed on. */
  host: string;
  /** The spec declares several hosts: the new entries name theirs (`hosts:` / `host:`). */
  multiHost: boolean;
}

export interface InsertResult {
  text: string;
  networks: string[];
  containers: string[];
  /** What was not added, and why. */
  skipped: string[];
}

export type InsertOutcome = { ok: true; result: InsertResult } | { ok: false; error: string };

type Section = 'networks' | 'containers';

export function insertImported(specText: string, importText: string, opts: InsertOptions): InsertOutcome {
  const imported = parseDocument(importText);
  const model = parseSpec(specText).model;
  const have = { networks: new Set(model.networks.map((n) => n.name)), containers: new Set(model.containers.map((c) => c.name)) };
  const unit = indentUnit(specText, [...model.hosts.filter(() => model.hostsDeclared), ...model.networks, ...model.containers]);
  const skipped: string[] = [];
  const blocks: Record<Section, { name: string; text: string }[]> = { networks: [], containers: [] };

  for (const section of ['networks', 'containers'] as const) {
    const map = imported.get(section);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      if (have[section].has(name)) {
        skipped.push(`${section === 'networks' ? 'network' : 'container'} ${name}: the spec already has one of that name`);
        continue;
      }
      if (opts.multiHost && isMap(pair.value)) {
        if (section === 'networks') pair.value.set('hosts', imported.createNode([opts.host], { flow: true }));
        else pair.value.items.splice(1, 0, imported.createPair('host', opts.host));
      }
      blocks[section].push({ name, text: blockOf(pair, unit) });
    }
  }
  let text = specText;
  for (const section of ['networks', 'containers'] as const) {
    if (blocks[section].length === 0) continue;
    const next = insertSection(text, section, blocks[section].map((b) => b.text), unit);
    if (next === undefined) return { ok: false, error: `the spec writes ${section}: as a flow mapping ({ … }); add the entries by hand or rewrite it as a block` };
    text = next;
  }
  return { ok: true, result: { text, networks: blocks.networks.map((b) => b.name), containers: blocks.containers.map((b) => b.name), skipped } };
}

function blockOf(pair: Pair, unit: number): string {
  const doc = new Document();
  const map = new YAMLMap();
  map.items.push(pair);
  doc.contents = map;
  return doc.toString({ indent: unit, lineWidth: 0, nullStr: '' }).trimEnd();
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The spec's indentation step: the column of its first second-level key (2 when none). */
function indentUnit(text: string, entries: Entry[]): number {
  const first = entries.sort((a, b) => a.keySpan.start - b.keySpan.start)[0];
  const col = first ? columnOf(text, first.keySpan.start) : 0;
  return col >= 1 && col <= 8 ? col : 2;
}

const indentLines = (block: string, pad: string) =>
  block
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');

/** The text with `blocks` added at the end of the top-level `section` map; undefined for a flow map. */
export function insertSection(text: string, section: Section, blocks: string[], unit: number): string | undefined {
  const model = parseSpec(text).model;
  const key = section === 'networks' ? model.networksKey : model.containersKey;
  const entries: Entry[] = section === 'networks' ? model.networks : model.containers;
  const pad = ' '.repeat(entries.length ? columnOf(text, entries[0].keySpan.start) : unit);
  const body = blocks.map((b) => indentLines(b, pad));

  if (!key) {
    let base = text;
    if (base.length > 0 && !base.endsWith('\n')) base += '\n';
    const gap = base.trim().length > 0 ? '\n' : '';
    return `${base}${gap}${section}:\n${body.join('\n')}\n`;
  }
  const afterColon = text.slice(key.keySpan.end).replace(/^\s*:[ \t]*/, '');
  if (entries.length === 0) {
    // `networks:` with nothing, or `networks: {}`: the key and its empty value are replaced.
    return `${text.slice(0, key.span.start)}${section}:\n${body.join('\n')}${text.slice(key.span.end)}`;
  }
  if (afterColon.startsWith('{')) return undefined;
  const blank = entries.length >= 2 && /\n[ \t]*\n/.test(text.slice(entries[0].span.start, entries[1].keySpan.start));
  const joined = body.join(blank ? '\n\n' : '\n');
  const gap = blank ? '\n' : '';
  const end = key.span.end;
  if (end > 0 && text[end - 1] === '\n') return `${text.slice(0, end)}${gap}${joined}\n${text.slice(end)}`;
  const nl = text.indexOf('\n', end);
  if (nl < 0) return `${text}\n${gap}${joined}\n`;
  return `${text.slice(0, nl)}\n${gap}${joined}${text.slice(nl)}`;
}

/** The one replacement that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
