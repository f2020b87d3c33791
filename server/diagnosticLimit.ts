import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/findings';
import type { LineIndex } from '../core/text/positions';
import { DIAGNOSTIC_SOURCE, toDiagnostic, toRange, type OtherFile } from './convert';

/**
 * VS Code's extension host keeps at most 1,000 diagnostics per file and source (errors first,
 * then warnings, then the rest) and drops the others after they were serialised, piped and
 * parsed. On an error-dense spec that was four fifths of every keystroke's work, so the server
 * picks the same ones itself and sends those, plus one line that says how many more exist.
 */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

const ORDER: Severity[] = ['error', 'warning', 'info'];

/**
 * The findings an editor shows when it keeps `max` of them: errors first, then warnings, then
 * infos, each in document order; the result keeps the findings' own order. `max` 0 = all.
 */
export function limitFindings(findings: readonly Finding[], max: number): { shown: readonly Finding[]; omitted: number; firstOmitted?: Finding } {
  if (max <= 0 || findings.length <= max) return { shown: findings, omitted: 0 };
  const keep = new Set<Finding>();
  for (const severity of ORDER) {
    for (const f of findings) {
      if (keep.size === max) break;
      if (f.severity === severity) keep.add(f);
    }
  }
  const shown: Finding[] = [];
  let firstOmitted: Finding | undefined;
  for (const f of findings) {
    if (keep.has(f)) shown.push(f);
    else firstOmitted ??= f;
  }
  return { shown, omitted: findings.length - max, firstOmitted };
}

/** The diagnostics of one document version, at most `max` findings and a note on the rest. */
export function toDiagnostics(findings: readonly Finding[], lines: LineIndex, uri: string, max: number, otherFile?: OtherFile): Diagnostic[] {
  const { shown, omitted, firstOmitted } = limitFindings(findings, max);
  const out = shown.map((f) => toDiagnostic(f, lines, uri, otherFile));
  if (firstOmitted) out.push(omittedNote(firstOmitted, findings.length, omitted, max, lines));
  return out;
}

/** At the first finding left out, so it sits where the unseen ones begin. No code: no fix, no rule. */
function omittedNote(first: Finding, total: number, omitted: number, max: number, lines: LineIndex): Diagnostic {
  const n = (x: number): string => x.toLocaleString('en-US');
  return {
    range: toRange(lines, first.span),
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `${n(total)} findings in this file; showing ${n(max)} (errors first) and not ${n(omitted)} more. The setting macvlan.diagnostics.maxPerFile sets the limit (0: no limit); \`macvlan-spec check\` lists them all.`,
  };
}
