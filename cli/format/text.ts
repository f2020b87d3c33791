import { relatedPlace, summary, type FileReport } from './report';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `file:line:col severity CODE message`, 1-based like compilers print, then a summary line. */
export function formatText(reports: FileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const f of r.findings) {
      const p = r.lines.positionAt(f.span.start);
      out.push(`${r.file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}`);
      for (const rel of f.related) {
        const at = relatedPlace(r, rel);
        const q = at.lines.positionAt(rel.span.start);
        out.push(`  ${at.file}:${q.line + 1}:${q.character + 1} note: ${rel.message}`);
      }
    }
  }
  const s = summary(reports);
  out.push(`${plural(reports.length, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info`);
  return out.join('\n') + '\n';
}
