/**
 * Compose's variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`, `${VAR:+other}`, `${VAR+other}`, `$$` for a `$`), so
 * that `subnet: ${LAN_SUBNET:-192.0.2.0/24}` is read as compose reads it. Values come from the
 * project's `.env` file and, for the CLI, the environment, as `docker compose` takes them.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** The value with its variables replaced, or the names it needs that `env` does not have. */
export type Interpolated = { ok: true; value: string } | { ok: false; missing: string[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string, env: Env): Interpolated {
  const missing: string[] = [];
  const value = expand(text, env, missing);
  return missing.length > 0 ? { ok: false, missing: [...new Set(missing)] } : { ok: true, value };
}

function expand(text: string, env: Env, missing: string[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closing(text, i + 2);
      if (end < 0) {
        // An unclosed brace is compose's error, not ours: the text stays as written.
        out += text.slice(i);
        break;
      }
      out += braced(text.slice(i + 2, end), env, missing);
      i = end + 1;
    } else {
      const m = NAME.exec(text.slice(i + 1));
      if (!m) {
        out += '$';
        i++;
        continue;
      }
      const v = env[m[0]];
      if (v === undefined) missing.push(m[0]);
      out += v ?? '';
      i += 1 + m[0].length;
    }
  }
  return out;
}

/** The `}` that closes the `${` whose body starts at `from` (defaults may hold `${…}` themselves). */
function closing(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(body: string, env: Env, missing: string[]): string {
  const m = NAME.exec(body);
  if (!m) return `\${${body}}`;
  const name = m[0];
  const rest = body.slice(name.length);
  const v = env[name];
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  const arg = op ? rest.slice(op.length) : '';
  const empty = v === undefined || v === '';
  switch (op) {
    case ':-':
      return empty ? expand(arg, env, missing) : (v as string);
    case '-':
      return v === undefined ? expand(arg, env, missing) : v;
    case ':+':
      return empty ? '' : expand(arg, env, missing);
    case '+':
      return v === undefined ? '' : expand(arg, env, missing);
    case ':?':
    case '?':
      if (op === ':?' ? empty : v === undefined) missing.push(name);
      return v ?? '';
    default:
      if (v === undefined) missing.push(name);
      return v ?? '';
  }
}

/** The variables a compose file sees: the environment over its project's `.env` (as `docker compose` takes them). */
export function composeVariables(dotEnv: string, environment: Env): Env {
  return { ...parseDotEnv(dotEnv), ...environment };
}

/** A `.env` file as compose reads it: `KEY=value` lines, `#` comments, optional `export `, quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    const q = v[0];
    if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    out[m[1]] = v;
  }
  return out;
}
