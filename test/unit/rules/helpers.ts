import { checkText, type CheckOptions } from '../../../core/check';
import type { Code, Finding } from '../../../core/findings';

export interface Checked {
  text: string;
  findings: Finding[];
  codes(): Code[];
  of(code: Code): Finding[];
  textAt(f: { span: { start: number; end: number } }): string;
}

/** Checks a spec; `text` may be indented (common leading whitespace is removed). */
export function check(text: string, opts: CheckOptions = {}): Checked {
  const t = dedent(text);
  const { findings } = checkText(t, opts);
  return {
    text: t,
    findings,
    codes: () => [...new Set(findings.map((f) => f.code))].sort(),
    of: (code) => findings.filter((f) => f.code === code),
    textAt: (f) => t.slice(f.span.start, f.span.end),
  };
}

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}
