import type { Finding } from '../findings';
import type { Path, Span } from '../spec/model';
import type { ParsedSpec } from '../spec/parse';
import { nodeAtPath, spanOf, type EntryIndex } from '../spec/yamlNodes';
import { validateSchema } from './validate';

/**
 * ajv issues as MV001 findings, each pointing at the offending key or value. With `only`, the
 * issues of that one entry of `networks:` or `containers:` (after an edit inside it): the entry
 * is validated alone, in a document that holds nothing else, and issues elsewhere are dropped.
 */
export function schemaFindings(parsed: ParsedSpec, only?: { section: 'networks' | 'containers'; name: string }): Finding[] {
  const text = parsed.text;
  const top: Span = { start: 0, end: Math.min(text.length, firstLine(text)) };
  // One index for all issues: looking each key up in a fresh entry list was quadratic.
  const index: EntryIndex = new Map();
  let issues = validateSchema(only ? { [only.section]: { [only.name]: (parsed.value as Record<string, Record<string, unknown>>)[only.section][only.name] } } : parsed.value);
  if (only) issues = issues.filter((i) => i.path.length >= 2 && i.path[0] === only.section && i.path[1] === only.name);
  return issues.map((issue) => {
    const at = nodeAtPath(parsed.doc, issue.path, index);
    // A missing key is underlined at its parent's key: the whole parent would cover the file.
    const wantKey = issue.onKey || issue.keyword === 'required';
    const span = (wantKey ? at.keySpan : at.node ? spanOf(at.node, top) : at.keySpan) ?? nearestKey(parsed, issue.path, index) ?? top;
    return { code: 'MV001', severity: 'error', message: issue.message, span, path: issue.path, related: [] };
  });
}

function nearestKey(parsed: ParsedSpec, path: Path, index: EntryIndex): Span | undefined {
  for (let n = path.length - 1; n > 0; n--) {
    const at = nodeAtPath(parsed.doc, path.slice(0, n), index);
    if (at.keySpan) return at.keySpan;
  }
  return undefined;
}

function firstLine(text: string): number {
  const i = text.search(/\r?\n/);
  return i < 0 ? text.length : i;
}

/** Whether a finding is about the entry `name` of `section` (its path starts there). */
export function inEntry(f: Finding, section: string, name: string): boolean {
  return f.path.length >= 2 && f.path[0] === section && f.path[1] === name;
}
