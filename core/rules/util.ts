import type { Span } from '../spec/model';
import type { RuleContext } from './types';

/** 1-based line of an offset, for messages ("(line 12)"). Cached per text. */
const cache = new WeakMap<object, number[]>();

export function lineOf(ctx: RuleContext, span: Span): number {
  const model = ctx.facts.model;
  let starts = cache.get(model);
  if (!starts) {
    starts = [0];
    const t = model.text;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) starts.push(i + 1);
    cache.set(model, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= span.start) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Quotes user text in messages at a bounded length: a 1 MB value must not make a 1 MB message. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
