import type { Code } from '../findings';
import type { Span } from '../spec/model';

/**
 * Results of the language features, in offsets. They mirror LSP shapes closely enough that the
 * server maps them one to one, but carry no LSP types: the service is usable from the CLI and tests.
 */

export type CompletionKind = 'key' | 'value' | 'network' | 'host' | 'computed' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Plain text, except for kind 'snippet' where it uses snippet syntax ($1, ${2:x}). */
  insertText: string;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What the item replaces: the partly typed word around the cursor (empty to insert). */
  replaceSpan: Span;
  sortText?: string;
  /** Later lines of a multi-line insert are relative to the cursor line's indentation. */
  multiline?: boolean;
}

export interface HoverResult {
  markdown: string;
  span: Span;
}

export type SymbolKind = 'section' | 'host' | 'network' | 'container' | 'attachment';

export interface SpecSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole entry, key to end of value. */
  span: Span;
  /** The name itself. */
  selectionSpan: Span;
  children: SpecSymbol[];
}

export interface FoldingRange {
  /** 0-based lines, both inclusive. */
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

export interface DocumentLink {
  /** The path text, without quotes. */
  span: Span;
  /** As written: relative paths are relative to the spec's directory. */
  target: string;
  tooltip?: string;
}

export interface InlayHint {
  /** Where the hint is shown: right after the value it is about. */
  offset: number;
  label: string;
  tooltip?: string;
}

export interface TextEdit {
  span: Span;
  newText: string;
}

/** A diagnostic as the editor hands it back: what identifies the finding it was made from. */
export interface DiagnosticRef {
  code: string;
  span: Span;
  data?: unknown;
}

export type CodeActionKind = 'quickfix' | 'source.fixAll.macvlan';

export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Indexes into the diagnostics the request passed in that this action resolves. */
  diagnostics: number[];
  code?: Code;
  /** Shown greyed out with this reason: the fix exists but cannot be made here. */
  disabled?: string;
}
