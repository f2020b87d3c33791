export type Family = 4 | 6;

export interface Addr {
  family: Family;
  value: bigint;
}

export function familyBits(family: Family): number {
  return family === 4 ? 32 : 128;
}

export function maxAddr(family: Family): bigint {
  return (1n << BigInt(familyBits(family))) - 1n;
}

const WHITESPACE = /\s/u;

/** Shared by every parser so that whitespace gets the same message whichever form it breaks. */
export function hasWhitespace(text: string): boolean {
  return WHITESPACE.test(text);
}
