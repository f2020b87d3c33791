import type { Span } from '../spec/model';
import type { RuleContext } from './types';

/** 1-based line of an offset, for messages ("(line 12)"), as an editor counts lines. */
export function lineOf(ctx: RuleContext, span: Span): number {
  return ctx.lines.positionAt(span.start).line + 1;
}

/** Quotes user text in messages at a bounded length: a 1 MB value must not make a 1 MB message. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
