import type { Document } from 'yaml';
import type { Facts } from '../analysis/facts';
import type { CheckResult } from '../check';
import type { Code, Finding, FixHint } from '../findings';
import type { ObservedState } from '../observed';
import type { Span } from '../spec/model';

/** Replace `span` (offsets into the text the finding came from) with `newText`; an empty span inserts. */
export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  code: Code;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** safe = applied by CLI --fix and "Fix all" */
  safe: boolean;
  /**
   * Why this fix cannot be made here (no edits then): the editor shows it greyed out with the
   * reason (LSP CodeAction.disabled) instead of offering nothing and leaving the user guessing.
   */
  disabled?: string;
}

/** Extra input a fix may use that a CheckResult does not keep. */
export interface FixOptions {
  /** Live host state: renumbering also steers clear of networks that already exist there. */
  observed?: ObservedState;
}

/** Everything a fix reads; built once per `fixesFor` call. */
export interface FixContext {
  finding: Finding;
  result: CheckResult;
  text: string;
  doc: Document;
  facts: Facts;
  observed?: ObservedState;
}

export type HintOf<K extends FixHint['fix']> = Extract<FixHint, { fix: K }>;

export interface FixProvider<K extends FixHint['fix']> {
  /**
   * False when the provider never returns a safe fix: `fixAll` then skips it without running
   * it, which matters on big specs where renumbering every overlap would be wasted work.
   */
  maySafe: boolean;
  provide(ctx: FixContext, hint: HintOf<K>): Fix[];
}

/** One provider per hint kind; the mapped type makes a forgotten hint a compile error. */
export type FixProviders = { [K in FixHint['fix']]: FixProvider<K> };
