import { replaceScalar, scalarText } from '../fixes/yamlEdit';
import { schemaNodeAt } from '../schema/validate';
import type { Span, SpecModel } from '../spec/model';
import type { SpecDocument } from './document';
import { locate } from './nodeAt';
import { match } from './pathMatch';
import type { TextEdit } from './types';

export type NameKind = 'network' | 'host';

/** Every place a network or host name is written: where it is defined and where it is used. */
export interface NameOccurrences {
  kind: NameKind;
  name: string;
  /** The key under `networks:` / `hosts:` (quotes included), when the spec defines the name. */
  definition?: Span;
  references: Span[];
}

/** The network or host name at `offset` and all its occurrences, or undefined elsewhere. */
export function nameAt(doc: SpecDocument, offset: number): NameOccurrences | undefined {
  const at = locate(doc.parsed.doc, offset);
  if (!at) return undefined;
  const p = at.path;
  const m = doc.parsed.model;
  if (at.kind === 'key') {
    let n: string[] | undefined;
    if ((n = match(p, ['networks', '*']))) return networkOccurrences(m, n[0]);
    if ((n = match(p, ['containers', '*', 'networks', '*']))) return networkOccurrences(m, n[1]);
    if ((n = match(p, ['hosts', '*']))) return hostOccurrences(m, n[0]);
    if ((n = match(p, ['networks', '*', 'ip_range', '*']))) return hostOccurrences(m, n[1]);
    return undefined;
  }
  const v = at.node.value;
  if (typeof v !== 'string') return undefined;
  if (match(p, ['containers', '*', 'host']) || match(p, ['networks', '*', 'hosts', '#'])) return hostOccurrences(m, v);
  return undefined;
}

function networkOccurrences(m: SpecModel, name: string): NameOccurrences {
  const defs = m.networks.filter((n) => n.name === name).map((n) => n.keySpan);
  const refs = m.containers.flatMap((c) => c.networks.filter((a) => a.name === name).map((a) => a.keySpan));
  return withDefinition('network', name, defs, refs);
}

function hostOccurrences(m: SpecModel, name: string): NameOccurrences {
  const defs = m.hostsDeclared ? m.hosts.filter((h) => h.name === name).map((h) => h.keySpan) : [];
  const refs: Span[] = [];
  for (const c of m.containers) if (c.host?.value === name) refs.push(c.host.span);
  for (const n of m.networks) {
    for (const h of n.hosts ?? []) if (h.value === name) refs.push(h.span);
    for (const r of n.ipRangeByHost ?? []) if (r.host === name) refs.push(r.keySpan);
  }
  refs.sort((a, b) => a.start - b.start);
  return withDefinition('host', name, defs, refs);
}

function withDefinition(kind: NameKind, name: string, defs: Span[], refs: Span[]): NameOccurrences {
  // A duplicate key is MV000; its later copies are listed with the references so rename covers them.
  const out: NameOccurrences = { kind, name, references: [...defs.slice(1), ...refs] };
  if (defs.length > 0) out.definition = defs[0];
  return out;
}

/** Where the name at `offset` is defined. */
export function definitionAt(doc: SpecDocument, offset: number): Span | undefined {
  return nameAt(doc, offset)?.definition;
}

/** Every use of the name at `offset`, and its definition when asked for, in document order. */
export function referencesAt(doc: SpecDocument, offset: number, includeDeclaration: boolean): Span[] {
  const o = nameAt(doc, offset);
  if (!o) return [];
  const all = includeDeclaration && o.definition ? [o.definition, ...o.references] : o.references;
  return [...all].sort((a, b) => a.start - b.start);
}

export type RenameCheck = { span: Span; placeholder: string } | { error: string };

/** What a rename at `offset` would rename: the name's text (quotes excluded), or why not. */
export function prepareRename(doc: SpecDocument, offset: number): RenameCheck | undefined {
  const o = nameAt(doc, offset);
  if (!o) return undefined;
  if (o.kind === 'host' && !o.definition) return { error: `host "${o.name}" is not defined under hosts:, so there is nothing to rename` };
  const at = [o.definition, ...o.references].find((s) => s !== undefined && s.start <= offset && offset <= s.end) ?? o.definition ?? o.references[0];
  if (!at) return undefined;
  return { span: scalarText(doc.text, at).inner, placeholder: o.name };
}

/** Edits renaming the name at `offset` everywhere, after checking the new name is valid and free. */
export function rename(doc: SpecDocument, offset: number, newName: string): { edits: TextEdit[] } | { error: string } | undefined {
  const check = prepareRename(doc, offset);
  if (!check || 'error' in check) return check;
  const o = nameAt(doc, offset)!;
  const rule = namePattern(o.kind);
  if (!rule.pattern.test(newName)) return { error: `"${newName}" is not a valid ${o.kind} name: ${rule.message}` };
  if (newName === o.name) return { edits: [] };
  const m = doc.parsed.model;
  const taken = o.kind === 'network' ? m.networks.some((n) => n.name === newName) : m.hostsDeclared && m.hosts.some((h) => h.name === newName);
  if (taken) return { error: `a ${o.kind} named "${newName}" already exists` };
  const spans = [...(o.definition ? [o.definition] : []), ...o.references];
  return { edits: spans.map((s) => replaceScalar(doc.text, s, newName)) };
}

/** The schema's own name rule, so rename accepts exactly the names the check accepts. */
function namePattern(kind: NameKind): { pattern: RegExp; message: string } {
  const names = schemaNodeAt([kind === 'network' ? 'networks' : 'hosts'])?.propertyNames as Record<string, unknown> | undefined;
  const pattern = typeof names?.pattern === 'string' ? names.pattern : '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$';
  const message = typeof names?.patternErrorMessage === 'string' ? names.patternErrorMessage : `it must match ${pattern}`;
  return { pattern: new RegExp(pattern, 'u'), message };
}
