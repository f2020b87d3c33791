import type { Finding } from '../../core/findings';
import type { Path } from '../../core/spec/model';
import type { LineIndex, Range } from '../../core/text/positions';

/** One file's findings with what the formatters need to place them. */
export interface FileReport {
  file: string;
  findings: Finding[];
  lines: LineIndex;
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
    related: f.related.map((x) => ({ file: r.file, path: x.path, range: r.lines.rangeOf(x.span), message: x.message })),
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
