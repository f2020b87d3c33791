import type { Span } from '../spec/model';

/** 0-based line and UTF-16 character, as LSP and the CLI's JSON output use. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Offset <-> position conversion for one text. JS strings are UTF-16 already, so a character
 * is an offset within the line. A line ends at "\n", "\r\n" or a lone "\r" (as in LSP).
 */
export class LineIndex {
  private readonly starts: number[];

  /**
   * The index of `text`, made from `prev` (the index of the text before an edit that replaced
   * [from, oldTo) of the old text with [from, newTo) of this one): lines before the edit are
   * kept, those after it move; only the edited stretch is scanned.
   */
  static edited(prev: LineIndex, text: string, from: number, oldTo: number, newTo: number): LineIndex {
    if (prev.text.includes('\r') || text.includes('\r')) return new LineIndex(text);
    const old = prev.starts;
    const delta = newTo - oldTo;
    // Line starts at or before `from` stay; a start inside the old edited stretch is gone.
    let k = 0;
    while (k < old.length && old[k] <= from) k++;
    const starts = old.slice(0, k);
    for (let i = text.indexOf('\n', from); i >= 0 && i < newTo; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    let j = k;
    while (j < old.length && old[j] <= oldTo) j++;
    for (; j < old.length; j++) starts.push(old[j] + delta);
    return new LineIndex(text, starts);
  }

  constructor(
    private readonly text: string,
    known?: number[],
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    // Most texts have no \r: indexOf finds the breaks far faster than a loop over characters.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between "\r" and "\n" (yaml reports errors there) is no place on either line:
    // it counts as the end of its line, not one character past it.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
