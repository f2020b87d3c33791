/**
 * Line-by-line reading of YAML block structure straight from the text. Completion uses it
 * because the text is usually broken while the user types, and the parser's recovery does not
 * say which mapping a half-typed line belongs to; indentation does.
 */

export interface TextLine {
  start: number;
  /** End of the content, before "\r\n" / "\n". */
  end: number;
  text: string;
  /** Columns of leading spaces. */
  indent: number;
  /** The text after the indentation. */
  body: string;
}

export function lineAt(text: string, offset: number): TextLine {
  // lastIndexOf clamps a negative position to 0 and would still find a "\n" at offset 0: the
  // first line would then start after it, and walking back from it never reached the top.
  const start = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return makeLine(text, start, end);
}

function makeLine(text: string, start: number, end: number): TextLine {
  const t = text.slice(start, end);
  const body = t.trimStart();
  return { start, end, text: t, indent: t.length - body.length, body };
}

/** The line before the one starting at `lineStart`, or undefined at the top. */
export function previousLine(text: string, lineStart: number): TextLine | undefined {
  if (lineStart <= 0) return undefined;
  return lineAt(text, lineStart - 1);
}

/** The line after `line`, or undefined at the end. */
export function nextLine(text: string, line: TextLine): TextLine | undefined {
  const nl = text.indexOf('\n', line.end);
  if (nl < 0) return undefined;
  return lineAt(text, nl + 1);
}

/** Blank lines and whole-line comments say nothing about structure. */
export function isStructural(line: TextLine): boolean {
  return line.body !== '' && !line.body.startsWith('#');
}

/** Characters a plain key cannot start with (YAML indicators and space); `-` only before another character. */
const NOT_KEY_START = new Set([' ', '\t', '#', "'", '"', '{', '}', '[', ']', ',', ':', '-']);

/**
 * `key: rest` at the start of `body` (a line without its indentation). A linear scan: the
 * regular expression it replaces backtracked quadratically on long lines of spaces and colons
 * (80,000 characters took 7 s on every completion request).
 */
export function keyOf(body: string): { key: string; rest: string; length: number } | undefined {
  const colon = keyColon(body);
  if (colon < 0) return undefined;
  return { key: unquoteKey(body.slice(0, colon).trim()), rest: body.slice(colon + 1), length: colon + 1 };
}

/** Where the colon that ends the key at the start of `body` is, or -1. */
function keyColon(body: string): number {
  const n = body.length;
  const endsKey = (i: number): boolean => i + 1 === n || body[i + 1] === ' ' || body[i + 1] === '\t';
  const afterQuoted = (close: number): number => {
    let i = close + 1;
    while (i < n && (body[i] === ' ' || body[i] === '\t')) i++;
    return i < n && body[i] === ':' && endsKey(i) ? i : -1;
  };
  const c = body[0];
  if (c === '"') {
    for (let i = 1; i < n; i++) {
      if (body[i] === '\\') i++;
      else if (body[i] === '"') return afterQuoted(i);
    }
    return -1;
  }
  if (c === "'") {
    for (let i = 1; i < n; i++) {
      if (body[i] !== "'") continue;
      if (body[i + 1] === "'") i++;
      else return afterQuoted(i);
    }
    return -1;
  }
  // A plain key: `-x` may start one, `- ` is a sequence entry; no `#` before the colon.
  let from = 1;
  if (c === undefined) return -1;
  if (c === '-') {
    if (n < 2 || NOT_KEY_START.has(body[1]) || body[1] === '\n') return -1;
    from = 2;
  } else if (NOT_KEY_START.has(c)) return -1;
  for (let i = from; i < n; i++) {
    const ch = body[i];
    if (ch === '#') return -1;
    if (ch === ':' && endsKey(i)) return i;
  }
  return -1;
}

function unquoteKey(s: string): string {
  if (s.length >= 2 && s[0] === '"' && s.endsWith('"')) return s.slice(1, -1).replace(/\\(.)/g, '$1');
  if (s.length >= 2 && s[0] === "'" && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** A value that opens a nested block on the next lines: nothing, a comment, an anchor or a tag. */
export function opensBlock(rest: string): boolean {
  const r = rest.trim();
  return r === '' || r.startsWith('#') || /^[&!][^\s]*\s*(#.*)?$/.test(r);
}

/** `- ` (or a lone `-`) at the start of a body: the length of the marker, else 0. */
export function dashOf(body: string): number {
  const m = /^-(?: +|$)/.exec(body);
  return m ? m[0].length : 0;
}

/** The smallest indentation step the document uses (2 when it has none yet). */
export function indentUnit(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/^( +)[^\s#-]/gm)) {
    const n = m[1].length;
    if (best === 0 || n < best) best = n;
  }
  return best > 0 && best <= 8 ? best : 2;
}

/** Where a comment starts in `s` (a `#` at its start or after whitespace, outside quotes), or -1. */
export function commentStart(s: string): number {
  let q = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === q) q = '';
      else if (c === '\\' && q === '"') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(s[i - 1]))) q = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return i;
  }
  return -1;
}
