import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/findings';
import type { CompletionItem as SpecCompletion, CompletionKind, DiagnosticRef, SpecSymbol, SymbolKind as SpecSymbolKind } from '../core/service';
import type { Span } from '../core/spec/model';
import type { LineIndex } from '../core/text/positions';
import { RULES_URL } from './protocol';

/**
 * The one place where offsets become LSP positions and back. Everything below the server works
 * in offsets into the text of one document version; `lines` must be that version's LineIndex.
 */
export function toRange(lines: LineIndex, span: Span): Range {
  return lines.rangeOf(span);
}

export function toPosition(lines: LineIndex, offset: number): Position {
  return lines.positionAt(offset);
}

export function toOffset(lines: LineIndex, pos: Position): number {
  return lines.offsetAt(pos);
}

export function toSpan(lines: LineIndex, range: Range): Span {
  const start = lines.offsetAt(range.start);
  return { start, end: Math.max(start, lines.offsetAt(range.end)) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'macvlan';

/** Where a related place in another file is (compose files on one host); undefined: this document. */
export type OtherFile = (file: string) => { uri: string; lines: LineIndex } | undefined;

export function toDiagnostic(f: Finding, lines: LineIndex, uri: string, otherFile?: OtherFile): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `${RULES_URL}#${f.code.toLowerCase()}` },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (f.related.length > 0) {
    // A place in a file the server cannot point at is left out: its offsets mean nothing here.
    d.relatedInformation = f.related.flatMap((r) => {
      if (r.file === undefined) return [{ location: { uri, range: toRange(lines, r.span) }, message: r.message }];
      const other = otherFile?.(r.file);
      return other ? [{ location: { uri: other.uri, range: toRange(other.lines, r.span) }, message: r.message }] : [];
    });
  }
  // Quick fixes read the hint back from here (matched on code + data, never on the message).
  if (f.data) d.data = f.data;
  return d;
}

/** A diagnostic the client sends back, as the service matches it against findings. */
export function toDiagnosticRef(d: Diagnostic, lines: LineIndex): DiagnosticRef | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || d.code === undefined) return undefined;
  return { code: String(d.code), span: toSpan(lines, d.range), data: d.data };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  network: CompletionItemKind.Interface,
  host: CompletionItemKind.Module,
  computed: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(c: SpecCompletion, lines: LineIndex): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    textEdit: { range: toRange(lines, c.replaceSpan), newText: c.insertText },
    insertTextFormat: c.kind === 'snippet' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.multiline) item.insertTextMode = InsertTextMode.adjustIndentation;
  if (c.detail !== undefined) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (c.sortText !== undefined) item.sortText = c.sortText;
  if (c.kind === 'computed') item.preselect = c.sortText === '00';
  return item;
}

const SYMBOL_KIND: Record<SpecSymbolKind, SymbolKind> = {
  section: SymbolKind.Namespace,
  host: SymbolKind.Module,
  network: SymbolKind.Interface,
  container: SymbolKind.Object,
  attachment: SymbolKind.Field,
};

export function toDocumentSymbol(s: SpecSymbol, lines: LineIndex): DocumentSymbol {
  const out: DocumentSymbol = {
    name: s.name,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(lines, s.span),
    selectionRange: toRange(lines, s.selectionSpan),
    children: s.children.map((c) => toDocumentSymbol(c, lines)),
  };
  if (s.detail !== undefined) out.detail = s.detail;
  return out;
}
