import { isMap, isPair, isSeq, visit, type Node } from 'yaml';
import type { SpecDocument } from './document';
import type { FoldingRange } from './types';

/**
 * A range per mapping or list that spans lines, from the line of its key (or list dash) to its
 * last line of content; plus runs of two or more comment lines.
 */
export function foldingRanges(doc: SpecDocument): FoldingRange[] {
  const lines = doc.lines;
  const text = doc.text;
  const out: FoldingRange[] = [];
  const lastLine = (end: number): number => {
    // A block collection's range runs through its final line break; fold up to the content.
    let e = end;
    while (e > 0 && /\s/.test(text[e - 1])) e--;
    return lines.positionAt(Math.max(e - 1, 0)).line;
  };
  visit(doc.parsed.doc, {
    Pair(_key, pair) {
      const k = pair.key as Node | null;
      const v = pair.value as Node | null;
      if (!k?.range || !v?.range || !(isMap(v) || isSeq(v))) return;
      const start = lines.positionAt(k.range[0]).line;
      const end = lastLine(v.range[1]);
      if (end > start) out.push({ startLine: start, endLine: end });
    },
    Seq(_key, seq) {
      for (const item of seq.items) {
        const n = item as Node | null;
        if (isPair(n) || !n?.range || !(isMap(n) || isSeq(n))) continue;
        const start = lines.positionAt(n.range[0]).line;
        const end = lastLine(n.range[1]);
        if (end > start) out.push({ startLine: start, endLine: end });
      }
    },
  });
  out.push(...commentRuns(doc));
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function commentRuns(doc: SpecDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = doc.lines;
  let runStart = -1;
  for (let i = 0; i <= lines.lineCount; i++) {
    const isComment = i < lines.lineCount && doc.text.slice(lines.lineStart(i), lines.lineEnd(i)).trimStart().startsWith('#');
    if (isComment && runStart < 0) runStart = i;
    if (!isComment && runStart >= 0) {
      if (i - 1 > runStart) out.push({ startLine: runStart, endLine: i - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  return out;
}
