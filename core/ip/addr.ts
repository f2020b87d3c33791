import { hasWhitespace, type Addr } from './family';
import { parseAddr4, quickDottedQuad } from './parse4';
import { parseAddr6 } from './parse6';
import { err, ok, type Result } from './result';

/**
 * Either family. A ':' decides for IPv6 (it never occurs in IPv4); otherwise anything that looks
 * numeric goes to the IPv4 parser so "10.1" gets the octet-count message rather than a vague one.
 */
export function parseAddr(text: string): Result<Addr> {
  const quick = quickDottedQuad(text);
  if (quick >= 0) return ok({ family: 4, value: BigInt(quick) });
  if (text === '') return err('address is empty');
  if (hasWhitespace(text)) return err('whitespace is not allowed');
  if (text.includes(':')) return parseAddr6(text);
  if (/^[0-9.]/.test(text)) return parseAddr4(text);
  return err(`'${text}' is not an IPv4 or IPv6 address`);
}
