/**
 * macvlan.plan, macvlan.apply and macvlan.import: the CLI's plan-then-act flow (cli/docker.ts)
 * with VS Code's dialogs. Apply refuses a spec with errors, refuses in Restricted Mode, asks
 * before reading tls: files outside the workspace (plan asks too) and before plain tcp://, shows
 * the plan, asks (modal), applies with a cancellable progress, and says what was and was not done.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { formatPlan } from '../../core/plan/format';
import { importSpec } from '../../core/plan/import';
import type { PlanOptions } from '../../core/plan/plan';
import { APPLY_PLAN_METHOD, type ApplyPlanAnswer, type ApplyPlanParams, type SpecInfo } from '../../server/protocol';
import type { Plan } from '../../core/plan/types';
import { applyPlan, type ApplyResult } from '../../docker/apply';
import { DockerError } from '../../docker/errors';
import { observeDetail } from '../../docker/observe';
import { isPlainTcp, type DockerTarget } from '../../docker/target';
import type { DockerHost } from '../../docker/types';
import { alternativesWorthPlanning, applyChoices, applyOutcome, choiceConfirmation } from './applyText';
import { message, parseSpecArg, type Deps, type SpecArg } from './deps';
import { pickTarget } from './hostPicker';
import { hostsOf, isSpec, LANGUAGE_ID } from './scope';
import { allowTlsFiles } from './tlsConsent';
import { docUri, PLAN_SCHEME } from './virtualDocs';

/** What macvlan.apply returns (for tests and callers; the user sees notifications). */
export interface ApplyCommandResult {
  applied: boolean;
  /** Why nothing was applied: untrusted, noSpec, errors, host, cancelled, conflicts, failed, nothingToDo. */
  reason?: string;
  steps?: number;
  done?: number;
  notDone?: number;
  error?: string;
  plan?: string;
}

export interface PlanCommandResult {
  steps: number;
  conflicts: number;
  plan: string;
}

const baseName = (doc: vscode.TextDocument) => path.basename(doc.uri.path);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;



