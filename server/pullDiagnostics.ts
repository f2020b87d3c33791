import type { Diagnostic } from 'vscode-languageserver/node';

/**
 * Result ids for pulled diagnostics (LSP 3.17 `textDocument/diagnostic`). When a document's
 * diagnostics are the same as the ones the client last received, the answer is `unchanged`
 * with the same id, and nothing else crosses the pipe: on an error-dense spec an unchanged
 * list is megabytes the client would serialise, pipe and parse again for nothing.
 */
export class DiagnosticResults {
  private readonly last = new Map<string, { id: string; items: Diagnostic[] }>();
  private counter = 0;

  /** The report for `items`: unchanged when they equal what the client holds as `previous`. */
  report(uri: string, items: Diagnostic[], previous: string | undefined): { kind: 'full'; resultId: string; items: Diagnostic[] } | { kind: 'unchanged'; resultId: string } {
    const last = this.last.get(uri);
    if (last && previous === last.id && sameDiagnostics(last.items, items)) return { kind: 'unchanged', resultId: last.id };
    const id = `${++this.counter}`;
    this.last.set(uri, { id, items });
    return { kind: 'full', resultId: id, items };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i], b[i])) return false;
  return true;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  const ra = a.range;
  const rb = b.range;
  if (ra.start.line !== rb.start.line || ra.start.character !== rb.start.character || ra.end.line !== rb.end.line || ra.end.character !== rb.end.character) return false;
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message) return false;
  // Related places and data are small; comparing them as JSON keeps this exact without a deep-equal of its own.
  return JSON.stringify(a.relatedInformation) === JSON.stringify(b.relatedInformation) && JSON.stringify(a.data) === JSON.stringify(b.data);
}
