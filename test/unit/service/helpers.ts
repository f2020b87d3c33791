import type { CheckOptions } from '../../../core/check';
import { SpecDocument } from '../../../core/service';

/** Marks the cursor in test texts; never valid YAML content, so it cannot clash. */
export const CURSOR = '¦';

/** A document from lines, and the cursor offset where `¦` stood (it is removed). */
export function docAt(lines: readonly string[], options: CheckOptions = {}): { doc: SpecDocument; offset: number; text: string } {
  const raw = lines.join('\n');
  const offset = raw.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker in the test text');
  const text = raw.slice(0, offset) + raw.slice(offset + CURSOR.length);
  return { doc: new SpecDocument(text, { options }), offset, text };
}

export function docOf(lines: readonly string[], options: CheckOptions = {}): SpecDocument {
  return new SpecDocument(lines.join('\n'), { options });
}

/** Offset of the `nth` (0-based) occurrence of `needle`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  return i + delta;
}

export const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);
