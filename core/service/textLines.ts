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

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],:-][^#]*?|-[^\s#'"{}[\],:][^#]*?)[ \t]*:(?=[ \t]|$)/;

/** `key: rest` at the start of `body` (a line without its indentation). */
export function keyOf(body: string): { key: string; rest: string; length: number } | undefined {
  const m = KEY.exec(body);
  if (!m) return undefined;
  return { key: unquoteKey(m[1].trim()), rest: body.slice(m[0].length), length: m[0].length };
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
