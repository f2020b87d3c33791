import { maxAddr, type Family } from './family';

/**
 * Canonical text: dotted quad, or RFC 5952 for IPv6 (lowercase, no leading zeros, the longest
 * run of two or more zero groups as "::", the first such run on ties). Diagnostics and quick
 * fixes print this, so the same address always reads the same way.
 * Throws RangeError for a value outside the family: that is a caller bug, not user input.
 */
export function formatAddr(a: { family: Family; value: bigint }): string {
  if (a.value < 0n || a.value > maxAddr(a.family)) {
    throw new RangeError(`value ${a.value} is outside the IPv${a.family} address space`);
  }
  return a.family === 4 ? format4(a.value) : format6(a.value);
}

export function formatCidr(family: Family, network: bigint, prefix: number): string {
  return `${formatAddr({ family, value: network })}/${prefix}`;
}

function format4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

function format6(v: bigint): string {
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((v >> s) & 0xffffn));

  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    // Strictly greater keeps the first run on ties, as RFC 5952 §4.2.3 requires.
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }

  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  // A single zero group is never compressed (RFC 5952 §4.2.2).
  if (bestLen < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}
