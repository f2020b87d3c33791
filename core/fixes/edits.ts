import type { TextEdit } from './types';

/**
 * Applies non-overlapping edits to `text`. Edits are ordered by position here, so callers may
 * pass them in any order; two insertions at one offset keep the order they were given in.
 * Overlapping edits are a bug in the fix that produced them, so they throw rather than guess.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const order = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i);
  const parts: string[] = [];
  let pos = 0;
  for (const { e } of order) {
    const { start, end } = e.span;
    if (start < 0 || end < start || end > text.length) throw new RangeError(`edit span ${start}..${end} is outside the text (length ${text.length})`);
    if (start < pos) throw new RangeError(`edit span ${start}..${end} overlaps an earlier edit ending at ${pos}`);
    parts.push(text.slice(pos, start), e.newText);
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/**
 * Whether two edits cannot both be applied. Insertions at the same offset count as a conflict:
 * their relative order would be arbitrary, and two fixes inserting at one spot (say, both adding
 * a key after `subnet:`) are the same fix twice.
 */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === b.span.start) return true;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

export function fixConflicts(edits: readonly TextEdit[], taken: readonly TextEdit[]): boolean {
  return edits.some((e) => taken.some((t) => editsConflict(e, t)));
}
