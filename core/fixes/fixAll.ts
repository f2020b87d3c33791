import { checkText, type CheckOptions } from '../check';
import type { Code, Finding } from '../findings';
import { applyEdits, fixConflicts } from './edits';
import { fixesFor } from './fixesFor';
import type { TextEdit } from './types';

export interface FixAllResult {
  text: string;
  applied: { code: Code; title: string }[];
  remaining: Finding[];
}

/**
 * What CLI `--fix` and the editor's "Fix all" run: check, take the first safe fix of each
 * finding whose edits do not collide with one already taken this round, apply, check again.
 * Rounds, because one fix changes what the next should do (a normalised subnet decides where
 * the gateway goes); bounded, so two fixes that undo each other cannot loop forever.
 */
export function fixAll(text: string, opts: CheckOptions = {}, maxRounds = 5): FixAllResult {
  const applied: FixAllResult['applied'] = [];
  let current = text;
  let result = checkText(current, opts);
  for (let round = 0; round < maxRounds; round++) {
    const taken: TextEdit[] = [];
    const titles: FixAllResult['applied'] = [];
    for (const finding of result.findings) {
      const fix = fixesFor(finding, result, { observed: opts.observed, safeOnly: true }).find((f) => f.safe && f.edits.length > 0);
      // Edits that change nothing (an already-covered directive) would count as progress forever.
      if (!fix || fix.edits.every((e) => e.newText === current.slice(e.span.start, e.span.end))) continue;
      if (fixConflicts(fix.edits, taken)) continue;
      taken.push(...fix.edits);
      titles.push({ code: fix.code, title: fix.title });
    }
    if (taken.length === 0) break;
    current = applyEdits(current, taken);
    applied.push(...titles);
    result = checkText(current, opts);
  }
  return { text: current, applied, remaining: result.findings };
}
