/**
 * Positions along a bar. A /64 has 2^64 addresses, more than a double counts exactly, so the
 * fraction is taken in bigint with 52 bits after the point first: exact to well below a pixel.
 */
const BITS = 52n;
const ONE = 2 ** 52;

/** Where `value` sits in a block of `size` addresses starting at `base`: 0..1. */
export function fraction(value: bigint, base: bigint, size: bigint): number {
  if (value <= base) return 0;
  const off = value - base;
  if (off >= size) return 1;
  return Number((off << BITS) / size) / ONE;
}

/** A count for a label: exact up to a million, then as a power of two or in scientific notation. */
export function shortCount(text: string): string {
  const n = BigInt(text);
  if (n < 1_000_000n) return n.toString();
  // Whole blocks (2^64, 2^64 - 2...) read better as powers of two.
  const bits = n.toString(2).length;
  const pow = 1n << BigInt(bits);
  if (n === pow >> 1n) return `2^${bits - 1}`;
  if (pow - n <= 16n) return `2^${bits} − ${pow - n}`;
  if (n - (pow >> 1n) <= 16n) return `2^${bits - 1} + ${n - (pow >> 1n)}`;
  const digits = n.toString();
  return `${digits[0]}.${digits[1]}e${digits.length - 1}`;
}
