import type { CheckOptions } from '../check';
import type { Finding } from '../findings';
import { disableLineEdit, fixAll, fixesFor } from '../fixes';
import { sameOptions, type SpecDocument } from './document';
import { findingMatcher } from './findingMatch';
import type { CodeAction, CodeActionKind, DiagnosticRef, TextEdit } from './types';

export interface CodeActionRequest {
  /** The diagnostics the editor passes back (in the requested range). */
  diagnostics: DiagnosticRef[];
  /** Kinds asked for (LSP `only`): an action of kind K is wanted when K equals one or is below it. */
  only?: string[];
}

export const FIX_ALL_KIND = 'source.fixAll.macvlan';
const FIX_ALL_TITLE = 'Fix all safe problems in file';

/**
 * Quick fixes for each diagnostic (matched back to its finding by code, span and data, never by
 * message), "Disable MVxxx for this line" for each, and fix-all: as a quick fix next to them
 * when one of them has a safe fix (editors show no source actions in the light bulb), and as
 * `source.fixAll.macvlan` when asked for by kind (fix on save).
 */
export function codeActions(doc: SpecDocument, req: CodeActionRequest): CodeAction[] {
  const wants = (kind: CodeActionKind): boolean => !req.only || req.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const explicitFixAll = req.only !== undefined && wants(FIX_ALL_KIND);
  const out: CodeAction[] = [];
  let anySafe = false;
  if (wants('quickfix')) {
    const fixes: CodeAction[] = [];
    const disables: CodeAction[] = [];
    const disabled = new Set<string>();
    const findingFor = findingMatcher(doc.result.findings);
    req.diagnostics.forEach((d, i) => {
      const f = findingFor(d);
      if (!f) return;
      for (const fix of fixesFor(f, doc.result, { observed: doc.options.observed })) {
        if (fix.disabled !== undefined) {
          fixes.push({ title: fix.title, kind: 'quickfix', edits: [], diagnostics: [i], code: fix.code, disabled: fix.disabled });
          continue;
        }
        if (fix.edits.length === 0) continue;
        anySafe ||= fix.safe;
        const a: CodeAction = { title: fix.title, kind: 'quickfix', edits: fix.edits, diagnostics: [i], code: fix.code };
        if (fix.isPreferred) a.isPreferred = true;
        fixes.push(a);
      }
      const disable = disableAction(doc, f, i);
      const id = disable && `${disable.title}\u0000${disable.edits[0].span.start}`;
      if (disable && id && !disabled.has(id)) {
        disabled.add(id);
        disables.push(disable);
      }
    });
    out.push(...fixes);
    if (anySafe) {
      const all = fixAllAction(doc, 'quickfix');
      if (all) out.push(all);
    }
    out.push(...disables);
  }
  if (explicitFixAll) {
    const all = fixAllAction(doc, FIX_ALL_KIND);
    if (all) out.push(all);
  }
  return out;
}

function disableAction(doc: SpecDocument, f: Finding, index: number): CodeAction | undefined {
  const edit = disableLineEdit(doc.text, f, doc.lines);
  // An empty edit: the line already silences this code.
  if (edit.newText === '' && edit.span.start === edit.span.end) return undefined;
  return { title: `Disable ${f.code} for this line`, kind: 'quickfix', edits: [edit], diagnostics: [index], code: f.code };
}

// Fix-all re-checks the whole spec a few times; light-bulb requests come on every cursor move.
const fixAllCache = new WeakMap<SpecDocument, { options: CheckOptions; edit: TextEdit | undefined; count: number }>();

function fixAllAction(doc: SpecDocument, kind: CodeActionKind): CodeAction | undefined {
  let c = fixAllCache.get(doc);
  if (!c || !sameOptions(c.options, doc.options)) {
    const r = fixAll(doc.text, doc.options);
    c = { options: doc.options, edit: r.text === doc.text ? undefined : minimalEdit(doc.text, r.text), count: r.applied.length };
    fixAllCache.set(doc, c);
  }
  if (!c.edit) return undefined;
  return { title: c.count > 1 ? `${FIX_ALL_TITLE} (${c.count} fixes)` : FIX_ALL_TITLE, kind, edits: [c.edit], diagnostics: [] };
}

/** One edit covering only what changed between the texts, so the editor keeps cursor and folds. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}
