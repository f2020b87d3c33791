import type { Path, Span } from '../spec/model';
import { scanFlow, unquote } from './flowScan';
import { commentStart, dashOf, isStructural, keyOf, lineAt, nextLine, opensBlock, previousLine, type TextLine } from './textLines';

/** The cursor is where a key of the mapping at `path` goes. */
export interface KeyPlace {
  kind: 'key';
  path: Path;
  partial: string;
  replaceSpan: Span;
  /** Keys the mapping already has, the one being typed excluded. */
  present: Set<string>;
  /** A ':' already follows the word under the cursor: insert the name alone. */
  colonAfter: boolean;
  flow: boolean;
}

/** The cursor is on the value at `path` (its last element is the key, or the index in a list). */
export interface ValuePlace {
  kind: 'value';
  path: Path;
  partial: string;
  replaceSpan: Span;
  /** The other items of the list the value is in. */
  siblings: string[];
  /** Inside quotes the user opened: insert the raw text. */
  quoted: boolean;
  flow: boolean;
  /** The cursor is right after `key:`: the inserted value needs a space before it. */
  needsSpace: boolean;
}

export type CursorPlace = KeyPlace | ValuePlace;

const KEY_WORD = /^[A-Za-z0-9_.-]*/;
const VALUE_WORD = /^[^\s,\]}#'"]*/;

/**
 * What the cursor at `offset` is on, read from the text alone (indentation of this and earlier
 * lines), so that it works in half-typed YAML the parser cannot make sense of.
 * Undefined in comments and places completion has nothing to say about.
 */
