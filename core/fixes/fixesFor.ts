import type { CheckResult } from '../check';
import type { Finding, FixHint } from '../findings';
import { FIXES } from './registry';
import type { Fix, FixContext, FixOptions, FixProvider } from './types';

export interface FixesForOptions extends FixOptions {
  /** Skip providers that never return a safe fix (fix-all on a big spec). */
  safeOnly?: boolean;
}

/**
 * Quick fixes for one finding of `result`, chosen by `finding.data.fix` (never by message text)
 * and computed from the current model, so a hint only has to name what the fix is about.
 */
export function fixesFor(finding: Finding, result: CheckResult, opts: FixesForOptions = {}): Fix[] {
  const hint = finding.data;
  // Data comes back from the editor through LSP: an unknown or inherited name ("toString") must
  // find nothing rather than a prototype method. Facts (`kind`, no `fix`) have no fix either.
  if (!hint || !('fix' in hint) || typeof hint.fix !== 'string' || !Object.hasOwn(FIXES, hint.fix)) return [];
  // The mapped FixProviders type pairs each hint with its provider; TS cannot follow that through
  // an index by a union key, so the lookup widens the provider to the whole hint union.
  const provider = FIXES[hint.fix] as FixProvider<FixHint['fix']>;
  if (opts.safeOnly && !provider.maySafe) return [];
  const ctx: FixContext = {
    finding,
    result,
    text: result.parsed.text,
    doc: result.parsed.doc,
    facts: result.facts,
    observed: opts.observed,
  };
  return provider.provide(ctx, hint);
}
