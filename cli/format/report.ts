import type { Finding } from '../../core/findings';
import type { Path } from '../../core/spec/model';
import type { LineIndex, Range } from '../../core/text/positions';

/** One file's findings with what the formatters need to place them. */
export interface FileReport {
  file: string;
  findings: Finding[];
  lines: LineIndex;
  /** The other files of the run, for related places in another file (compose files on one host). */
  linesOf?: (file: string) => LineIndex | undefined;
}

/** Where a related place is: its own file (another file of the same host), else the finding's. */
export function relatedPlace(r: FileReport, rel: { file?: string }): { file: string; lines: LineIndex } {
  const other = rel.file !== undefined ? r.linesOf?.(rel.file) : undefined;
  return other && rel.file !== undefined ? { file: rel.file, lines: other } : { file: r.file, lines: r.lines };
}

export interface JsonFinding {
  file: string;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  path: Path;
  range: Range;
  related: { file: string; path: Path; range: Range; message: string }[];
}

export function toJson(r: FileReport): JsonFinding[] {
  return r.findings.map((f) => ({
    file: r.file,
    code: f.code,
    severity: f.severity,
    message: f.message,
    path: f.path,
    range: r.lines.rangeOf(f.span),
    related: f.related.map((x) => {
      const at = relatedPlace(r, x);
      return { file: at.file, path: x.path, range: at.lines.rangeOf(x.span), message: x.message };
    }),
  }));
}

export function summary(reports: FileReport[]): { errors: number; warnings: number; infos: number } {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const r of reports)
    for (const f of r.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  return s;
}
