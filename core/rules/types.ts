import type { LineIndex } from '../text/positions';
import type { Facts } from '../analysis/facts';
import type { Code, FindingData, Related, Severity } from '../findings';
import type { ObservedState } from '../observed';
import type { Path, Span } from '../spec/model';

export interface RuleContext {
  facts: Facts;
  observed?: ObservedState;
  /** The text's line index, for line numbers in messages. */
  lines: LineIndex;
}

export interface Report {
  message: string;
  span: Span;
  path: Path;
  related?: Related[];
  data?: FindingData;
  /** Only for rules whose severity depends on the finding (MV102 by engine, MV411 static/pool). */
  severity?: Severity;
}

/** One rule, one file, one code. Registered in rules/registry.ts. */
export interface Rule {
  code: Code;
  /** Short title for SARIF and the README rule table. */
  title: string;
  defaultSeverity: Severity;
  check(ctx: RuleContext, report: (r: Report) => void): void;
}
