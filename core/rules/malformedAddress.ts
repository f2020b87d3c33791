import { parseAddr } from '../ip';
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
      const fixed = prefixInRange(e.val.value);
      report({
        message: `"${clip(e.val.value)}" is not a valid ${e.what}: ${clip(e.error, 160)}`,
        span: e.val.span,
        path: e.val.path,
        ...(fixed ? { data: { fix: 'replaceValue' as const, value: fixed, title: `Change to ${fixed}` } } : {}),
      });
    }
  },
};

/**
 * A CIDR whose only fault is a prefix longer than its family allows ("10.0.0.0/33"): the usual
 * LAN prefix when the address fits it (/24, /64), else a single address. Nothing for anything else.
 */
function prefixInRange(text: string): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d+$/.test(text.slice(slash + 1))) return undefined;
  const a = parseAddr(text.slice(0, slash));
  if (!a.ok) return undefined;
  const max = a.value.family === 4 ? 32 : 128;
  if (Number(text.slice(slash + 1)) <= max) return undefined;
  const usual = a.value.family === 4 ? 24 : 64;
  const hostBits = BigInt(max - usual);
  const fits = (a.value.value & ((1n << hostBits) - 1n)) === 0n;
  return `${text.slice(0, slash)}/${fits ? usual : max}`;
}

