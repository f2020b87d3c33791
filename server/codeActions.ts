import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import type { DiagnosticRef } from '../core/service';
import { toDiagnosticRef, toRange } from './convert';
import { guard, type Log } from './guard';
import type { LanguageService } from './service';
import type { OpenSpecs } from './specs';

/** Quick fixes, "disable for this line" and fix-all, from the diagnostics the client sends back. */
export function registerCodeActions(connection: Connection, specs: OpenSpecs, service: LanguageService, log: Log, canShowDisabled: () => boolean): void {
  connection.onCodeAction(guard(log, 'codeAction', [], async (p): Promise<CodeAction[]> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return [];
    const { lines } = open.spec;
    const sent = p.context.diagnostics;
    const refs: DiagnosticRef[] = [];
    const origin: number[] = [];
    sent.forEach((d, i) => {
      const ref = toDiagnosticRef(d, lines);
      if (ref) {
        refs.push(ref);
        origin.push(i);
      }
    });
    const all = service.codeActions(open.spec, { diagnostics: refs, ...(p.context.only ? { only: p.context.only } : {}) });
    // A client that cannot grey an action out would offer it as if it worked.
    const actions = canShowDisabled() ? all : all.filter((a) => a.disabled === undefined);
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
  }));
}
