/**
 * Where `value` sits in a block of `size` addresses starting at `base`: 0..1. The offset is
 * taken in bigint first (an IPv6 address is far beyond a double's exact range, an offset in a
 * /64 is not), then both are doubles: relative precision 2^-53, so ::10 in a /64 keeps its
 * 2^-60 rather than rounding to 0.
 */
export function fraction(value: bigint, base: bigint, size: bigint): number {
  if (value <= base) return 0;
  const off = value - base;
  if (off >= size) return 1;
  return Number(off) / Number(size);
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
