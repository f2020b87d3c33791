import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv';
import { describeValue, mapMemberKind, orList, show, subject, where, type Path } from './describe';
import { allowedKeys, enumInfo, isNode, nodeAtPointer, resolveRef, rootSchema, type SchemaNode } from './nodes';
import { suggest } from './suggest';

export { schemaKeysAt, schemaNodeAt, type SchemaKeyInfo, type SchemaNode } from './nodes';

/**
 * One schema violation (reported as MV001). `path` leads from the top of the document to the node
 * the issue is about; when `onKey` is true its last element is a key and the finding underlines
 * that key (unknown key, invalid name) rather than its value. `keyword` and `params` are Ajv's,
 * plus `allowed` (keys or values the schema accepts there) and `suggestion` (the closest of them)
 * when there is one — quick fixes key on these, never on the message.
 */
export interface SchemaIssue {
  path: (string | number)[];
  onKey: boolean;
  message: string;
  keyword: string;
  params: Record<string, unknown>;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= createAjv().compile(inlineRefs(rootSchema) as SchemaNode);
  return compiled;
}

/**
 * The schema with every `$ref` replaced by the definition it names (draft-07 ignores a `$ref`'s
 * siblings). Ajv compiles a referenced definition into a function of its own and calls it once
 * per map entry with a fresh options object and instance path string: 40,000 containers made
 * 9 MB of garbage per check on a valid spec. Inlined, the whole spec is one allocation-free
 * function. Subtrees without a `$ref` are kept as they are, so the schema nodes Ajv reports
 * are the schema file's own objects. The schema has no recursive definitions; depth is bounded
 * anyway.
 */
function inlineRefs(node: unknown, depth = 0): unknown {
  if (depth > 32 || typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) {
    const items = node.map((x) => inlineRefs(x, depth + 1));
    return items.every((x, i) => x === node[i]) ? node : items;
  }
  if (typeof (node as SchemaNode).$ref === 'string') return inlineRefs(resolveRef(node as SchemaNode), depth + 1);
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(node)) {
    // `definitions` stays as written: nothing refers to it any more, and it is not compiled.
    if (k === 'definitions') continue;
    const w = inlineRefs(v, depth + 1);
    if (w !== v) (copy ??= { ...node })[k] = w;
  }
  return copy ?? node;
}

/** Checks the shape of a parsed spec (the plain JS value of the YAML document). */
export function validateSchema(value: unknown): SchemaIssue[] {
  const validate = validator();
  if (validate(value)) return [];
  const issues = issuesFrom(validate.errors ?? [], value);
  return sortAndDedupe(issues, value);
}

function issuesFrom(errors: readonly ErrorObject[], root: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const consumed = new Set<ErrorObject>();
  // Outermost combinators first, so a nested anyOf is handled inside the branch that is kept.
  const combinators = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const c of combinators) {
    if (consumed.has(c)) continue;
    const prefix = `${c.schemaPath}/`;
    const sub = errors.filter((e) => e !== c && e.schemaPath.startsWith(prefix) && isWithin(e.instancePath, c.instancePath));
    consumed.add(c);
    for (const e of sub) consumed.add(e);
    out.push(...collapse(c, sub, root));
  }
  const keyErrors = new Set(errors.filter((e) => e.propertyName !== undefined).map((e) => `${e.instancePath}\u0000${e.propertyName}`));
  for (const e of errors) {
    if (consumed.has(e)) continue;
    // Ajv reports a bad map key twice: the inner pattern error and a "propertyNames" wrapper.
    if (e.keyword === 'propertyNames' && keyErrors.has(`${e.instancePath}\u0000${String(e.params.propertyName)}`)) continue;
    const issue = issueFor(e, root);
    if (issue !== undefined) out.push(issue);
  }
  return out;
}

