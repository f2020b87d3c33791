import type { Finding } from '../findings';
import type { DiagnosticRef } from './types';

/**
 * The finding a diagnostic was made from: same code, same span and same data. When the span
 * moved (an edit elsewhere shifted it before the diagnostics were refreshed), a finding with the
 * same code and data that overlaps it still counts, as long as it is the only one.
 */
export function findingFor(findings: readonly Finding[], d: DiagnosticRef): Finding | undefined {
  const same = findings.filter((f) => f.code === d.code && sameData(f.data, d.data));
  const exact = same.find((f) => f.span.start === d.span.start && f.span.end === d.span.end);
  if (exact) return exact;
  const near = same.filter((f) => f.span.start <= d.span.end && d.span.start <= f.span.end);
  return near.length === 1 ? near[0] : undefined;
}

/**
 * `findingFor` for many diagnostics of one findings list: exact matches come from an index built
 * once (scanning every finding per diagnostic made a request with all diagnostics of a spec with
 * 20,000 findings take half a minute); only a diagnostic whose span moved falls back to the scan.
 */
export function findingMatcher(findings: readonly Finding[]): (d: DiagnosticRef) => Finding | undefined {
  const key = (code: string, s: { start: number; end: number }): string => `${code}\u0000${s.start}\u0000${s.end}`;
  const exact = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = key(f.code, f.span);
    const list = exact.get(k);
    if (list) list.push(f);
    else exact.set(k, [f]);
  }
  return (d) => exact.get(key(d.code, d.span))?.find((f) => sameData(f.data, d.data)) ?? findingFor(findings, d);
}

/** Structural equality of JSON values (data comes back from the editor as parsed JSON). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
