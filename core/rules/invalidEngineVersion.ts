import { formatEngine, parseEngine } from '../engine';
import type { Rule } from './types';

/**
 * MV001 (from a rule, not the schema): a host's `engine:` string that `parseEngine` cannot read.
 * The schema only knows it is a string; whether it reads as a version is decided by the same
 * parser the rules use, so the two can never disagree.
 *
 * Decided here: a non-string `engine:` (unquoted 27.3 is a YAML number) is the schema's MV001;
 * the model keeps only strings, so this rule never sees it and nothing is reported twice.
 * The message names the engine the rules fall back to, because that silently changes which
 * engine-dependent findings (MV102, MV109, MV203) appear.
 */
export const rule: Rule = {
  code: 'MV001',
  title: 'Unreadable engine version',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const h of ctx.facts.model.hosts) {
      const e = h.engine;
      if (!e || parseEngine(e.value) !== undefined) continue;
      const assumed = formatEngine(ctx.facts.engineFor(h.name));
      report({
        message: `engine must look like 27 or 27.3, not "${e.value}" — until it does, the rules assume Docker Engine ${assumed} for host ${h.name}`,
        span: e.span,
        path: e.path,
      });
    }
  },
};