function isWithin(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

/**
 * One issue per location for an anyOf/oneOf, instead of one per branch plus "must match a schema
 * in anyOf": a type error listing every accepted type when no branch has the value's type; the
 * errors of the only branch that has it; or one "must be one of" for value-only branches (restart).
 */
function collapse(c: ErrorObject, sub: readonly ErrorObject[], root: unknown): SchemaIssue[] {
  const path = toPath(c.instancePath, root);
  const alternatives = Array.isArray(c.schema) ? c.schema.filter(isNode).map(resolveRef) : [];
  const byBranch = alternatives.map((_, i) => sub.filter((e) => e.schemaPath.startsWith(`${c.schemaPath}/${i}/`)));
  if (c.keyword === 'oneOf' && sub.length === 0) {
    return [{ path, onKey: false, message: `${subject(path)} matches more than one of the accepted forms`, keyword: c.keyword, params: { ...c.params } }];
  }
  const typeFits = byBranch.map((errs) => !errs.some((e) => e.keyword === 'type' && e.instancePath === c.instancePath));
  const fitting = byBranch.map((_, i) => i).filter((i) => typeFits[i]);

  if (fitting.length === 0) {
    const types = unique(alternatives.flatMap((a) => typeList(a.type)));
    return [typeIssue(path, types, alternatives[0] ?? {}, c.data, { type: types })];
  }
  if (fitting.length === 1) return issuesFrom(byBranch[fitting[0]], root);

  const valueOnly = fitting.every((i) => byBranch[i].every((e) => e.instancePath === c.instancePath && ['enum', 'const', 'pattern'].includes(e.keyword)));
  if (valueOnly) {
    const values: string[] = [];
    const forms: string[] = [];
    for (const i of fitting) {
      const alt = alternatives[i];
      values.push(...(enumInfo(alt).enum ?? []));
      if (typeof alt.const === 'string') values.push(alt.const);
      if (typeof alt.pattern === 'string') forms.push(typeof alt.patternErrorMessage === 'string' ? alt.patternErrorMessage : `a value matching ${alt.pattern}`);
    }
    const hint = typeof c.data === 'string' ? suggest(c.data, values) : undefined;
    const params: Record<string, unknown> = { allowedValues: values, patterns: forms };
    if (hint !== undefined) params.suggestion = hint;
    return [{
      path,
      onKey: false,
      message: `${subject(path)} must be one of ${[...values, ...forms].join(', ')} (got ${show(c.data)})${didYouMean(hint)}`,
      keyword: 'enum',
      params,
    }];
  }
  // Several branches fit the type but fail deeper: keep the one that got furthest.
  const depth = (i: number): number => Math.max(...byBranch[i].map((e) => e.instancePath.split('/').length));
  const best = [...fitting].sort((a, b) => depth(b) - depth(a) || byBranch[a].length - byBranch[b].length)[0];
  return issuesFrom(byBranch[best], root);
}

function issueFor(e: ErrorObject, root: unknown): SchemaIssue | undefined {
  const path = toPath(e.instancePath, root);
  const parent = isNode(e.parentSchema) ? e.parentSchema : nodeAtPointer(e.schemaPath.replace(/\/[^/]*$/, '')) ?? {};
  const params: Record<string, unknown> = { ...e.params };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const allowed = allowedKeys(parent);
      const hint = suggest(key, allowed);
      params.allowed = allowed;
      if (hint !== undefined) params.suggestion = hint;
      const tail = hint !== undefined ? didYouMean(hint) : allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
      return { path: [...path, key], onKey: true, message: `unknown key ${JSON.stringify(key)} ${where(path)}${tail}`, keyword: e.keyword, params };
    }
    case 'required':
      return { path, onKey: false, message: `missing required key ${JSON.stringify(String(e.params.missingProperty))} ${where(path)}`, keyword: e.keyword, params };
    case 'type':
      return typeIssue(path, typeList(e.params.type), parent, e.data, params);
    case 'enum': {
      const allowed = Array.isArray(e.params.allowedValues) ? e.params.allowedValues.map(String) : [];
      const hint = typeof e.data === 'string' ? suggest(e.data, allowed) : undefined;
      if (hint !== undefined) params.suggestion = hint;
      return { path, onKey: false, message: `${subject(path)} must be one of ${allowed.join(', ')} (got ${show(e.data)})${didYouMean(hint)}`, keyword: e.keyword, params };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, onKey: false, message: `${subject(path)} must be ${rangeText(parent, e)} (got ${show(e.data)})`, keyword: e.keyword, params };
    case 'pattern': {
      const rule = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `it must match ${String(e.params.pattern)}`;
      if (e.propertyName !== undefined) {
        const key = e.propertyName;
        return { path: [...path, key], onKey: true, message: `invalid ${mapMemberKind(path)} name ${JSON.stringify(key)}: ${rule}`, keyword: e.keyword, params: { ...params, propertyName: key } };
      }
      return { path, onKey: false, message: `${subject(path)} is not valid (got ${show(e.data)}): ${rule}`, keyword: e.keyword, params };
    }
    case 'propertyNames': {
      const key = String(e.params.propertyName);
      return { path: [...path, key], onKey: true, message: `invalid ${mapMemberKind(path)} name ${JSON.stringify(key)}`, keyword: e.keyword, params };
    }
    default:
      if (e.propertyName !== undefined) {
        const key = e.propertyName;
        return { path: [...path, key], onKey: true, message: `invalid ${mapMemberKind(path)} name ${JSON.stringify(key)}: ${e.message ?? 'not allowed'}`, keyword: e.keyword, params };
      }
      return { path, onKey: false, message: `${subject(path)} ${e.message ?? 'is not valid'}`, keyword: e.keyword, params };
  }
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'an empty value',
};

