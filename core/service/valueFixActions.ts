/**
 * Quick fixes where only values may change — compose files, and a spec's findings from other
 * files on its hosts: the fixes that only rewrite a value the user wrote (renumber a
 * subnet, the next free address, move the gateway, normalise host bits, a corrected value), so
 * the edit is compose syntax by construction, and "Disable MVxxx for this line". Fixes that add
 * spec keys (a `gateway:` beside the subnet, per-host `ip_range` maps) have no compose form
 * and are not offered; neither is fix-all, which rewrites whole specs.
 */
import type { CheckResult } from '../check';
import type { Finding, FixHint } from '../findings';
import { disableLineEdit, fixesFor } from '../fixes';
import type { ObservedState } from '../observed';
import type { Span } from '../spec/model';
import { findingMatcher } from './findingMatch';
import type { CodeAction, DiagnosticRef } from './types';

const IN_COMPOSE: ReadonlySet<FixHint['fix']> = new Set<FixHint['fix']>(['renumberNetwork', 'assignAddress', 'moveGateway', 'normaliseCidr', 'replaceValue']);

/**
 * `findings`: the file's own and those across files (core/workspace/); `observed`: the host's
 * networks and the other files' (withNeighbours), so a renumbered subnet lands where no other
 * project on the host is; `frozen`: places no fix may write (a compose file's variables).
 */
export function valueFixActions(result: CheckResult, findings: readonly Finding[], diagnostics: readonly DiagnosticRef[], observed?: ObservedState, frozen: readonly Span[] = []): CodeAction[] {
  // A value written with a variable (`${SUBNET}`) is the .env file's: a fix would replace the variable.
  const touchesFrozen = (edits: readonly { span: Span }[]) => edits.some((e) => frozen.some((z) => e.span.start < z.end && z.start < e.span.end));
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const seen = new Set<string>();
  const findingFor = findingMatcher(findings);
  diagnostics.forEach((d, i) => {
    const f = findingFor(d);
    if (!f) return;
    const hint = f.data && 'fix' in f.data ? f.data.fix : undefined;
    if (hint !== undefined && IN_COMPOSE.has(hint)) {
      for (const fix of fixesFor(f, result, { observed })) {
        if (fix.disabled !== undefined) fixes.push({ title: fix.title, kind: 'quickfix', edits: [], diagnostics: [i], code: fix.code, disabled: fix.disabled });
        else if (fix.edits.length > 0 && !touchesFrozen(fix.edits)) fixes.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, diagnostics: [i], code: fix.code, ...(fix.isPreferred ? { isPreferred: true } : {}) });
      }
    }
    const edit = disableLineEdit(result.parsed.text, f, result.lines);
    const id = `${f.code} ${edit.span.start}`;
    // An empty edit: the line already silences this code.
    if ((edit.newText !== '' || edit.span.start !== edit.span.end) && !seen.has(id)) {
      seen.add(id);
      disables.push({ title: `Disable ${f.code} for this line`, kind: 'quickfix', edits: [edit], diagnostics: [i], code: f.code });
    }
  });
  return [...fixes, ...disables];
}
