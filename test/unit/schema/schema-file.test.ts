import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import schemaJson from '../../../schemas/macvlan.schema.json';
import { EDITOR_KEYWORDS } from '../../../core/schema/ajv';

type Node = Readonly<Record<string, unknown>>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const schema = schemaJson as unknown as Node;

test('the schema compiles in Ajv strict mode with the editor keywords registered', () => {
  const ajv = new Ajv({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allowUnionTypes: true, allErrors: true });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  assert.equal(typeof ajv.compile(schema), 'function');
});

test('without the vocabulary strict mode rejects the editor keywords (so registering them matters)', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });
  assert.throws(() => ajv.compile(schema), /unknown keyword/);
});

test('schema header: draft-07, $id, title', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, 'https://macvlan-spec.dev/schemas/macvlan.schema.json');
  assert.equal(typeof schema.title, 'string');
  assert.deepEqual(schema.required, ['version']);
});

/** Every schema node a value in a document can meet, with where it sits in the schema. */
function* walk(node: unknown, where: string): Generator<[string, Node]> {
  if (!isNode(node)) return;
  yield [where, node];
  if (isNode(node.properties)) for (const [k, v] of Object.entries(node.properties)) yield* walk(v, `${where}/properties/${k}`);
  if (isNode(node.additionalProperties)) yield* walk(node.additionalProperties, `${where}/additionalProperties`);
  if (isNode(node.items)) yield* walk(node.items, `${where}/items`);
  if (isNode(node.definitions)) for (const [k, v] of Object.entries(node.definitions)) yield* walk(v, `${where}/definitions/${k}`);
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[k];
    if (Array.isArray(list)) for (const [i, v] of list.entries()) yield* walk(v, `${where}/${k}/${i}`);
  }
}

const nodes = [...walk(schema, '#')];
// Branches of an anyOf are described by the node that holds them; $ref nodes by their target.
const described = nodes.filter(([where, n]) => typeof n.$ref !== 'string' && !/\/(anyOf|oneOf|allOf)\/\d+$/.test(where));

test('every property, map value and list item has a description and a markdownDescription', () => {
  assert.ok(described.length > 50, `walked only ${described.length} nodes`);
  const missing = described.filter(([, n]) => typeof n.description !== 'string' || n.description === '' || typeof n.markdownDescription !== 'string' || n.markdownDescription === '').map(([w]) => w);
  assert.deepEqual(missing, []);
});

test('every $ref points at a definition', () => {
  const defs = isNode(schema.definitions) ? schema.definitions : {};
  for (const [where, n] of nodes) {
    if (typeof n.$ref !== 'string') continue;
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref);
    assert.ok(m !== null && isNode(defs[m[1]]), `${where}: ${n.$ref}`);
  }
});

test('every enum has plain and markdown descriptions for each value', () => {
  const enums = nodes.filter(([, n]) => Array.isArray(n.enum));
  assert.ok(enums.length >= 4);
  for (const [where, n] of enums) {
    const values = n.enum as unknown[];
    for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
      const d = n[key];
      assert.ok(Array.isArray(d) && d.length === values.length && d.every((x) => typeof x === 'string' && x !== ''), `${where}.${key}`);
    }
  }
});

test('objects are closed except the free-form maps under labels and env', () => {
  for (const [where, n] of nodes) {
    const types = Array.isArray(n.type) ? n.type : [n.type];
    if (!types.includes('object')) continue;
    if (isNode(n.properties)) assert.equal(n.additionalProperties, false, `${where} must have additionalProperties: false`);
    else assert.ok(isNode(n.additionalProperties), `${where} is a map and needs a value schema`);
  }
});

test('addresses are plain strings without patterns (their syntax is rule MV101)', () => {
  const addressKeys = new Set(['subnet', 'gateway', 'ip_range', 'ipv4_address', 'ipv6_address', 'mac_address']);
  for (const [where, n] of nodes) {
    const key = where.split('/').pop() ?? '';
    if (addressKeys.has(key)) assert.equal(n.pattern, undefined, where);
  }
});

test('editor snippets exist for the spec, a host, tls, a network, ipv6 and a container', () => {
  const defs = schema.definitions as Node;
  const props = schema.properties as Node;
  const holders: [string, unknown][] = [
    ['root', schema],
    ['hosts', props.hosts],
    ['networks', props.networks],
    ['containers', props.containers],
    ...['host', 'tls', 'network', 'ipv6', 'container'].map((k): [string, unknown] => [k, defs[k]]),
  ];
  for (const [name, holder] of holders) {
    assert.ok(isNode(holder), name);
    const snippets = holder.defaultSnippets;
    assert.ok(Array.isArray(snippets) && snippets.length > 0, name);
    for (const s of snippets) assert.ok(isNode(s) && typeof s.label === 'string' && typeof s.description === 'string' && s.body !== undefined, name);
  }
});