async function specDoc(deps: Deps, a: SpecArg): Promise<vscode.TextDocument | undefined> {
  let doc: vscode.TextDocument | undefined;
  try {
    doc = a.uri ? await vscode.workspace.openTextDocument(a.uri) : deps.scopes.specDocument();
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot open ${a.uri?.toString()}: ${message(err)}`);
    return undefined;
  }
  if (!doc) {
    void vscode.window.showWarningMessage('Open a macvlan spec (macvlan.yaml or NAME.macvlan.yaml) first.');
    return undefined;
  }
  if (!isSpec(doc)) {
    void vscode.window.showWarningMessage(`${baseName(doc)} is not a macvlan spec: name it macvlan.yaml or NAME.macvlan.yaml.`);
    return undefined;
  }
  return doc;
}

interface Problem {
  code: string;
  message: string;
}

/**
 * The spec's errors as the language server has them now (it owns parsing, settings and the
 * rules): its count, and the first of its diagnostics for the message. Undefined info: the server
 * does not have the document (it is not running).
 */
async function specErrors(deps: Deps, doc: vscode.TextDocument): Promise<{ info?: SpecInfo; errors: Problem[] }> {
  const info = await deps.scopes.load(doc);
  if (!info || info.errors === 0) return { info, errors: [] };
  const shown = vscode.languages
    .getDiagnostics(doc.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .map((d) => ({ code: typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''), message: d.message }));
  const errors = shown.length === info.errors ? shown : Array.from({ length: info.errors }, (_, i) => shown[i] ?? { code: '', message: '' });
  return { info, errors };
}

/** Not awaited: the command returns while the notice stays. */
function refuseErrors(doc: vscode.TextDocument, errors: Problem[], against?: string): void {
  const first = errors[0];
  const where = against ? ` against ${against}` : '';
  const text = `${plural(errors.length, 'error')} in ${baseName(doc)}${where} — fix them first.${first?.code ? ` (${first.code}: ${first.message})` : ''}`;
  void vscode.window.showErrorMessage(text, 'Show Problems').then((c) => (c ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
}

async function chooseHost(deps: Deps, doc: vscode.TextDocument, explicit: string | undefined): Promise<string | undefined> {
  const hosts = hostsOf(await deps.scopes.load(doc));
  if (explicit !== undefined) {
    if (hosts.some((h) => h.name === explicit)) return explicit;
    void vscode.window.showErrorMessage(`${baseName(doc)} has no host ${explicit} (hosts: ${hosts.map((h) => h.name).join(', ')}).`);
    return undefined;
  }
  const selected = deps.scopes.selectedHost(doc);
  if (selected) return selected;
  if (hosts.length <= 1) return hosts[0]?.name ?? 'local';
  const pick = await vscode.window.showQuickPick(
    hosts.map((h) => ({ label: h.name, description: h.docker ?? (h.context ? `context ${h.context}` : 'default connection') })),
    { title: `Which host of ${baseName(doc)}?`, placeHolder: 'The spec describes several hosts' },
  );
  if (!pick) return undefined;
  deps.scopes.setSelectedHost(doc, pick.label);
  return pick.label;
}

/**
 * The host's target, after asking (modal) when it would read tls: files outside the workspace;
 * `skipConfirm` (tests only) skips that question as it skips the others, without remembering it.
 */
async function targetOf(deps: Deps, doc: vscode.TextDocument, hostName: string, skipConfirm = false): Promise<DockerTarget | 'declined' | undefined> {
  const r = deps.scopes.resolveFor(doc, hostName).resolution;
  if (r.ok) return r.target;
  if (r.reason === 'tlsOutside') return skipConfirm ? r.target : ((await allowTlsFiles(deps, r, hostName, baseName(doc))) ?? 'declined');
  if (r.reason === 'restricted') {
    void vscode.window.showWarningMessage(`${r.message}.`, 'Manage Workspace Trust').then((c) => (c ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  } else {
    void vscode.window.showErrorMessage(`${r.message}${r.hint ? ` — ${r.hint}` : ''}`, 'Configure Host…').then((c) => (c ? vscode.commands.executeCommand('macvlan.networks.configureHost') : undefined));
  }
  return undefined;
}

function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const ctl = new AbortController();
    const sub = token.onCancellationRequested(() => ctl.abort());
    try {
      return await task(ctl.signal, progress);
    } finally {
      sub.dispose();
    }
  });
}

function sayDockerFailure(what: string, err: unknown): void {
  if (err instanceof DockerError && err.kind === 'cancelled') {
    void vscode.window.showInformationMessage(`${what}: cancelled.`);
    return;
  }
  const hint = err instanceof DockerError && err.hint ? ` — ${err.hint}` : '';
  void vscode.window.showErrorMessage(`${what}: ${message(err)}${hint}`, 'Select Docker Host').then((c) => (c ? vscode.commands.executeCommand('macvlan.selectHost') : undefined));
}

type Planned =
  | { kind: 'plan'; plan: Plan; host: DockerHost; replan: (opts: PlanOptions) => Plan }
  | { kind: 'errors'; errors: Problem[]; host: DockerHost };

/** The plans every apply may need: plain (the default button), --prune, --adopt, and both. */
const VARIANTS: PlanOptions[] = [{}, { prune: true }, { adopt: true }, { prune: true, adopt: true }];
const variantOf = (o: PlanOptions) => (o.prune ? 1 : 0) + (o.adopt ? 2 : 0);

/**
 * Connect, observe, and let the language server check the spec against the live host (MV208,
 * its engine version) and plan it: the extension host never parses a spec.
 */
async function planOn(deps: Deps, doc: vscode.TextDocument, info: SpecInfo, hostName: string, target: DockerTarget, signal: AbortSignal): Promise<Planned> {
  const host = deps.openHost(target);
  try {
    const live = await host.observe(signal);
    deps.publisher.update(target.url, live);
    const detail = await observeDetail(host, { images: info.containers.map((c) => c.image), names: info.containers.map((c) => c.name), signal });
    const params: ApplyPlanParams = { uri: doc.uri.toString(), host: hostName, live, detail, variants: VARIANTS };
    const answer = await deps.ask<ApplyPlanAnswer>(APPLY_PLAN_METHOD, params);
    if (!answer) throw new DockerError('rejected', `the language server does not have ${baseName(doc)} open`, 'reopen the spec and try again');
    if (answer.errors.length) return { kind: 'errors', errors: answer.errors, host };
    const replan = (opts: PlanOptions) => answer.plans[variantOf(opts)];
    return { kind: 'plan', plan: replan({}), host, replan };
  } catch (err) {
    host.close();
    throw err;
  }
}

async function showPlan(deps: Deps, doc: vscode.TextDocument, plan: Plan, target: DockerTarget): Promise<string> {
  const text = formatPlan(plan, { target: target.url });
  await deps.docs.show(docUri(PLAN_SCHEME, `${baseName(doc)} on ${plan.host}.plan`), text, { beside: true, preserveFocus: true });
  return text;
}

/** macvlan.plan */
export async function runPlan(deps: Deps, arg?: unknown): Promise<PlanCommandResult | undefined> {
  const a = parseSpecArg(arg);
  const doc = await specDoc(deps, a);
  if (!doc) return undefined;
  const { info, errors } = await specErrors(deps, doc);
  if (!info) {
    void vscode.window.showErrorMessage(`Cannot plan ${baseName(doc)}: the language server has not read it (see macvlan: Show Output).`);
    return undefined;
  }
  if (errors.length) {
    refuseErrors(doc, errors);
    return undefined;
  }
  const hostName = await chooseHost(deps, doc, a.host);
  if (!hostName) return undefined;
  const target = await targetOf(deps, doc, hostName, a.confirm === false && deps.testMode);
  if (!target || target === 'declined') return undefined;
  let planned: Planned;
  try {
    planned = await withCancellableProgress(`Planning ${baseName(doc)} for host ${hostName} (${target.url})`, (signal) => planOn(deps, doc, info, hostName, target, signal));
  } catch (err) {
    sayDockerFailure(`Cannot plan ${baseName(doc)} for host ${hostName}`, err);
    return undefined;
  }
  planned.host.close();
  if (planned.kind === 'errors') {
    refuseErrors(doc, planned.errors, target.url);
    return undefined;
  }
  const text = await showPlan(deps, doc, planned.plan, target);
  return { steps: planned.plan.steps.length, conflicts: planned.plan.conflicts.length, plan: text };
}

/** macvlan.apply */
export async function runApply(deps: Deps, arg?: unknown): Promise<ApplyCommandResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage('Applying specs is disabled in Restricted Mode: trust this workspace to apply to a Docker host.', 'Manage Workspace Trust')
      .then((c) => (c ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
    return { applied: false, reason: 'untrusted' };
  }
  const a = parseSpecArg(arg);
  const skipConfirm = a.confirm === false && deps.testMode;
  if (a.confirm === false && !deps.testMode) deps.log.warn('macvlan.apply: { confirm: false } is only honoured in tests; asking');
  const doc = await specDoc(deps, a);
  if (!doc) return { applied: false, reason: 'noSpec' };
  const { info, errors } = await specErrors(deps, doc);
  if (!info) {
    void vscode.window.showErrorMessage(`Cannot apply ${baseName(doc)}: the language server has not read it (see macvlan: Show Output).`);
    return { applied: false, reason: 'noSpec' };
  }
  if (errors.length) {
    refuseErrors(doc, errors);
    return { applied: false, reason: 'errors', error: `${plural(errors.length, 'error')}` };
  }
  const hostName = await chooseHost(deps, doc, a.host);
  if (!hostName) return { applied: false, reason: 'cancelled' };
  const target = await targetOf(deps, doc, hostName, skipConfirm);
  if (target === 'declined') return { applied: false, reason: 'cancelled' };
  if (!target) return { applied: false, reason: 'host' };

  if (isPlainTcp(target) && !skipConfirm) {
    const go = await vscode.window.showWarningMessage(
      `${target.url} is plain TCP without TLS. Apply anyway?`,
      { modal: true, detail: 'The Docker API is root on that host, and anyone who can reach the port has it (MV501). Add tls: { ca, cert, key } to the host in the spec to secure it.' },
      'Apply Anyway',
    );
    if (go !== 'Apply Anyway') return { applied: false, reason: 'cancelled' };
  }

  let planned: Planned;
  try {
    planned = await withCancellableProgress(`Planning ${baseName(doc)} for host ${hostName} (${target.url})`, (signal) => planOn(deps, doc, info, hostName, target, signal));
  } catch (err) {
    sayDockerFailure(`Cannot apply ${baseName(doc)} to host ${hostName}`, err);
    return { applied: false, reason: 'host', error: message(err) };
  }
  const host = planned.host;
  let changed = false;
  try {
    if (planned.kind === 'errors') {
      refuseErrors(doc, planned.errors, target.url);
      return { applied: false, reason: 'errors', error: `${plural(planned.errors.length, 'error')} against ${target.url}` };
    }
    const base = planned.plan;
    const worth = alternativesWorthPlanning(base);
    const alt = { prune: worth.prune ? planned.replan({ prune: true }) : undefined, adopt: worth.adopt ? planned.replan({ adopt: true }) : undefined };
    const wanted = a.prune || a.adopt ? planned.replan({ prune: a.prune, adopt: a.adopt }) : undefined;
    // A caller that chose --prune/--adopt already is asked about that plan only.
    const choices = wanted ? applyChoices(wanted, {}) : applyChoices(base, alt);
    const planText = await showPlan(deps, doc, wanted ?? base, target);
    let plan: Plan;
    if (skipConfirm) {
      plan = wanted ?? base;
    } else {
      if (choices.length === 0 && base.conflicts.length) {
        void vscode.window.showErrorMessage(`Apply refused: the plan for host ${hostName} has ${plural(base.conflicts.length, 'conflict')} (see the plan). Nothing changed.`);
        return { applied: false, reason: 'conflicts', steps: base.steps.length, plan: planText };
      }
      if (choices.length === 0) {
        void vscode.window.showInformationMessage(`Nothing to do: host ${hostName} matches ${baseName(doc)}.`);
        return { applied: true, reason: 'nothingToDo', steps: 0, done: 0, notDone: 0, plan: planText };
      }
      const c = choiceConfirmation(choices, hostName, target.url);
      const answer = await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, ...choices.map((x) => x.label));
      const picked = choices.find((x) => x.label === answer);
      if (!picked) return { applied: false, reason: 'cancelled', steps: base.steps.length, plan: planText };
      plan = picked.plan;
    }
    if (plan.conflicts.length) {
      void vscode.window.showErrorMessage(`Apply refused: the plan for host ${hostName} has ${plural(plan.conflicts.length, 'conflict')} (see the plan). Nothing changed.`);
      return { applied: false, reason: 'conflicts', steps: plan.steps.length, plan: planText };
    }
    if (plan.steps.length === 0) {
      void vscode.window.showInformationMessage(`Nothing to do: host ${hostName} matches ${baseName(doc)}.`);
      return { applied: true, reason: 'nothingToDo', steps: 0, done: 0, notDone: 0, plan: planText };
    }
    const t0 = Date.now();
    const total = plan.steps.length;
    changed = true;
    const result: ApplyResult = await withCancellableProgress(`Applying ${baseName(doc)} to host ${hostName}`, (signal, progress) =>
      applyPlan(host, plan, {
        signal,
        onProgress: (p) => {
          if (p.phase === 'start') progress.report({ message: `[${p.index + 1}/${p.total}] ${p.title}` });
          else if (p.phase === 'done') progress.report({ increment: 100 / total });
        },
      }),
    );
    const outcome = applyOutcome(result, total, hostName, target.url, Date.now() - t0);
    if (outcome.ok) deps.log.info(outcome.report.trimEnd());
    else deps.log.warn(outcome.report.trimEnd());
    if (outcome.ok) void vscode.window.showInformationMessage(outcome.summary);
    else {
      const uri = docUri(PLAN_SCHEME, `${baseName(doc)} on ${hostName}.apply-report`);
      void vscode.window.showErrorMessage(outcome.summary, 'Show Report').then((c) => (c ? deps.docs.show(uri, outcome.report) : undefined));
    }
    return { applied: outcome.ok, reason: outcome.ok ? undefined : 'failed', steps: total, done: result.done.length, notDone: result.notDone.length, error: result.error?.message, plan: planText };
  } finally {
    host.close();
    if (changed && deps.monitor.currentTarget?.url === target.url) deps.monitor.invalidate();
  }
}

/** macvlan.import: a host's macvlan/ipvlan networks and their containers as a new spec. */
export async function runImport(deps: Deps): Promise<void> {
  const picked = await pickTarget(deps, 'Import Networks from Docker Host');
  if (!picked) return;
  const { target, hostName } = picked;
  try {
    const r = await withCancellableProgress(`Reading networks from ${target.url}`, async (signal) => {
      const host = deps.openHost(target);
      try {
        const observed = await observeDetail(host, { signal });
        const tls = target.tls ? '; add tls: { ca, cert, key } to the host' : '';
        return importSpec(observed, { hostName, docker: hostName ? target.url : undefined, header: `imported from ${target.url} (Docker ${observed.engine ?? 'unknown'}) by macvlan-spec${tls}` });
      } finally {
        host.close();
      }
    });
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: r.text });
    await vscode.window.showTextDocument(doc);
    const skipped = r.skipped.length ? `; ${plural(r.skipped.length, 'thing')} skipped (see the comments at the top)` : '';
    void vscode.window.showInformationMessage(`Imported ${plural(r.networks.length, 'network')} and ${plural(r.containers.length, 'container')} from ${target.url}${skipped}.`);
  } catch (err) {
    sayDockerFailure(`Cannot import from ${target.url}`, err);
  }
}
