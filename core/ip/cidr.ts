import { parseAddr } from './addr';
import { familyBits, hasWhitespace, type Family } from './family';
import type { Interval } from './interval';
import { quickDottedQuad } from './parse4';
import { parsePrefix } from './prefix';
import { err, ok, type Result } from './result';

export interface Cidr {
  family: Family;
  /** The address as written, host bits included, so MV102 can report and fix them. */
  addr: bigint;
  prefix: number;
  network: bigint;
  /** Highest address in the block; the broadcast address for IPv4. */
  last: bigint;
  hostBitsSet: boolean;
}

export function parseCidr(text: string): Result<Cidr> {
  const quick = quickCidr4(text);
  if (quick) return ok(quick);
  if (text === '') return err('CIDR is empty');
  if (hasWhitespace(text)) return err('whitespace is not allowed');
  const slash = text.indexOf('/');
  if (slash < 0) return err('missing prefix length (expected address/prefix)');
  if (text.indexOf('/', slash + 1) >= 0) return err("more than one '/'");
  const addrText = text.slice(0, slash);
  if (addrText === '') return err("missing address before '/'");
  const a = parseAddr(addrText);
  if (!a.ok) return a;
  const p = parsePrefix(text.slice(slash + 1), familyBits(a.value.family));
  if (!p.ok) return p;
  return ok(makeCidr(a.value.family, a.value.value, p.value));
}

/**
 * A plain valid IPv4 CIDR ("10.1.2.0/24": dotted quad, prefix 0..32 without leading zero) in
 * 32-bit number arithmetic, else undefined for parseCidr's detailed path. A spec holds thousands
 * of subnets and ranges; the general path makes a dozen bigints and two Results for each.
 */
export function quickCidr4(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const rest = text.length - slash - 1;
  if (rest < 1 || rest > 2) return undefined;
  const d1 = text.charCodeAt(slash + 1) - 48;
  const d2 = rest === 2 ? text.charCodeAt(slash + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || (rest === 2 && d1 === 0)) return undefined;
  const prefix = rest === 2 ? d1 * 10 + d2 : d1;
  if (prefix > 32) return undefined;
  const addr = quickDottedQuad(text, 0, slash);
  if (addr < 0) return undefined;
  // `>>> 0` keeps the 32-bit results unsigned; JS shifts count mod 32, hence /32 apart.
  const hostMask = prefix === 32 ? 0 : 0xffffffff >>> prefix;
  const network = (addr & ~hostMask) >>> 0;
  const a = BigInt(addr);
  const n = network === addr ? a : BigInt(network);
  return { family: 4, addr: a, prefix, network: n, last: BigInt((network | hostMask) >>> 0), hostBitsSet: network !== addr };
}

/** For callers that computed a block (free-block search, quick fixes) rather than parsed one. */
export function makeCidr(family: Family, addr: bigint, prefix: number): Cidr {
  const host = hostMask(family, prefix);
  const network = addr & ~host;
  return { family, addr, prefix, network, last: network | host, hostBitsSet: addr !== network };
}

function hostMask(family: Family, prefix: number): bigint {
  return (1n << BigInt(familyBits(family) - prefix)) - 1n;
}

export function size(cidr: Cidr): bigint {
  return 1n << BigInt(familyBits(cidr.family) - cidr.prefix);
}

export function cidrInterval(c: Cidr): Interval {
  return { start: c.network, end: c.last };
}

/**
 * Addresses Docker's IPAM may hand out, or null when there are none.
 * IPv4: the network and broadcast addresses are never assignable, so /31 and /32 (which RFC 3021
 * would allow on point-to-point links, but Docker does not) have no usable range.
 * IPv6: there is no broadcast, but Docker still skips the network address (the subnet-router
 * anycast address), so the range is network+1..last; /127 and /128 are treated as unusable
 * because Docker rejects pools that small.
 */
export function usableRange(cidr: Cidr): Interval | null {
  if (!hasUsableAddresses(cidr)) return null;
  return { start: cidr.network + 1n, end: cidr.family === 4 ? cidr.last - 1n : cidr.last };
}

/** Whether usableRange() has a range for `cidr`, without building it (rules ask per subnet). */
export function hasUsableAddresses(cidr: Cidr): boolean {
  return cidr.prefix <= (cidr.family === 4 ? 30 : 126);
}

/** The caller checks the family: a bare bigint does not carry one. */
export function contains(cidr: Cidr, value: bigint): boolean {
  return cidr.network <= value && value <= cidr.last;
}

export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.network <= inner.network && inner.last <= outer.last;
}
