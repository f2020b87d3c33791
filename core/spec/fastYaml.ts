import { Document, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { coreTags } from './coreTags';
import { nodeFactory, type NodeFactory } from './yamlNodeFactory';

/**
 * A fast path for the YAML that specs are made of: block mappings and sequences indented with
 * spaces, plain and single-line quoted scalars, one-line flow collections of scalars, comments.
 * It builds the same `yaml` nodes, with the same ranges and values, as the package's Parser and
 * Composer would — about ten times faster and without the token tree, which on a 5.7 MB spec
 * cost 1.4 s and most of the memory.
 *
 * Anything outside that subset (anchors, aliases, tags, block scalars, multi-line scalars,
 * escapes, tabs, directives, several documents, and every syntax error) returns undefined, and
 * the caller parses with the `yaml` package, which also words the syntax errors. The fast path
 * never reports errors of its own, so it cannot disagree with the package about what is valid.
 * test/unit/core/spec/fastYaml.test.ts compares the two on generated documents.
 */
export interface FastParse {
  doc: Document;
  /** What `doc.toJS()` would return. */
  value: unknown;
  /** Whether some mapping repeats a key (the caller then looks for where). */
  duplicateKeys: boolean;
  /** Where each line starts (the parse finds every line break anyway). */
  lineStarts: number[];
}

/** Thrown inside the parser to give up; never escapes fastParse. */
class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

/** Character codes the scanner compares against. */
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** Nesting beyond this goes to the package, which reports the MV000 for deep nesting. */
const MAX_DEPTH = 64;
/** YAML limits implicit keys to 1024 characters; the package reports longer ones. */
const MAX_KEY = 1000;

const resolveOptions = { intAsBigInt: false };

/** Characters that cannot start a plain scalar (YAML c-indicators); `-`, `?`, `:` are checked apart. */
const INDICATOR = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

const hasOwn = Object.prototype.hasOwnProperty;

/** First characters of the core schema's typed plain scalars: digits, + - . ~ and n N t T f F. */
const MAYBE_TYPED = new Set([...'0123456789+-.~nNtTfF'].map((c) => c.charCodeAt(0)));

interface Built {
  node: Node;
  js: unknown;
  /** range[2] of the node: where the next item may start. */
  end: number;
}

export function fastParse(text: string): FastParse | undefined {
  // The node factory failed its check at load: the package parses everything.
  if (!nodeFactory) return undefined;
  try {
    return new FastParser(text, nodeFactory).parse();
  } catch (err) {
    if (err instanceof Bail) return undefined;
    throw err;
  }
}

class FastParser {
  private readonly n: number;
  /** Per line: start offset, content end (before \r\n), next line's start, kind, indent. */
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly next: Int32Array;
  private readonly kind: Uint8Array;
  private readonly indent: Int32Array;
  /** Per line: the first content line at or after it (n when none). */
  private readonly nextContent: Int32Array;
  private depth = 0;
  private duplicateKeys = false;

  constructor(
    private readonly text: string,
    private readonly nodes: NodeFactory,
  ) {
    if (text.length === 0 || text.charCodeAt(0) === 0xfeff || text.includes('\t')) bail();
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    this.n = count;
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    this.next = new Int32Array(count);
    this.kind = new Uint8Array(count);
    this.indent = new Int32Array(count);
    this.nextContent = new Int32Array(count + 1);
    let s = 0;
    // The next \r at or after s: a lone one (not before \n) is the package's business.
    let cr = text.indexOf('\r');
    for (let l = 0; l < count; l++) {
      const nl = text.indexOf('\n', s);
      const stop = nl < 0 ? text.length : nl;
      let e = stop;
      if (nl >= 0 && e > s && text.charCodeAt(e - 1) === CR) e--;
      if (cr >= 0 && cr < s) cr = text.indexOf('\r', s);
      if (cr >= 0 && cr < e) bail();
      let p = s;
      while (p < e && text.charCodeAt(p) === SPACE) p++;
      this.start[l] = s;
      this.end[l] = e;
      this.next[l] = nl < 0 ? text.length : nl + 1;
      this.indent[l] = p - s;
      this.kind[l] = p === e ? BLANK : text.charCodeAt(p) === HASH ? COMMENT : CONTENT;
      if (this.kind[l] === CONTENT) {
        // Directives, document markers and the like are the package's business.
        const c = text.charCodeAt(p);
        if (p === s && (c === 37 || text.startsWith('---', p) || text.startsWith('...', p))) bail();
      }
      s = this.next[l];
    }
    this.nextContent[count] = count;
    for (let l = count - 1; l >= 0; l--) this.nextContent[l] = this.kind[l] === CONTENT ? l : this.nextContent[l + 1];
  }

  parse(): FastParse {
    const first = this.nextContent[0];
    if (first >= this.n) bail();
    const col = this.indent[first];
    const top = this.isDash(first, this.start[first] + col) ? this.blockSeq(first, col, this.start[first] + col, false) : this.blockMap(first, col, this.start[first] + col, false);
    if (top.nextLine < this.n) bail();
    const doc = new Document(undefined, { uniqueKeys: false, strict: true, merge: false, logLevel: 'error' });
    doc.contents = top.built.node as typeof doc.contents;
    doc.range = [0, this.text.length, this.text.length];
    return { doc, value: top.built.js, duplicateKeys: this.duplicateKeys, lineStarts: Array.from(this.start) };
  }

  private isDash(line: number, p: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 === this.end[line] || this.text.charCodeAt(p + 1) === SPACE);
  }

  /**
   * A block mapping whose first key starts at offset `p` on `line`, at column `col` (for a
   * mapping inside a sequence item, `p` is after the `- `). `trailing`: whether comment lines
   * after its last entry may belong to it (false for the top level, where they are the
   * document's).
   */
  private blockMap(line: number, col: number, p: number, nested = true): { built: Built; nextLine: number } {
    if (++this.depth > MAX_DEPTH) bail();
    const map = this.nodes.map();
    const js: Record<string, unknown> = {};
    let lastEnd: number;
    let l = line;
    let keyStart = p;
    for (;;) {
      const key = this.key(l, keyStart);
      const v = this.entryValue(l, key.after, col, true);
      map.items.push(this.nodes.pair(key.node, v.built.node));
      if (hasOwn.call(js, key.name)) this.duplicateKeys = true;
      js[key.name] = v.built.js;
      lastEnd = v.built.end;
      l = v.nextLine;
      if (!this.goesOnAt(l, col)) break;
      this.noDedentedComments(l, col);
      keyStart = this.start[l] + col;
      if (this.isDash(l, keyStart)) bail();
    }
    this.depth--;
    const end = nested ? this.claimComments(l, col, lastEnd) : lastEnd;
    map.range = [p, lastEnd, end];
    return { built: { node: map, js, end }, nextLine: l };
  }

  private blockSeq(line: number, col: number, p: number, nested = true): { built: Built; nextLine: number } {
    if (++this.depth > MAX_DEPTH) bail();
    const seq = this.nodes.seq();
    const js: unknown[] = [];
    let l = line;
    let dash = p;
    let lastEnd: number;
    for (;;) {
      const v = this.entryValue(l, dash + 1, col, false);
      seq.items.push(v.built.node);
      js.push(v.built.js);
      lastEnd = v.built.end;
      l = v.nextLine;
      if (!this.goesOnAt(l, col)) break;
      dash = this.start[l] + col;
      if (!this.isDash(l, dash)) break;
      this.noDedentedComments(l, col);
    }
    this.depth--;
    const end = nested ? this.claimComments(l, col, lastEnd) : lastEnd;
    seq.range = [p, lastEnd, end];
    return { built: { node: seq, js, end }, nextLine: l };
  }

  /** Whether the collection at `col` goes on at line `l`; a line indented deeper is not ours to read. */
  private goesOnAt(l: number, col: number): boolean {
    if (l >= this.n || this.indent[l] < col) return false;
    if (this.indent[l] > col) bail();
    return true;
  }

  /**
   * Comment lines between a collection's last line and the next content line belong to the
   * collection (which ends there) when one of them is indented at least as far as it; its
   * range[2] then runs to the next content.
   */
  private claimComments(nextLine: number, col: number, end: number): number {
    let lastContent = nextLine - 1;
    while (this.kind[lastContent] !== CONTENT) lastContent--;
    for (let l = lastContent + 1; l < nextLine; l++) {
      // Comments already taken by the last value (or a nested collection) are not ours.
      if (this.kind[l] === COMMENT && this.start[l] >= end && this.indent[l] >= col) return this.contentStart(nextLine);
    }
    return end;
  }

  /** Between two items of a collection, a comment less indented than it: left to the package. */
  private noDedentedComments(line: number, col: number): void {
    for (let l = line - 1; l >= 0 && this.kind[l] !== CONTENT; l--) if (this.kind[l] === COMMENT && this.indent[l] < col) bail();
  }

  /** Where the content of a line starts; the end of the text past the last line. */
  private contentStart(line: number): number {
    return line < this.n ? this.start[line] + this.indent[line] : this.text.length;
  }

  /** A mapping key at `p` on `line`, up to and including its `:`. */
  private key(line: number, p: number): { node: Scalar; name: string; after: number } {
    const e = this.end[line];
    const t = this.text;
    const c = t[p];
    let node: Scalar;
    let after: number;
    if (c === '"' || c === "'") {
      const q = this.quoted(line, p);
      node = q.node;
      if (t.charCodeAt(q.close) !== COLON) bail();
      after = q.close + 1;
    } else {
      if (!this.plainCanStart(p, e, false)) bail();
      const i = this.keyColon(line, p);
      if (i < 0 || t.charCodeAt(i - 1) === SPACE) bail();
      node = this.plain(t.slice(p, i), p, i, i);
      after = i + 1;
    }
    if (typeof node.value !== 'string' || node.value === '__proto__' || after - p > MAX_KEY) bail();
    node.range = [node.range![0], node.range![1], node.range![1]];
    return { node, name: node.value as string, after };
  }

  /**
   * The value after `key:` (or after `-`, when `inMap` is false) that starts at `p` on `line`.
   * `col` is the column of the collection holding it.
   */
  private entryValue(line: number, p: number, col: number, inMap: boolean): { built: Built; nextLine: number } {
    const t = this.text;
    const e = this.end[line];
    let q = p;
    while (q < e && t.charCodeAt(q) === SPACE) q++;
    if (q < e && q === p) bail(); // `key:value` is a plain scalar, not a pair; `-x` likewise
    const nextLine = this.nextContent[line + 1];
    if (q >= e || t.charCodeAt(q) === HASH) {
      // Nothing on this line: a nested block, a sequence at the key's own column, or null.
      if (nextLine < this.n) {
        const ind = this.indent[nextLine];
        const np = this.start[nextLine] + ind;
        if (ind > col) {
          const dash = this.isDash(nextLine, np);
          const r = dash ? this.blockSeq(nextLine, ind, np) : this.blockMap(nextLine, ind, np);
          return { built: r.built, nextLine: r.nextLine };
        }
        if (ind === col && inMap && this.isDash(nextLine, np)) {
          const r = this.blockSeq(nextLine, ind, np);
          return { built: r.built, nextLine: r.nextLine };
        }
      }
      // An empty value takes the comments that follow it, up to the next content. Where its
      // collection goes on after blank or comment lines, the package ends it in ways that
      // depend on their indentation: rare in specs, left to the package.
      let hasComment = q < e;
      for (let l = line + 1; l < nextLine; l++) hasComment ||= this.kind[l] === COMMENT;
      const goesOn = nextLine < this.n && this.indent[nextLine] >= col;
      if (hasComment && goesOn && nextLine > line + 1) bail();
      // Comments just above an empty item change where the package ends it, too.
      for (let l = line - 1; l >= 0 && this.kind[l] !== CONTENT; l--) if (this.kind[l] === COMMENT) bail();
      const end = hasComment ? this.contentStart(nextLine) : q;
      const node = this.nodes.scalar(null, Scalar.PLAIN, '', [q, q, end]);
      return { built: { node, js: null, end }, nextLine };
    }
    const c = t[q];
    if (!inMap && this.isDash(line, q)) bail(); // `- - x`
    let built: Built;
    let stop: number;
    if (c === '[' || c === '{') {
      const f = this.flow(line, q);
      built = f.built;
      stop = f.stop;
    } else if (c === '"' || c === "'") {
      const s = this.quoted(line, q);
      built = { node: s.node, js: s.node.value, end: 0 };
      stop = s.close;
    } else if (!inMap && this.looksLikeKey(line, q)) {
      // `- key: value`: a mapping inside the sequence item, at the key's column.
      const r = this.blockMap(line, q - this.start[line], q);
      return { built: r.built, nextLine: r.nextLine };
    } else {
      if (!this.plainCanStart(q, e, false)) bail();
      let i = q;
      for (; i < e; i++) {
        const ch = t.charCodeAt(i);
        if (ch === COLON && (i + 1 === e || t.charCodeAt(i + 1) === SPACE)) bail(); // `a: b: c`
        if (ch === HASH && t.charCodeAt(i - 1) === SPACE) break;
      }
      let j = i;
      while (t.charCodeAt(j - 1) === SPACE) j--;
      const node = this.plain(t.slice(q, j), q, j, j);
      built = { node, js: node.value, end: 0 };
      stop = j;
    }
    this.restIsComment(line, stop);
    // A more indented line after a one-line value continues a multi-line scalar (or is an error).
    if (nextLine < this.n && this.indent[nextLine] > col) bail();
    // Comment lines indented past the collection belong to the value before them.
    built.end = this.next[line];
    for (let l = line + 1; l < nextLine; l++) {
      if (this.kind[l] !== COMMENT) continue;
      if (this.indent[l] <= col) break;
      built.end = this.next[l];
    }
    built.node.range = [built.node.range![0], built.node.range![1], built.end];
    return { built, nextLine };
  }

  /** Whether a plain `key:` starts at `p` (a quoted key bails: rare inside sequences). */
  private looksLikeKey(line: number, p: number): boolean {
    const c = this.text[p];
    return c !== '"' && c !== "'" && !INDICATOR.has(c) && this.keyColon(line, p) >= 0;
  }

  /** Offset of the `:` (before a space or the line end) that ends a plain key at `p`; -1 when a comment or the line end comes first. */
  private keyColon(line: number, p: number): number {
    const t = this.text;
    const e = this.end[line];
    for (let i = p; i < e; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON && (i + 1 === e || t.charCodeAt(i + 1) === SPACE)) return i;
      if (ch === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /**
   * Whether a plain scalar may start at `p`: not at an indicator, and `-`, `?`, `:` only before
   * a character that cannot follow an indicator (a space, or in flow context also , [ ] { }).
   */
  private plainCanStart(p: number, e: number, flow: boolean): boolean {
    const t = this.text;
    const c = t[p];
    if (p >= e || INDICATOR.has(c)) return false;
    if (c !== '-' && c !== '?' && c !== ':') return true;
    const n = t[p + 1];
    return p + 1 < e && n !== ' ' && !(flow && ',[]{}'.includes(n));
  }

  /** After a value: only spaces and a comment (preceded by a space) may follow on its line. */
  private restIsComment(line: number, from: number): void {
    const t = this.text;
    const e = this.end[line];
    let i = from;
    while (i < e && t.charCodeAt(i) === SPACE) i++;
    if (i < e && (t.charCodeAt(i) !== HASH || i === from)) bail();
  }

  private plain(source: string, start: number, valueEnd: number, end: number): Scalar {
    let value: unknown = source;
    // Every core-schema null, bool, int and float starts with one of these: most names and
    // addresses-as-text (eth0, app:1.0, web-1) skip the tag tests.
    if (source.length > 0 && !MAYBE_TYPED.has(source.charCodeAt(0))) return this.nodes.scalar(value, Scalar.PLAIN, source, [start, valueEnd, end]);
    for (const tag of coreTags) {
      if (tag.test.test(source)) {
        value = tag.resolve(source, bail, resolveOptions);
        // Some tags (null, bool) resolve to a Scalar node rather than a value.
        if (value instanceof Scalar) value = value.value;
        break;
      }
    }
    return this.nodes.scalar(value, Scalar.PLAIN, source, [start, valueEnd, end]);
  }

  /** A quoted scalar opening at `p`, closed on the same line; `close` is past its closing quote. */
  private quoted(line: number, p: number): { node: Scalar; close: number } {
    const t = this.text;
    const e = this.end[line];
    const qc = t[p];
    let value: string;
    let close: number;
    if (qc === '"') {
      const i = t.indexOf('"', p + 1);
      if (i < 0 || i >= e) bail();
      value = t.slice(p + 1, i);
      if (value.includes('\\')) bail();
      close = i + 1;
    } else {
      let i = p + 1;
      let out = '';
      for (;;) {
        const j = t.indexOf("'", i);
        if (j < 0 || j >= e) bail();
        out += t.slice(i, j);
        if (t[j + 1] === "'") {
          out += "'";
          i = j + 2;
        } else {
          close = j + 1;
          break;
        }
      }
      value = out;
    }
    const node = this.nodes.scalar(value, qc === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, value, [p, close, close]);
    return { node, close };
  }

  /** `[a, b]` or `{ k: v }` of scalars, on one line. */
  private flow(line: number, p: number): { built: Built; stop: number } {
    const t = this.text;
    const e = this.end[line];
    const isMap = t[p] === '{';
    const closer = isMap ? '}' : ']';
    const coll = isMap ? this.nodes.map() : this.nodes.seq();
    coll.flow = true;
    const jsMap: Record<string, unknown> = {};
    const jsSeq: unknown[] = [];
    let i = p + 1;
    const skip = () => {
      while (i < e && t.charCodeAt(i) === SPACE) i++;
    };
    const scalar = (asKey: boolean): Scalar => {
      skip();
      const c = t[i];
      if (c === '"' || c === "'") {
        const q = this.quoted(line, i);
        i = q.close;
        return q.node;
      }
      if (!this.plainCanStart(i, e, true)) bail();
      const s = i;
      for (; i < e; i++) {
        const ch = t[i];
        if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break;
        if (ch === ':' && (i + 1 === e || ' ,[]{}'.includes(t[i + 1]))) {
          if (!asKey) bail();
          break;
        }
        if (ch === '#' && t[i - 1] === ' ') bail();
      }
      let j = i;
      while (t.charCodeAt(j - 1) === SPACE) j--;
      return this.plain(t.slice(s, j), s, j, j);
    };
    skip();
    if (t[i] !== closer) {
      for (;;) {
        if (isMap) {
          const k = scalar(true);
          if (t[i] !== ':' || typeof k.value !== 'string' || k.value === '__proto__') bail();
          i++;
          if (i < e && t[i] !== ' ') bail();
          skip();
          if (t[i] === ',' || t[i] === '}') bail(); // `{ a: }`: an empty value
          const v = scalar(false);
          (coll as YAMLMap).items.push(this.nodes.pair(k, v));
          if (hasOwn.call(jsMap, k.value as string)) this.duplicateKeys = true;
          jsMap[k.value as string] = v.value;
        } else {
          const v = scalar(false);
          (coll as YAMLSeq).items.push(v);
          jsSeq.push(v.value);
        }
        skip();
        if (t[i] === ',') {
          i++;
          skip();
          if (t[i] === closer) bail(); // a trailing comma
          continue;
        }
        if (t[i] === closer) break;
        bail();
      }
    }
    const stop = i + 1;
    coll.range = [p, stop, stop];
    return { built: { node: coll, js: isMap ? jsMap : jsSeq, end: 0 }, stop };
  }
}