function typeIssue(path: Path, types: readonly string[], node: SchemaNode, data: unknown, params: Record<string, unknown>): SchemaIssue {
  const expected = types.map((t) => (t === 'integer' && hasRange(node) ? `an integer from ${String(node.minimum)} to ${String(node.maximum)}` : TYPE_WORDS[t] ?? t));
  let hint = '';
  if (types.includes('string') && (typeof data === 'number' || typeof data === 'boolean')) hint = ' — put the value in quotes';
  else if (types.includes('array') && !types.includes('string') && typeof data === 'string') hint = ` — write it as a list: [${data}]`;
  return { path: [...path], onKey: false, message: `${subject(path)}: expected ${orList(expected)}, got ${describeValue(data)}${hint}`, keyword: 'type', params };
}

function hasRange(node: SchemaNode): boolean {
  return typeof node.minimum === 'number' && typeof node.maximum === 'number';
}

function rangeText(node: SchemaNode, e: ErrorObject): string {
  if (hasRange(node) && (e.keyword === 'minimum' || e.keyword === 'maximum')) {
    const what = typeList(node.type).includes('integer') ? 'an integer' : 'a number';
    return `${what} from ${String(node.minimum)} to ${String(node.maximum)}`;
  }
  const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'greater than', '<': 'less than' };
  return `${words[String(e.params.comparison)] ?? String(e.params.comparison)} ${String(e.params.limit)}`;
}

function typeList(t: unknown): string[] {
  if (typeof t === 'string') return t.split(',');
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function didYouMean(hint: string | undefined): string {
  return hint === undefined ? '' : ` — did you mean ${JSON.stringify(hint)}?`;
}

/** JSON pointer -> path; a segment is a number exactly where the document has a list. */
function toPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const i = Number(seg);
      out.push(i);
      current = current[i];
    } else {
      out.push(seg);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** Document order: keys in the order the document has them, list items by index, parents first. */
function comparePaths(a: Path, b: Path, root: unknown, keyOrder: (o: object) => Map<string, number>): number {
  let current: unknown = root;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y) {
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      const keys = typeof current === 'object' && current !== null && !Array.isArray(current) ? keyOrder(current) : undefined;
      const ix = keys?.get(String(x)) ?? -1;
      const iy = keys?.get(String(y)) ?? -1;
      if (ix !== -1 && iy !== -1) return ix - iy;
      if (ix !== iy) return ix === -1 ? 1 : -1;
      return String(x) < String(y) ? -1 : 1;
    }
    current = typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[x] : undefined;
  }
  return a.length - b.length;
}

function sortAndDedupe(issues: readonly SchemaIssue[], root: unknown): SchemaIssue[] {
  const seen = new Set<string>();
  const kept = issues.filter((issue) => {
    const id = JSON.stringify([issue.path, issue.onKey, issue.message]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  // Key positions looked up once per map: Object.keys().indexOf per comparison was quadratic
  // (minutes for a map of 100,000 unknown keys).
  const orders = new Map<object, Map<string, number>>();
  const keyOrder = (o: object): Map<string, number> => {
    let m = orders.get(o);
    if (!m) orders.set(o, (m = new Map(Object.keys(o).map((k, i) => [k, i]))));
    return m;
  };
  return kept.sort((a, b) => comparePaths(a.path, b.path, root, keyOrder) || Number(b.onKey) - Number(a.onKey) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
