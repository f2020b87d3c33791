/** Words of the apply flow (pure): the confirmation, and what happened when a step failed. */
import { isRemoval, stepTitle, summaryLine } from '../../core/plan/format';
import type { PlanOptions } from '../../core/plan/planNetworks';
import type { Plan, Step } from '../../core/plan/types';
import type { ApplyResult } from '../../docker/apply';

const MAX_LISTED = 15;

/** The host of each step of a combined plan (combinePlans), for titles that say where. */
const stepHost = new WeakMap<Step, string>();
const titleOf = (s: Step) => {
  const h = stepHost.get(s);
  return h ? `${h}: ${stepTitle(s)}` : stepTitle(s);
};

/**
 * Several hosts' plans as one, for the dialog and its counts: every step, conflict, orphan and
 * warning of each; step titles name their host.
 */
export function combinePlans(plans: readonly Plan[], hosts: readonly string[]): Plan {
  if (plans.length === 1) return plans[0];
  for (const [i, p] of plans.entries()) for (const st of p.steps) stepHost.set(st, hosts[i]);
  return {
    host: hosts.join(', '),
    spec: plans[0]?.spec ?? '',
    steps: plans.flatMap((p) => p.steps),
    unchanged: plans.flatMap((p) => p.unchanged),
    conflicts: plans.flatMap((p, i) => p.conflicts.map((c) => ({ ...c, message: `${hosts[i]}: ${c.message}` }))),
    orphans: plans.flatMap((p) => p.orphans),
    warnings: plans.flatMap((p, i) => p.warnings.map((w) => `${hosts[i]}: ${w}`)),
  };
}

/** `url` empty: `host` already says where (several hosts). */
export function confirmation(plan: Plan, host: string, url: string): { message: string; detail: string } {
  const n = plan.steps.length;
  const titles = plan.steps.map(titleOf);
  const listed = titles.slice(0, MAX_LISTED).map((t) => `• ${t}`);
  if (titles.length > MAX_LISTED) listed.push(`… and ${titles.length - MAX_LISTED} more (see the plan)`);
  const warnings = plan.warnings.length ? ['', 'Warnings:', ...plan.warnings.map((w) => `• ${w}`)] : [];
  return {
    message: url ? `Apply ${n} step${n === 1 ? '' : 's'} to host ${host} (${url})?` : `Apply ${n} step${n === 1 ? '' : 's'} to ${host}?`,
    detail: [summaryLine(plan), '', ...listed, ...warnings].join('\n'),
  };
}

/** One button of the apply dialog and the plan it runs. */
export interface ApplyChoice {
  label: string;
  plan: Plan;
  /** What the plan was made with: the CLI flags this button stands for. */
  options: PlanOptions;
}

const isClaim = (s: Plan['steps'][number]) => (s.kind === 'recreateNetwork' || s.kind === 'recreateContainer') && s.claim === true;

/**
 * The buttons of the apply dialog, first = default: "Apply" runs the plan that never removes
 * and never claims; "Apply and Remove N" (--prune) and "Apply and Adopt N" (--adopt) are there
 * only when they change something and resolve every conflict. Empty: nothing to offer.
 */
export function applyChoices(base: Plan, alt: { prune?: Plan; adopt?: Plan }): ApplyChoice[] {
  const out: ApplyChoice[] = [];
  if (base.conflicts.length === 0 && base.steps.length > 0) out.push({ label: 'Apply', plan: base, options: {} });
  const p = alt.prune;
  if (p && p.conflicts.length === 0) {
    const n = p.steps.filter(isRemoval).length;
    if (n > 0) out.push({ label: `Apply and Remove ${n}`, plan: p, options: { prune: true } });
  }
  const a = alt.adopt;
  if (a && a.conflicts.length === 0) {
    const n = a.steps.filter(isClaim).length;
    if (n > 0) out.push({ label: `Apply and Adopt ${n}`, plan: a, options: { adopt: true } });
  }
  return out;
}

/** Whether planning with --prune / --adopt could offer something the plain plan does not. */
export function alternativesWorthPlanning(base: Plan): { prune: boolean; adopt: boolean } {
  return {
    prune: base.orphans.length > 0 || base.conflicts.some((c) => c.fix === 'prune'),
    adopt: base.unchanged.some((u) => u.state === 'legacy') || base.conflicts.some((c) => c.fix === 'adopt'),
  };
}

/** The dialog for several choices: what the default does, and what each other button adds. */
export function choiceConfirmation(choices: ApplyChoice[], host: string, url: string): { message: string; detail: string } {
  const [first, ...others] = choices;
  const base = confirmation(first.plan, host, url);
  const extra = others.map((c) => {
    const added = c.plan.steps.filter((s) => isRemoval(s) || isClaim(s)).map((s) => `• ${titleOf(s)}`);
    return ['', `"${c.label}" also does:`, ...added.slice(0, MAX_LISTED), ...(added.length > MAX_LISTED ? [`… and ${added.length - MAX_LISTED} more`] : [])].join('\n');
  });
  const message = first.label === 'Apply' ? base.message : `${first.label.replace(/^Apply and /, '')} on ${url ? `host ${host} (${url})` : host}?`;
  const note = first.label === 'Apply' && others.length ? `\n\n"Apply" removes nothing and claims nothing.` : '';
  return { message, detail: base.detail + note + extra.map((e) => `\n${e}`).join('') };
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
    const restored = r.rollbackErrors.length ? `${r.rollbackErrors.length} thing(s) could not be restored (see the report)` : 'everything done was undone';
    summary = `Apply to ${host} ${where}: ${reason}. ${restored}.`;
  }
  lines.push(summary, '');
  lines.push('Done, then undone:', ...(r.done.length ? r.done.map((s) => `  ↺ ${stepTitle(s)}`) : ['  nothing']));
  lines.push('Not done:', ...(r.notDone.length ? r.notDone.map((s, i) => `  ${i === 0 && r.failedStep !== undefined ? '✗' : '·'} ${stepTitle(s)}`) : ['  nothing']));
  if (r.rolledBack.length) lines.push('Rolled back, newest first:', ...r.rolledBack.map((x) => `  ↺ ${x}`));
  if (r.rollbackErrors.length) lines.push('NOT restored — check these on the host:', ...r.rollbackErrors.map((x) => `  ! ${x}`));
  else if (r.done.length) lines.push('The host is as it was before the apply.');
  if (r.error.kind !== 'cancelled' || r.done.length) lines.push('', 'Fix the cause and apply again: apply plans from what the host has now.');
  return { ok: false, summary, report: lines.join('\n') + '\n' };
}

/**
 * VS Code keeps a progress notification that an extension opened (no `delay` can be given
 * through the API) on screen for at least 800 ms, however soon its task ends
 * (ProgressService.withNotificationProgress: `Promise.all([timeout(800), promise])`). A modal
 * shown before then has the "Planning…" toast still standing behind it, so the dialog waits out
 * the rest of that time, and a little more for the toast to fade.
 */
export const NOTIFICATION_MIN_VISIBLE_MS = 800;
const FADE_MS = 100;

/** How long to wait before a modal, for a progress notification that opened at `shownAt`. */
export function waitForProgressToClose(shownAt: number, now: number): number {
  return Math.max(0, shownAt + NOTIFICATION_MIN_VISIBLE_MS + FADE_MS - now);
}
