import type { Cidr } from './cidr';
import { familyBits, maxAddr, type Family } from './family';
import { compareBigint, type Interval } from './interval';

/**
 * Lowest block of 2^(bits - prefix) addresses, aligned on its size, that overlaps none of
 * `taken`: what a "pick a free subnet / ip_range" quick fix proposes. O(n log n).
 * The search covers `within` if given, else the whole family space; `after`, if given, is a
 * further lower bound in both cases (rounded up to the block alignment), so a caller can ask
 * for the next block past one it already proposed.
 * Returns the block's network address, or undefined when nothing fits (including a `within`
 * smaller than the block). `taken` must be of `family`; unsorted and overlapping is fine.
 * Throws RangeError for a prefix outside 0..bits, which no parsed CIDR can produce.
 */
export function nextFreeBlock(
  taken: readonly Interval[],
  prefix: number,
  family: Family,
  within?: Cidr,
  after?: bigint,
): bigint | undefined {
  const bits = familyBits(family);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new RangeError(`prefix ${prefix} is outside 0..${bits}`);
  }
  const blockSize = 1n << BigInt(bits - prefix);
  let lo = within ? within.network : 0n;
  const hi = within ? within.last : maxAddr(family);
  if (after !== undefined && after > lo) lo = after;
  const alignUp = (x: bigint): bigint => ((x + blockSize - 1n) / blockSize) * blockSize;

  const sorted = [...taken].sort((a, b) => compareBigint(a.start, b.start));
  let cand = alignUp(lo);
  for (const iv of sorted) {
    if (cand + blockSize - 1n > hi) return undefined;
    if (iv.end < cand) continue;
    // Sorted by start: once one starts past the candidate block, all later ones do too.
    if (iv.start > cand + blockSize - 1n) break;
    cand = alignUp(iv.end + 1n);
  }
  return cand + blockSize - 1n <= hi ? cand : undefined;
}
