import type { Rule } from './types';

/**
 * MV002: `version` is an integer this release cannot read.
 *
 * Decided here (the design page leaves it open):
 * - Only an integer value is this rule's business. A missing key, a string ("1"), a float (1.5),
 *   null or .inf are schema violations (MV001); reporting them here too would double up.
 *   YAML reads `1.0` as the number 1, which is version 1.
 * - A version above 1 asks for a newer release; 0 or below never existed. The message says which.
 */
const SUPPORTED = 1;

export const rule: Rule = {
  code: 'MV002',
  title: 'Unsupported format version',
  defaultSeverity: 'error',
  check(ctx, report) {
    const v = ctx.facts.model.version;
    if (!v || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value === SUPPORTED) return;
    const message =
      v.value > SUPPORTED
        ? `version ${v.value} is newer than this release of macvlan-spec reads (only version ${SUPPORTED}) — update macvlan-spec, or write the spec as version: ${SUPPORTED}`
        : `version ${v.value} does not exist: the only format version is ${SUPPORTED} — write version: ${SUPPORTED}`;
    report({ message, span: v.span, path: v.path });
  },
};
