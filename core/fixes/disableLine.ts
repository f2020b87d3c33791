import type { Finding } from '../findings';
import { LineIndex } from '../text/positions';
import type { TextEdit } from './types';

// Same shape as core/suppress.ts reads: the directive runs to the end of the line or the next '#'.
const DIRECTIVE = /#\s*macvlan-disable-line\b([^\n\r#]*)/;

/**
 * `  # macvlan-disable-line MV405` at the end of the finding's first line (the line
 * suppressions are matched on). When that line already has a disable-line directive, the code
 * is appended to its list; a directive without codes already silences everything, so the edit
 * is then empty. `lines` is the text's LineIndex when the caller has one: building it per
 * finding made a code action request with every diagnostic of a big spec quadratic.
 */
export function disableLineEdit(text: string, finding: Finding, lines: LineIndex = new LineIndex(text)): TextEdit {
  const line = lines.positionAt(finding.span.start).line;
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const m = DIRECTIVE.exec(text.slice(start, end));
  if (m) {
    const codes = m[1].split(/[\s,]+/).filter((c) => /^MV\d{3}$/.test(c));
    const listEnd = start + (m.index ?? 0) + m[0].trimEnd().length;
    if (codes.length === 0 || codes.includes(finding.code)) return { span: { start: listEnd, end: listEnd }, newText: '' };
    return { span: { start: listEnd, end: listEnd }, newText: ` ${finding.code}` };
  }
  const body = text.slice(start, end);
  const trimmed = start + body.trimEnd().length;
  return { span: { start: trimmed, end }, newText: `  # macvlan-disable-line ${finding.code}` };
}
