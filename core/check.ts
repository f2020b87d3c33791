import { buildFacts, type Facts } from './analysis/facts';
import { compareFindings, type Finding } from './findings';
import type { ObservedState } from './observed';
import { RULES } from './rules/registry';
import { schemaFindings } from './schema/findings';
import type { CheckSettings } from './settings';
import { parseSpec, type ParsedSpec } from './spec/parse';
import { applySuppressions } from './suppress';
import { LineIndex } from './text/positions';

export interface CheckOptions {
  settings?: CheckSettings;
  observed?: ObservedState;
  /** The spec's file path or URI path: its default name (core/spec/specName.ts). */
  specPath?: string;
}

export interface CheckResult {
  findings: Finding[];
  /** The schema's MV001 findings before severity settings and suppressions (an edit reuses them). */
  schema: Finding[];
  parsed: ParsedSpec;
  facts: Facts;
  lines: LineIndex;
}

/** Parse, schema-check and run every rule on one spec text. Pure: same input, same findings. */
export function checkText(text: string, opts: CheckOptions = {}): CheckResult {
  const parsed = parseSpec(text);
  return checkParsed(parsed, opts);
}

/**
 * `lines`: the text's line index when the caller has one already (it is built otherwise);
 * `schema`: the schema findings when the caller has them (an edit that changed one entry).
 */
export function checkParsed(parsed: ParsedSpec, opts: CheckOptions = {}, lines = parsed.lines ?? new LineIndex(parsed.text), schema?: Finding[]): CheckResult {
  const text = parsed.text;
  const facts = buildFacts(parsed.model, { observed: opts.observed, engine: opts.settings?.engine, specPath: opts.specPath });
  const raw: Finding[] = [...parsed.syntax];
  const schemaRaw = schema ?? (parsed.value !== undefined ? schemaFindings(parsed) : []);
  raw.push(...schemaRaw);
  // Rules read the model, which tolerates bad shapes; they run after a syntax error too, so
  // that semantic problems stay visible while a line is half-typed.
  for (const rule of RULES) {
    rule.check({ facts, observed: opts.observed, lines }, (r) =>
      raw.push({
        code: rule.code,
        severity: r.severity ?? rule.defaultSeverity,
        message: r.message,
        span: r.span,
        path: r.path,
        related: r.related ?? [],
        ...(r.data ? { data: r.data } : {}),
      }),
    );
  }
  const overridden = applySeverity(raw, opts.settings);
  const findings = applySuppressions(text, lines, overridden).sort(compareFindings);
  return { findings, schema: schemaRaw, parsed, facts, lines };
}

/** The `severity` setting: other levels, or `off` to drop (also for compose-only findings, core/compose/check.ts). */
export function applySeverity(findings: Finding[], settings: CheckSettings | undefined): Finding[] {
  const sev = settings?.severity;
  if (!sev) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = sev[f.code];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}
