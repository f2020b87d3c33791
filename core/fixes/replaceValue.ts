import type { FixProvider } from './types';
import { replaceScalar } from './yamlEdit';

/**
 * Hint `replaceValue` (a suggestion such as "did you mean ipvlan"): write the suggested value in
 * place of the finding's span, keeping its quotes. Not safe: a suggestion is a guess.
 */
export const replaceValue: FixProvider<'replaceValue'> = {
  maySafe: false,
  provide(ctx, hint) {
    return [{ title: hint.title, code: ctx.finding.code, edits: [replaceScalar(ctx.text, ctx.finding.span, hint.value)], safe: false }];
  },
};
