import { clip } from './util';
import type { Rule } from './types';

/**
 * MV101: every address, CIDR or range that did not parse (or sits in a slot of the other family
 * where the slot demands one, e.g. an IPv6 CIDR under `subnet:`). `buildFacts` collects them
 * once, so this rule is the only place they are reported; the other rules never see the value.
 */
export const rule: Rule = {
  code: 'MV101',
  title: 'Malformed IP address or CIDR',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const e of ctx.facts.addressErrors) {
      report({ message: `"${clip(e.val.value)}" is not a valid ${e.what}: ${clip(e.error, 160)}`, span: e.val.span, path: e.val.path });
    }
  },
};
