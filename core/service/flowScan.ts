import type { Path } from '../spec/model';

/** Where the cursor is inside a flow collection (`{ a: 1, b| }`, `[x, |]`) on one line. */
export type FlowPlace =
  | { kind: 'key'; path: Path; partial: string; present: string[] }
  | { kind: 'value'; path: Path; partial: string; siblings: string[] };

interface Frame {
  type: 'map' | 'seq';
  path: Path;
  keys: string[];
  items: string[];
  key?: string;
  token: string;
}

/**
 * Scans `text` (starting at its `{` or `[`, ending at the cursor) as YAML flow syntax, well
 * enough for completion: quoted scalars, nesting, `key: value` and commas. `rest` is the line
 * after the cursor, read for keys and items already present further right.
 */
export function scanFlow(basePath: Path, text: string, rest: string): FlowPlace | undefined {
  const stack: Frame[] = [];
  const top = (): Frame | undefined => stack[stack.length - 1];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const f = top();
    if (c === '"' || c === "'") {
      const close = findClose(text, i);
      if (close < 0) {
        // Unterminated quote: the cursor is inside a quoted scalar.
        if (f) f.token = text.slice(i + 1);
        return f ? placeOf(f, rest, true) : undefined;
      }
      if (f) f.token = unquote(text.slice(i, close + 1));
      i = close + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      const owner: Path = !f ? basePath : f.type === 'map' ? (f.key !== undefined ? [...f.path, f.key] : f.path) : [...f.path, f.items.length];
      stack.push({ type: c === '{' ? 'map' : 'seq', path: owner, keys: [], items: [], token: '' });
    } else if (c === '}' || c === ']') {
      stack.pop();
      const p = top();
      if (!p) return undefined;
      // The closed collection is the current entry's value; nothing to complete in it anymore.
      p.token = '';
    } else if (c === ',' && f) {
      endEntry(f);
    } else if (c === ':' && f?.type === 'map' && f.key === undefined && /[\s,\]}]|^$/.test(text[i + 1] ?? '')) {
      f.key = f.token.trim();
      f.keys.push(f.key);
      f.token = '';
    } else if (c === '#' && /\s/.test(text[i - 1] ?? '')) {
      return undefined;
    } else if (f) {
      f.token += c;
    }
    i++;
  }
  const f = top();
  return f ? placeOf(f, rest, false) : undefined;
}

function endEntry(f: Frame): void {
  const t = f.token.trim();
  if (f.type === 'seq') f.items.push(t);
  else if (f.key === undefined && t !== '') f.keys.push(t);
  f.key = undefined;
  f.token = '';
}

function placeOf(f: Frame, rest: string, inQuote: boolean): FlowPlace {
  const partial = inQuote ? f.token : f.token.trimStart();
  const later = restEntries(rest);
  if (f.type === 'seq') return { kind: 'value', path: [...f.path, f.items.length], partial, siblings: [...f.items, ...later.items] };
  if (f.key !== undefined) return { kind: 'value', path: [...f.path, f.key], partial, siblings: [] };
  return { kind: 'key', path: f.path, partial, present: [...f.keys, ...later.keys, ...later.items] };
}

/** Keys and items at the cursor's own nesting level to the right of it, up to its closing bracket. */
function restEntries(rest: string): { keys: string[]; items: string[] } {
  const keys: string[] = [];
  const items: string[] = [];
  let depth = 0;
  let token = '';
  let first = true;
  const flush = (): void => {
    const t = token.trim();
    // The first piece is the remainder of the word under the cursor, not an entry of its own.
    if (!first && t !== '') items.push(t);
    first = false;
    token = '';
  };
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '"' || c === "'") {
      const close = findClose(rest, i);
      if (close < 0) break;
      if (depth === 0) token += unquote(rest.slice(i, close + 1));
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (depth > 0) continue;
    else if (c === ',') flush();
    else if (c === ':' && /[\s,\]}]|^$/.test(rest[i + 1] ?? '')) {
      if (!first && token.trim() !== '') keys.push(token.trim());
      token = '';
      // Skip the value: up to the next comma at this depth.
      let d = 0;
      for (i++; i < rest.length; i++) {
        const v = rest[i];
        if (v === '{' || v === '[') d++;
        else if ((v === '}' || v === ']') && d-- === 0) {
          i--;
          break;
        } else if (v === ',' && d === 0) {
          i--;
          break;
        }
      }
      first = false;
    } else token += c;
  }
  if (token.trim() !== '' && !first) items.push(token.trim());
  return { keys, items };
}

function findClose(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

export function unquote(s: string): string {
  if (s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"') return s.slice(1, -1).replace(/\\(.)/g, '$1');
  if (s.length >= 2 && s[0] === "'" && s[s.length - 1] === "'") return s.slice(1, -1).replace(/''/g, "'");
  return s;
}
