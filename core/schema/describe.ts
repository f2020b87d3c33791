// Human phrases for places in a spec, used in schema messages. They name the nearest thing a user
// thinks in (a host, network, container, or a container's network attachment) and the keys below
// it: `"tls.ca" in host "lab1"`.

export type Path = readonly (string | number)[];

const q = (s: string): string => JSON.stringify(s);

/** `network "vlan10"` for the path of a named entity, else undefined. */
export function entityName(path: Path): string | undefined {
  const [top, name, third, fourth] = path;
  if (typeof name !== 'string') return undefined;
  if (path.length === 2) {
    if (top === 'hosts') return `host ${q(name)}`;
    if (top === 'networks') return `network ${q(name)}`;
    if (top === 'containers') return `container ${q(name)}`;
  }
  if (path.length === 4 && top === 'containers' && third === 'networks' && typeof fourth === 'string') {
    return `network ${q(fourth)} of container ${q(name)}`;
  }
  return undefined;
}

/** Longest prefix of `path` that names an entity, and the keys below it. */
function split(path: Path): { entity: string | undefined; rest: Path } {
  for (let n = Math.min(path.length, 4); n >= 2; n--) {
    const e = entityName(path.slice(0, n));
    if (e !== undefined) return { entity: e, rest: path.slice(n) };
  }
  return { entity: undefined, rest: path };
}

function keyPath(rest: Path): string {
  let out = '';
  for (const seg of rest) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return q(out);
}

/** Noun phrase for the value at `path`: `"vlan" in network "vlan10"`, `network "vlan10"`, `"version"`. */
export function subject(path: Path): string {
  if (path.length === 0) return 'the document';
  const { entity, rest } = split(path);
  if (entity === undefined) return keyPath(rest);
  return rest.length === 0 ? entity : `${keyPath(rest)} in ${entity}`;
}

/** Where a mapping at `path` is, for messages about its keys: `in network "vlan10"`, `at the top level`. */
export function where(path: Path): string {
  if (path.length === 0) return 'at the top level';
  const { entity, rest } = split(path);
  if (entity === undefined) return `in ${keyPath(rest)}`;
  return rest.length === 0 ? `in ${entity}` : `in ${keyPath(rest)} of ${entity}`;
}

/** What the names in the map at `path` are names of, for name-pattern messages. */
export function mapMemberKind(path: Path): string {
  if (path.length === 1) {
    if (path[0] === 'hosts') return 'host';
    if (path[0] === 'networks') return 'network';
    if (path[0] === 'containers') return 'container';
  }
  return 'key';
}

/** Short text for a value in a message: `"abc"`, `5000`, `true`. */
export function show(value: unknown): string {
  if (typeof value === 'string') return q(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'empty';
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

/** `a number (10)`, `a mapping`, `an empty value`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return `a string (${show(value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
