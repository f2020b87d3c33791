import type { Family } from './family';

/** Inclusive on both ends, so a /32 or a single excluded address is `start === end`. */
export interface Interval {
  start: bigint;
  end: bigint;
}

/** An interval that knows its family, as parsed from an `exclude` entry. */
export interface AddrRange extends Interval {
  family: Family;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
