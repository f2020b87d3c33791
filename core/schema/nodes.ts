import schemaJson from '../../schemas/macvlan.schema.json';

/** A JSON-schema object as stored in schemas/macvlan.schema.json. */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** What completion and hover need to know about one key the schema allows at a place. */
export interface SchemaKeyInfo {
  key: string;
  description: string;
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
}

export const rootSchema: SchemaNode = schemaJson as unknown as SchemaNode;

export function isNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** Follows local `$ref`s ("#/definitions/network"); the schema has no remote ones. */
export function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  for (let depth = 0; depth < 32 && typeof current.$ref === 'string'; depth++) {
    const target = nodeAtPointer(current.$ref);
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

/** The schema node at a JSON pointer into the schema file ("#/definitions/network/properties/vlan"). */
export function nodeAtPointer(pointer: string): SchemaNode | undefined {
  if (!pointer.startsWith('#')) return undefined;
  let current: unknown = rootSchema;
  for (const raw of pointer.slice(1).split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(seg)];
    else if (isNode(current) && hasOwn(current, seg)) current = current[seg];
    else return undefined;
  }
  return isNode(current) ? current : undefined;
}

function branches(node: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[k];
    if (Array.isArray(list)) for (const b of list) if (isNode(b)) out.push(resolveRef(b));
  }
  return out;
}

function childOf(parent: SchemaNode, seg: string | number): SchemaNode | undefined {
  const node = resolveRef(parent);
  if (typeof seg === 'number' && isNode(node.items)) return resolveRef(node.items);
  const key = String(seg);
  const props = node.properties;
  if (isNode(props) && hasOwn(props, key) && isNode(props[key])) return resolveRef(props[key]);
  const patterns = node.patternProperties;
  if (isNode(patterns)) {
    for (const [re, sub] of Object.entries(patterns)) if (isNode(sub) && new RegExp(re, 'u').test(key)) return resolveRef(sub);
  }
  if (isNode(node.additionalProperties)) return resolveRef(node.additionalProperties);
  for (const b of branches(node)) {
    const found = childOf(b, seg);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The schema node (with `$ref` followed) describing the value at `path` in a spec document,
 * walking `properties`, then `patternProperties`, then `additionalProperties` (maps such as
 * `networks`), `items` for list indexes, and anyOf/oneOf/allOf branches. Undefined where the
 * schema allows nothing (an unknown key).
 */
export function schemaNodeAt(path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolveRef(rootSchema);
  for (const seg of path) {
    node = childOf(node, seg);
    if (node === undefined) return undefined;
  }
  return node;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v] : undefined;
}

/** Allowed values of a node, from its own `enum` or from enum branches of an anyOf (restart). */
export function enumInfo(node: SchemaNode): Pick<SchemaKeyInfo, 'enum' | 'enumDescriptions' | 'markdownEnumDescriptions'> {
  const sources = [node, ...branches(node)].filter((n) => stringList(n.enum) !== undefined);
  if (sources.length === 0) return {};
  const values: string[] = [];
  const plain: string[] = [];
  const markdown: string[] = [];
  for (const src of sources) {
    const vals = stringList(src.enum) ?? [];
    const pd = stringList(src.enumDescriptions) ?? [];
    const md = stringList(src.markdownEnumDescriptions) ?? pd;
    vals.forEach((v, i) => {
      values.push(v);
      plain.push(pd[i] ?? '');
      markdown.push(md[i] ?? pd[i] ?? '');
    });
  }
  return { enum: values, enumDescriptions: plain, markdownEnumDescriptions: markdown };
}

/**
 * The keys the schema allows in the mapping at `path`, in schema order, with their documentation.
 * Empty for maps with user-chosen keys (`networks`, `labels`), scalars and unknown places.
 */
export function schemaKeysAt(path: readonly (string | number)[]): SchemaKeyInfo[] {
  const node = schemaNodeAt(path);
  if (node === undefined) return [];
  const out: SchemaKeyInfo[] = [];
  const seen = new Set<string>();
  for (const n of [node, ...branches(node)]) {
    const props = n.properties;
    if (!isNode(props)) continue;
    for (const [key, raw] of Object.entries(props)) {
      if (seen.has(key) || !isNode(raw)) continue;
      seen.add(key);
      const prop = resolveRef(raw);
      const info: SchemaKeyInfo = { key, description: typeof prop.description === 'string' ? prop.description : '' };
      if (typeof prop.markdownDescription === 'string') info.markdownDescription = prop.markdownDescription;
      Object.assign(info, enumInfo(prop));
      out.push(info);
    }
  }
  return out;
}

/** Names of the keys a mapping node allows (for "did you mean"). */
export function allowedKeys(node: SchemaNode): string[] {
  const props = resolveRef(node).properties;
  return isNode(props) ? Object.keys(props) : [];
}
