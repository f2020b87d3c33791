import assert from 'node:assert/strict';
import { checkText, type CheckOptions, type CheckResult } from '../../../core/check';
import type { Code, Finding } from '../../../core/findings';
import { applyEdits, fixesFor, type Fix } from '../../../core/fixes';
import { dedent } from '../rules/helpers';

export { dedent };

export interface FixCase {
  text: string;
  result: CheckResult;
  finding: Finding;
  fixes: Fix[];
}

const samePlace = (a: Finding, b: Finding): boolean => a.code === b.code && a.path.join('\u0000') === b.path.join('\u0000');

/** The first finding with `code` (and, if given, at `path`) of a dedented spec, with its fixes. */
export function fixCase(spec: string, code: Code, opts: CheckOptions & { path?: (string | number)[] } = {}): FixCase {
  const text = dedent(spec);
  const result = checkText(text, opts);
  const want = opts.path?.join('\u0000');
  const finding = result.findings.find((f) => f.code === code && (want === undefined || f.path.join('\u0000') === want));
  assert.ok(finding, `no ${code}${want ? ` at ${opts.path?.join('.')}` : ''}; found ${result.findings.map((f) => `${f.code}@${f.path.join('.')}`).join(', ')}`);
  return { text, result, finding, fixes: fixesFor(finding, result, { observed: opts.observed }) };
}

/** Errors as "code path" keys: positions move when a fix edits text, key paths do not. */
export function errorKeys(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.path.join('.')}`));
}

/**
 * Applies `fix` and re-checks: the targeted finding must be gone and no error may appear that
 * was not there before. Returns the new text.
 */
export function applyAndRecheck(c: FixCase, fix: Fix = c.fixes[0], opts: CheckOptions = {}): string {
  assert.ok(fix, `no fix for ${c.finding.code}`);
  const after = applyEdits(c.text, fix.edits);
  const re = checkText(after, opts);
  const still = re.findings.filter((f) => samePlace(f, c.finding));
  assert.deepEqual(still.map((f) => f.message), [], `${c.finding.code} still reported after "${fix.title}":\n${after}`);
  const before = errorKeys(c.result.findings);
  const added = [...errorKeys(re.findings)].filter((k) => !before.has(k));
  assert.deepEqual(added, [], `new errors after "${fix.title}":\n${after}\n${re.findings.map((f) => `${f.code} ${f.message}`).join('\n')}`);
  return after;
}

export const lines = (...ls: string[]): string => ls.join('\n');