export function placeAt(text: string, offset: number): CursorPlace | undefined {
  let line = lineAt(text, offset);
  const col = offset - line.start;
  if (line.text.slice(col).trim() === '') line = { ...line, end: offset, text: line.text.slice(0, col), body: line.text.slice(0, col).trimStart() };
  if (line.body === '') line = { ...line, indent: col };
  if (col < line.indent) return undefined;
  const dash = dashOf(line.body);
  const contentCol = line.indent + dash;
  if (col < contentCol) return undefined;
  const before = line.text.slice(contentCol, col);
  const after = line.text.slice(col);
  if (commentStart(before) >= 0) return undefined;

  const k = keyOf(before);
  if (k) {
    const seq = dash > 0 ? seqOf(text, line) : undefined;
    const parent = seq ? [...seq.path, seq.index] : mappingPath(text, line.start, contentCol);
    const valuePath = [...parent, k.key];
    const lead = k.rest.length - k.rest.trimStart().length;
    const value = k.rest.trimStart();
    const valueStart = line.start + contentCol + k.length + lead;
    if (value.startsWith('{') || value.startsWith('[')) return flowPlace(valuePath, value, after, offset);
    return blockValue(valuePath, value, after, valueStart, offset, [], lead === 0 && value === '');
  }
  if (dash > 0) {
    const seq = seqOf(text, line);
    if (before.startsWith('{') || before.startsWith('[')) return flowPlace([...seq.path, seq.index], before, after, offset);
    return blockValue([...seq.path, seq.index], before, after, line.start + contentCol, offset, seq.siblings);
  }
  if (!/^["']?[A-Za-z0-9_.-]*$/.test(before)) return undefined;
  const partial = before.replace(/^["']/, '');
  const word = KEY_WORD.exec(after)![0];
  return {
    kind: 'key',
    path: mappingPath(text, line.start, contentCol),
    partial,
    replaceSpan: { start: offset - partial.length, end: offset + word.length },
    present: presentKeys(text, line, contentCol),
    colonAfter: /^["']?\s*:/.test(after.slice(word.length)),
    flow: false,
  };
}

function blockValue(path: Path, typed: string, after: string, valueStart: number, offset: number, siblings: string[], needsSpace = false): ValuePlace {
  const quote = typed[0] === '"' || typed[0] === "'" ? typed[0] : '';
  if (quote) {
    const close = after.indexOf(quote);
    const partial = typed.slice(1);
    return { kind: 'value', path, partial, replaceSpan: { start: valueStart + 1, end: offset + (close < 0 ? after.trimEnd().length : close) }, siblings, quoted: true, flow: false, needsSpace: false };
  }
  const c = commentStart(after);
  const rest = (c < 0 ? after : after.slice(0, c)).trimEnd();
  return { kind: 'value', path, partial: typed, replaceSpan: { start: valueStart, end: offset + rest.length }, siblings, quoted: false, flow: false, needsSpace };
}

function flowPlace(path: Path, typed: string, after: string, offset: number): CursorPlace | undefined {
  const p = scanFlow(path, typed, after);
  if (!p) return undefined;
  const quoted = /["']$/.test(typed.slice(0, typed.length - p.partial.length));
  if (p.kind === 'key') {
    const word = KEY_WORD.exec(after)![0];
    return {
      kind: 'key',
      path: p.path,
      partial: p.partial,
      replaceSpan: { start: offset - p.partial.length, end: offset + word.length },
      present: new Set(p.present),
      colonAfter: /^["']?\s*:/.test(after.slice(word.length)),
      flow: true,
    };
  }
  const word = (quoted ? /^[^"']*/ : VALUE_WORD).exec(after)![0];
  const needsSpace = !quoted && p.partial === '' && typed.endsWith(':');
  return { kind: 'value', path: p.path, partial: p.partial, replaceSpan: { start: offset - p.partial.length, end: offset + word.length }, siblings: p.siblings, quoted, flow: true, needsSpace };
}

/** Path of the block mapping whose keys stand at column `col`, for a line starting at `lineStart`. */
export function mappingPath(text: string, lineStart: number, col: number): Path {
  const path: (string | number)[] = [];
  let limit = col;
  let line = previousLine(text, lineStart);
  while (line && limit > 0) {
    if (isStructural(line) && line.indent < limit) {
      if (line.body === '---' || line.body === '...') break;
      const dash = dashOf(line.body);
      if (dash > 0) {
        // The mapping is the content of a list item: `- key: v` then more keys below it.
        const seq = seqOf(text, line);
        return [...seq.path, seq.index, ...path];
      }
      const k = keyOf(line.body);
      // A `key: scalar` less indented than us is broken YAML; its key is not our parent.
      if (k && opensBlock(k.rest)) {
        path.unshift(k.key);
        limit = line.indent;
      }
    }
    line = previousLine(text, line.start);
  }
  return path;
}

/** The list a `- item` line belongs to: its path, the item's index and the other items. */
function seqOf(text: string, item: TextLine): { path: Path; index: number; siblings: string[] } {
  const col = item.indent;
  let index = 0;
  const siblings: string[] = [];
  let path: Path = [];
  for (let line = previousLine(text, item.start); line; line = previousLine(text, line.start)) {
    if (!isStructural(line) || line.indent > col) continue;
    const dash = dashOf(line.body);
    if (line.indent === col && dash > 0) {
      index++;
      siblings.push(itemText(line.body.slice(dash)));
      continue;
    }
    // The owning key sits left of the dashes, or at the same column ("compact" lists).
    const k = keyOf(line.body);
    if (k && opensBlock(k.rest)) path = [...mappingPath(text, line.start, line.indent), k.key];
    break;
  }
  for (let line = nextLine(text, item); line; line = nextLine(text, line)) {
    if (!isStructural(line) || line.indent > col) continue;
    const dash = dashOf(line.body);
    if (line.indent !== col || dash === 0) break;
    siblings.push(itemText(line.body.slice(dash)));
  }
  return { path, index, siblings: siblings.filter((s) => s !== '') };
}

function itemText(s: string): string {
  const c = commentStart(s);
  return unquote((c < 0 ? s : s.slice(0, c)).trim());
}

/** Keys of the block mapping at column `col` around `line` (which is left out). */
function presentKeys(text: string, line: TextLine, col: number): Set<string> {
  const out = new Set<string>();
  const visit = (l: TextLine): boolean => {
    if (!isStructural(l) || l.indent > col) return true;
    if (l.indent < col) {
      // A `- key:` item line opens the mapping; its first key is a sibling.
      const dash = dashOf(l.body);
      if (dash > 0 && l.indent + dash === col) {
        const k = keyOf(l.body.slice(dash));
        if (k) out.add(k.key);
      }
      return false;
    }
    if (dashOf(l.body) > 0) return false;
    const k = keyOf(l.body);
    if (k) out.add(k.key);
    return true;
  };
  for (let l = previousLine(text, line.start); l && visit(l); l = previousLine(text, l.start));
  for (let l = nextLine(text, line); l && visit(l); l = nextLine(text, l));
  return out;
}
