import { usableRange, type Cidr } from '../ip';

/** Addresses Docker can hand out in a subnet: 0 for /31, /32, /127, /128. */
export function usableCount(c: Cidr): bigint {
  const u = usableRange(c);
  return u ? u.end - u.start + 1n : 0n;
}


/** 18,446,744,073,709,551,615: exact, grouped for reading. */
export function exactCount(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Short enough for an inline hint: exact below a million, else a power of two ("2^64" for a
 * /64's 2^64 - 1 addresses, marked "~" when it is not exact). Usable counts are a power of
 * two minus one or two, so the exponent is what a reader compares.
 */
export function compactCount(n: bigint): string {
  if (n < 1_000_000n) return n.toString();
  const bits = n.toString(2).length;
  const up = 1n << BigInt(bits);
  const down = 1n << BigInt(bits - 1);
  if (n === down) return `2^${bits - 1}`;
  return up - n <= n - down ? `~2^${bits}` : `~2^${bits - 1}`;
}
