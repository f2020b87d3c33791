/** Words of the apply flow (pure): the confirmation, and what happened when a step failed. */
import { stepTitle, summaryLine } from '../../core/plan/format';
import type { Plan } from '../../core/plan/types';
import type { ApplyResult } from '../../docker/apply';

const MAX_LISTED = 15;

export function confirmation(plan: Plan, host: string, url: string): { message: string; detail: string } {
  const n = plan.steps.length;
  const titles = plan.steps.map(stepTitle);
  const listed = titles.slice(0, MAX_LISTED).map((t) => `• ${t}`);
  if (titles.length > MAX_LISTED) listed.push(`… and ${titles.length - MAX_LISTED} more (see the plan)`);
  const warnings = plan.warnings.length ? ['', 'Warnings:', ...plan.warnings.map((w) => `• ${w}`)] : [];
  return {
    message: `Apply ${n} step${n === 1 ? '' : 's'} to host ${host} (${url})?`,
    detail: [summaryLine(plan), '', ...listed, ...warnings].join('\n'),
  };
}

export interface ApplyOutcome {
  ok: boolean;
  /** One line for a notification. */
  summary: string;
  /** The whole story, for a document and the log. */
  report: string;
}

export function applyOutcome(r: ApplyResult, total: number, host: string, url: string, ms: number): ApplyOutcome {
  const lines = [`Apply to host ${host} (${url})`, ''];
  for (const n of r.notes) lines.push(`note: ${n}`);
  if (!r.error) {
    const summary = `Applied ${r.done.length} of ${total} step${total === 1 ? '' : 's'} to host ${host} in ${(ms / 1000).toFixed(1)} s.`;
    lines.push(summary, ...r.done.map((s) => `  ✓ ${stepTitle(s)}`));
    return { ok: true, summary, report: lines.join('\n') + '\n' };
  }
  const reason = r.error.hint ? `${r.error.message} (hint: ${r.error.hint})` : r.error.message;
  let summary: string;
  if (r.failedStep === undefined && r.done.length === 0) {
    summary = r.error.kind === 'cancelled' ? `Apply to ${host} cancelled before it changed anything.` : `Apply to ${host} did not start: ${reason}. Nothing changed.`;
  } else {
    const where = r.failedStep === undefined ? `stopped after step ${r.done.length}/${total}` : `failed at step ${r.failedStep + 1}/${total} (${stepTitle(r.notDone[0])})`;
    summary = `Apply to ${host} ${where}: ${reason}. Done: ${r.done.length}, not done: ${r.notDone.length}.`;
  }
  lines.push(summary, '');
  lines.push('Done (kept):', ...(r.done.length ? r.done.map((s) => `  ✓ ${stepTitle(s)}`) : ['  nothing']));
  lines.push('Not done:', ...(r.notDone.length ? r.notDone.map((s, i) => `  ${i === 0 && r.failedStep !== undefined ? '✗' : '·'} ${stepTitle(s)}`) : ['  nothing']));
  if (r.rolledBack.length) lines.push('Rolled back (the failed step left nothing half-made):', ...r.rolledBack.map((x) => `  ↺ ${x}`));
  if (r.rollbackErrors.length) lines.push('NOT rolled back — check the host:', ...r.rollbackErrors.map((x) => `  ! ${x}`));
  if (r.error.kind !== 'cancelled' || r.done.length) lines.push('', 'Fix the cause and apply again: apply plans from what the host has now.');
  return { ok: false, summary, report: lines.join('\n') + '\n' };
}
