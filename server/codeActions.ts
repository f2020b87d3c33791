import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { compareFindings } from '../core/findings';
import { valueFixActions } from '../core/service/valueFixActions';
import type { CodeAction as ServiceAction, DiagnosticRef } from '../core/service';
import type { LineIndex } from '../core/text/positions';
import { toDiagnosticRef, toRange } from './convert';
import { guard, type Log } from './guard';
import { fileOfUri, isComposeUri, type HostFiles } from './hostFiles';
import { findingMatcher } from '../core/service/findingMatch';
import type { LanguageService } from './service';
import type { OpenSpecs } from './specs';

/** Quick fixes, "disable for this line" and fix-all, from the diagnostics the client sends back. */
export function registerCodeActions(connection: Connection, specs: OpenSpecs, hosts: HostFiles, service: LanguageService, log: Log, canShowDisabled: () => boolean): void {
  connection.onCodeAction(guard(log, 'codeAction', [], async (p): Promise<CodeAction[]> => {
    if (isComposeUri(p.textDocument.uri)) return composeActions(p, hosts, canShowDisabled());
    const open = await specs.get(p.textDocument.uri);
    if (!open) return [];
    const { lines } = open.spec;
    const { refs, origin } = diagnosticRefs(p.context.diagnostics, lines);
    const all = service.codeActions(open.spec, { diagnostics: refs, ...(p.context.only ? { only: p.context.only } : {}) });
    // Findings from other files on the spec's hosts are not the spec's own: their fixes (the
    // same value rewrites as in compose files) come from the check across files.
    const own = findingMatcher(open.spec.result.findings);
    const foreign = refs.map((r, i) => (own(r) ? -1 : i)).filter((i) => i >= 0);
    if (foreign.length > 0 && wantsQuickFix(p)) {
      const self = { file: fileOfUri(p.textDocument.uri), result: open.spec.result };
      const ctx = await hosts.context(p.textDocument.uri, self, open.settings);
      const cross = valueFixActions(open.spec.result, hosts.crossFindings(ctx), foreign.map((i) => refs[i]), hosts.neighbours(ctx, open.spec.options.observed));
      all.push(...cross.map((a) => ({ ...a, diagnostics: a.diagnostics.map((k) => foreign[k]) })));
    }
    return toCodeActions(all, p, lines, origin, canShowDisabled());
  }));
}

/** Quick fixes in a compose file, for its own findings and those from the files on its host. */
async function composeActions(p: CodeActionParams, hosts: HostFiles, canShowDisabled: boolean): Promise<CodeAction[]> {
  const uri = p.textDocument.uri;
  if (!wantsQuickFix(p)) return [];
  const c = await hosts.compose(uri);
  if (!c) return [];
  const ctx = await hosts.context(uri, c.checked, c.settings);
  const { result } = c.checked;
  const findings = [...result.findings, ...hosts.crossFindings(ctx)].sort(compareFindings);
  const { refs, origin } = diagnosticRefs(p.context.diagnostics, result.lines);
  const all = valueFixActions(result, findings, refs, hosts.neighbours(ctx, ctx.observed), c.checked.compose?.interpolated);
  return toCodeActions(all, p, result.lines, origin, canShowDisabled);
}

function wantsQuickFix(p: CodeActionParams): boolean {
  return !p.context.only || p.context.only.some((o) => o === 'quickfix' || 'quickfix'.startsWith(`${o}.`));
}

function diagnosticRefs(sent: Diagnostic[], lines: LineIndex): { refs: DiagnosticRef[]; origin: number[] } {
  const refs: DiagnosticRef[] = [];
  const origin: number[] = [];
  sent.forEach((d, i) => {
    const ref = toDiagnosticRef(d, lines);
    if (ref) {
      refs.push(ref);
      origin.push(i);
    }
  });
  return { refs, origin };
}

function toCodeActions(all: ServiceAction[], p: CodeActionParams, lines: LineIndex, origin: number[], canShowDisabled: boolean): CodeAction[] {
  const sent = p.context.diagnostics;
  // A client that cannot grey an action out would offer it as if it worked.
  const actions = canShowDisabled ? all : all.filter((a) => a.disabled === undefined);
  return actions.map((a) => {
    const out: CodeAction = {
      title: a.title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : a.kind,
      edit: { changes: { [p.textDocument.uri]: a.edits.map((e) => ({ range: toRange(lines, e.span), newText: e.newText })) } },
    };
    if (a.diagnostics.length > 0) out.diagnostics = a.diagnostics.map((i) => sent[origin[i]]);
    if (a.isPreferred) out.isPreferred = true;
    if (a.disabled !== undefined) {
      out.disabled = { reason: a.disabled };
      delete out.edit;
    }
    return out;
  });
}
