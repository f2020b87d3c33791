import { parseAddr } from './addr';
import { parseCidr } from './cidr';
import { hasWhitespace } from './family';
import { formatAddr } from './format';
import type { AddrRange } from './interval';
import { err, ok, type Result } from './result';

/**
 * An `exclude` entry: one address, "start-end", or a CIDR (taken whole, host bits ignored,
 * because excluding 192.0.2.5/30 can only mean the block it sits in).
 * '-' never occurs in either address family, so splitting on it is unambiguous.
 */
export function parseAddrRange(text: string): Result<AddrRange> {
  if (text === '') return err('address range is empty');
  if (hasWhitespace(text)) return err('whitespace is not allowed');
  if (text.includes('/')) {
    const c = parseCidr(text);
    if (!c.ok) return c;
    return ok({ family: c.value.family, start: c.value.network, end: c.value.last });
  }
  const dash = text.indexOf('-');
  if (dash < 0) {
    const a = parseAddr(text);
    if (!a.ok) return a;
    return ok({ family: a.value.family, start: a.value.value, end: a.value.value });
  }
  if (text.indexOf('-', dash + 1) >= 0) return err("more than one '-' in address range");
  const startText = text.slice(0, dash);
  const endText = text.slice(dash + 1);
  if (startText === '') return err("missing address before '-'");
  if (endText === '') return err("missing address after '-'");
  const s = parseAddr(startText);
  if (!s.ok) return err(`range start: ${s.error}`);
  const e = parseAddr(endText);
  if (!e.ok) return err(`range end: ${e.error}`);
  if (s.value.family !== e.value.family) return err('range mixes IPv4 and IPv6 addresses');
  if (s.value.value > e.value.value) {
    return err(`range start ${formatAddr(s.value)} is after range end ${formatAddr(e.value)}`);
  }
  return ok({ family: s.value.family, start: s.value.value, end: e.value.value });
}
