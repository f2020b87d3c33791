import type { Finding } from './findings';
import type { LineIndex } from './text/positions';

const DIRECTIVE = /#\s*macvlan-disable-(next-line|line)\b([^\n\r#]*)/g;

/**
 * Drops findings silenced by `# macvlan-disable-line MV405` (on the finding's first line) or
 * `# macvlan-disable-next-line MV405` (on the line before). Several codes may be listed,
 * separated by spaces or commas; a directive without codes silences every code on that line.
 */
export function applySuppressions(text: string, lines: LineIndex, findings: Finding[]): Finding[] {
  if (!text.includes('macvlan-disable-')) return findings;
  const byLine = new Map<number, Set<string> | 'all'>();
  for (const m of text.matchAll(DIRECTIVE)) {
    const line = lines.positionAt(m.index ?? 0).line + (m[1] === 'next-line' ? 1 : 0);
    const codes = m[2].split(/[\s,]+/).filter((c) => /^MV\d{3}$/.test(c));
    const prev = byLine.get(line);
    if (codes.length === 0 || prev === 'all') byLine.set(line, 'all');
    else byLine.set(line, new Set([...(prev ?? []), ...codes]));
  }
  return findings.filter((f) => {
    const entry = byLine.get(lines.positionAt(f.span.start).line);
    return !(entry === 'all' || entry?.has(f.code));
  });
}
