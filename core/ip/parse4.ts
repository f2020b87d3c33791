import { hasWhitespace, type Addr } from './family';
import { err, ok, type Result } from './result';

const DIGITS = /^[0-9]+$/;

/**
 * Strict dotted-quad only. inet_aton accepts "10.1", "0x0a.0.0.1" and "010.0.0.1" (octal!),
 * and Docker's Go parser rejects all of them, so a lenient parser here would bless specs that
 * fail at `docker network create` time — or, worse, silently mean another address.
 */
export function parseAddr4(text: string): Result<Addr> {
  // A spec holds tens of thousands of addresses; valid ones take this loop without the
  // bigint arithmetic per octet, anything else gets the detailed reasons below.
  const fast = quickDottedQuad(text);
  if (fast >= 0) return ok({ family: 4, value: BigInt(fast) });
  return parseSlow(text);
}

/**
 * The address as a number when `text` (or its part from `from` to `to`) is a plain valid dotted
 * quad, else -1. No allocation: callers that only need the value (facts, CIDRs) skip the Result.
 */
export function quickDottedQuad(text: string, from = 0, to = text.length): number {
  const len = to - from;
  if (len < 7 || len > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 46;
    if (c === 46) {
      // Empty octets, leading zeros and octets above 255 are the slow path's to explain.
      if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(i - digits) === 48)) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else return -1;
  }
  return dots === 4 ? value : -1;
}

function parseSlow(text: string): Result<Addr> {
  if (text === '') return err('address is empty');
  if (hasWhitespace(text)) return err('whitespace is not allowed');
  for (const ch of text) {
    if (ch !== '.' && (ch < '0' || ch > '9')) return err(`unexpected character '${ch}' in IPv4 address`);
  }
  const parts = text.split('.');
  if (parts.length !== 4) return err(`expected 4 octets, found ${parts.length}`);
  let value = 0n;
  for (const part of parts) {
    if (part === '') return err('empty octet');
    // Unreachable after the character scan, kept so the octet rule stands on its own.
    if (!DIGITS.test(part)) return err(`octet '${part}' is not a decimal number`);
    if (part.length > 1 && part.startsWith('0')) return err(`leading zero in ${part}`);
    const n = Number(part);
    if (n > 255) return err(`octet ${part} is above 255`);
    value = (value << 8n) | BigInt(n);
  }
  return ok({ family: 4, value });
}
