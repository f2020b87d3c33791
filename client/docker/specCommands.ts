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
import { alternativesWorthPlanning, applyChoices, applyOutcome, choiceConfirmation, combinePlans, waitForProgressToClose } from './applyText';
import { HOST_CONCURRENCY, mapLimit } from '../../docker/limit';
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

/** One host of the spec an apply goes to, and how it is reached. */
interface HostTarget {
  hostName: string;
  target: DockerTarget;
}

type Planned =
  | { kind: 'plan'; hosts: DockerHost[]; plansFor: (opts: PlanOptions) => Plan[] }
  | { kind: 'errors'; errors: Problem[]; hosts: DockerHost[] };

/** The plans every apply may need: plain (the default button), --prune, --adopt, and both. */
const VARIANTS: PlanOptions[] = [{}, { prune: true }, { adopt: true }, { prune: true, adopt: true }];
const variantOf = (o: PlanOptions) => (o.prune ? 1 : 0) + (o.adopt ? 2 : 0);

/**
 * Connect to every host (HOST_CONCURRENCY at a time), observe, and let the language server check the spec
 * against all of them at once (MV208, their engines, addresses duplicated across hosts) and
 * plan each: the extension host never parses a spec.
 */
async function planHosts(deps: Deps, doc: vscode.TextDocument, info: SpecInfo, targets: HostTarget[], signal: AbortSignal): Promise<Planned> {
  const hosts = targets.map((t) => deps.openHost(t.target));
  try {
    const observed = await mapLimit(targets, HOST_CONCURRENCY, async (t, i) => {
      const live = await hosts[i].observe(signal);
      deps.publisher.update(t.target.url, live);
      const detail = await observeDetail(hosts[i], { images: info.containers.map((c) => c.image), names: info.containers.map((c) => c.name), signal });
      return { host: t.hostName, live, detail };
    });
    const params: ApplyPlanParams = { uri: doc.uri.toString(), hosts: observed, variants: VARIANTS };
    const answer = await deps.ask<ApplyPlanAnswer>(APPLY_PLAN_METHOD, params);
    if (!answer) throw new DockerError('rejected', `the language server does not have ${baseName(doc)} open`, 'reopen the spec and try again');
    if (answer.errors.length) return { kind: 'errors', errors: answer.errors, hosts };
    return { kind: 'plan', hosts, plansFor: (opts) => answer.plans.map((perHost) => perHost[variantOf(opts)]) };
  } catch (err) {
    for (const h of hosts) h.close();
    throw err;
  }
}

/**
 * The hosts a command acts on: the one it was given (the code lens, a test), else every host of
 * the spec — as the CLI does without --host.
 */
async function chooseHosts(deps: Deps, doc: vscode.TextDocument, explicit: string | undefined): Promise<string[] | undefined> {
  const hosts = hostsOf(await deps.scopes.load(doc));
  if (explicit === undefined) return hosts.map((h) => h.name);
  if (hosts.some((h) => h.name === explicit)) return [explicit];
  void vscode.window.showErrorMessage(`${baseName(doc)} has no host ${explicit} (hosts: ${hosts.map((h) => h.name).join(', ')}).`);
  return undefined;
}

/** Every chosen host's target, asking about tls: files outside the workspace host by host. */
async function targetsOf(deps: Deps, doc: vscode.TextDocument, hostNames: string[], skipConfirm: boolean): Promise<HostTarget[] | 'declined' | undefined> {
  const out: HostTarget[] = [];
  for (const hostName of hostNames) {
    const target = await targetOf(deps, doc, hostName, skipConfirm);
    if (target === undefined || target === 'declined') return target;
    const twin = out.find((t) => t.target.url === target.url);
    if (twin) {
      void vscode.window.showErrorMessage(`Hosts ${twin.hostName} and ${hostName} of ${baseName(doc)} both reach ${target.url}: one Docker daemon cannot be two hosts of a spec.`);
      return undefined;
    }
    out.push({ hostName, target });
  }
  return out;
}

const hostsText = (ts: readonly HostTarget[]) => (ts.length === 1 ? `host ${ts[0].hostName} (${ts[0].target.url})` : `${ts.length} hosts (${ts.map((t) => t.hostName).join(', ')})`);

async function showPlan(deps: Deps, doc: vscode.TextDocument, plans: readonly Plan[], targets: readonly HostTarget[]): Promise<string> {
  const text = plans.map((p, i) => formatPlan(p, { target: targets[i].target.url })).join('\n');
  const name = plans.length === 1 ? plans[0].host : 'all hosts';
  // The .macvlan-plan extension gives the document its language (package.json: word wrap).
  const uri = docUri(PLAN_SCHEME, `${baseName(doc)} on ${name}.macvlan-plan`);
  await deps.docs.show(uri, text, { beside: true, preserveFocus: true });
  deps.docs.planMadeAgainst(uri, targets.map((t) => t.target.url));
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
  const hostNames = await chooseHosts(deps, doc, a.host);
  if (!hostNames) return undefined;
  const targets = await targetsOf(deps, doc, hostNames, a.confirm === false && deps.testMode);
  if (!targets || targets === 'declined') return undefined;
  let planned: Planned;
  try {
    planned = await withCancellableProgress(`Planning ${baseName(doc)} for ${hostsText(targets)}`, (signal) => planHosts(deps, doc, info, targets, signal));
  } catch (err) {
    sayDockerFailure(`Cannot plan ${baseName(doc)} for ${hostsText(targets)}`, err);
    return undefined;
  }
  for (const h of planned.hosts) h.close();
  if (planned.kind === 'errors') {
    refuseErrors(doc, planned.errors, targets.map((t) => t.target.url).join(', '));
    return undefined;
  }
  const plans = planned.plansFor({ prune: a.prune, adopt: a.adopt });
  const text = await showPlan(deps, doc, plans, targets);
  return { steps: plans.reduce((n, p) => n + p.steps.length, 0), conflicts: plans.reduce((n, p) => n + p.conflicts.length, 0), plan: text };
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
  const hostNames = await chooseHosts(deps, doc, a.host);
  if (!hostNames) return { applied: false, reason: 'cancelled' };
  const targets = await targetsOf(deps, doc, hostNames, skipConfirm);
  if (targets === 'declined') return { applied: false, reason: 'cancelled' };
  if (!targets) return { applied: false, reason: 'host' };

  const plainTcp = targets.filter((t) => isPlainTcp(t.target));
  if (plainTcp.length > 0 && !skipConfirm) {
    const go = await vscode.window.showWarningMessage(
      `${plainTcp.map((t) => t.target.url).join(', ')} ${plainTcp.length === 1 ? 'is' : 'are'} plain TCP without TLS. Apply anyway?`,
      { modal: true, detail: 'The Docker API is root on that host, and anyone who can reach the port has it (MV501). Add tls: { ca, cert, key } to the host in the spec to secure it.' },
      'Apply Anyway',
    );
    if (go !== 'Apply Anyway') return { applied: false, reason: 'cancelled' };
  }

  let planned: Planned;
  const planningShownAt = Date.now();
  try {
    planned = await withCancellableProgress(`Planning ${baseName(doc)} for ${hostsText(targets)}`, (signal) => planHosts(deps, doc, info, targets, signal));
  } catch (err) {
    sayDockerFailure(`Cannot apply ${baseName(doc)} to ${hostsText(targets)}`, err);
    return { applied: false, reason: 'host', error: message(err) };
  }
  const hosts = planned.hosts;
  let changed = false;
  try {
    if (planned.kind === 'errors') {
      refuseErrors(doc, planned.errors, targets.map((t) => t.target.url).join(', '));
      return { applied: false, reason: 'errors', error: `${plural(planned.errors.length, 'error')} against ${targets.map((t) => t.target.url).join(', ')}` };
    }
    const names = targets.map((t) => t.hostName);
    const base = planned.plansFor({});
    const combined = combinePlans(base, names);
    const worth = alternativesWorthPlanning(combined);
    const alt = { prune: worth.prune ? combinePlans(planned.plansFor({ prune: true }), names) : undefined, adopt: worth.adopt ? combinePlans(planned.plansFor({ adopt: true }), names) : undefined };
    const wanted = a.prune || a.adopt ? planned.plansFor({ prune: a.prune, adopt: a.adopt }) : undefined;
    // A caller that chose --prune/--adopt already is asked about that plan only.
    const choices = wanted ? applyChoices(combinePlans(wanted, names), {}).map((c) => ({ ...c, options: { prune: a.prune, adopt: a.adopt } })) : applyChoices(combined, alt);
    const planText = await showPlan(deps, doc, wanted ?? base, targets);
    const where = hostsText(targets);
    let plans: Plan[];
    // Nothing to ask (tests, or no button would apply anything): the checks below say why.
    if (skipConfirm || choices.length === 0) {
      plans = wanted ?? base;
    } else {
      const c = choiceConfirmation(choices, targets.length === 1 ? names[0] : where, targets.length === 1 ? targets[0].target.url : '');
      const linger = waitForProgressToClose(planningShownAt, Date.now());
      if (linger > 0) await new Promise((r) => setTimeout(r, linger));
      const answer = await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, ...choices.map((x) => x.label));
      const picked = choices.find((x) => x.label === answer);
      if (!picked) return { applied: false, reason: 'cancelled', steps: combined.steps.length, plan: planText };
      plans = planned.plansFor(picked.options);
    }
    const conflicts = plans.reduce((n, p) => n + p.conflicts.length, 0);
    const total = plans.reduce((n, p) => n + p.steps.length, 0);
    if (conflicts) {
      void vscode.window.showErrorMessage(`Apply refused: the plan for ${where} has ${plural(conflicts, 'conflict')} (see the plan). Nothing changed.`);
      return { applied: false, reason: 'conflicts', steps: total, plan: planText };
    }
    if (total === 0) {
      void vscode.window.showInformationMessage(`Nothing to do: ${where} ${targets.length === 1 ? 'matches' : 'match'} ${baseName(doc)}.`);
      return { applied: true, reason: 'nothingToDo', steps: 0, done: 0, notDone: 0, plan: planText };
    }
    const t0 = Date.now();
    changed = true;
    const todo = plans.map((plan, i) => ({ plan, host: hosts[i], t: targets[i] })).filter((x) => x.plan.steps.length > 0);
    // Each host under its own lock; one that fails is rolled back on its own, the others go on.
    const results: ApplyResult[] = await withCancellableProgress(`Applying ${baseName(doc)} to ${where}`, (signal, progress) =>
      mapLimit(todo, HOST_CONCURRENCY, (x) =>
        applyPlan(x.host, x.plan, {
          signal,
          onProgress: (p) => {
            const who = todo.length > 1 ? `${x.t.hostName} ` : '';
            if (p.phase === 'start') progress.report({ message: `${who}[${p.index + 1}/${p.total}] ${p.title}` });
            else if (p.phase === 'done') progress.report({ increment: 100 / total });
          },
        }),
      ),
    );
    const outcomes = results.map((r, i) => applyOutcome(r, todo[i].plan.steps.length, todo[i].t.hostName, todo[i].t.target.url, Date.now() - t0));
    const ok = outcomes.every((o) => o.ok);
    const report = outcomes.map((o) => o.report).join('\n');
    if (ok) deps.log.info(report.trimEnd());
    else deps.log.warn(report.trimEnd());
    const summary = outcomes.length === 1 ? outcomes[0].summary : ok ? `Applied ${total} steps to ${where} in ${((Date.now() - t0) / 1000).toFixed(1)} s.` : outcomes.filter((o) => !o.ok).map((o) => o.summary).join(' ');
    if (ok) void vscode.window.showInformationMessage(summary);
    else {
      const uri = docUri(PLAN_SCHEME, `${baseName(doc)} on ${todo.length === 1 ? todo[0].t.hostName : 'all hosts'}.apply-report`);
      void vscode.window.showErrorMessage(summary, 'Show Report').then((c) => (c ? deps.docs.show(uri, report) : undefined));
    }
    const done = results.reduce((n, r) => n + r.done.length, 0);
    const notDone = results.reduce((n, r) => n + r.notDone.length, 0);
    return { applied: ok, reason: ok ? undefined : 'failed', steps: total, done, notDone, error: results.find((r) => r.error)?.error?.message, plan: planText };
  } finally {
    for (const h of hosts) h.close();
    if (changed) for (const t of targets) deps.docs.markStale(t.target.url, `applied to host ${t.hostName} at ${new Date().toLocaleTimeString()}`);
    if (changed && targets.some((t) => deps.monitor.currentTarget?.url === t.target.url)) deps.monitor.invalidate();
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
    // An untitled tab is named after its first line: a short one, not the long "imported from" comment.
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: `# imported macvlan spec\n${r.text}` });
    await vscode.window.showTextDocument(doc);
    const skipped = r.skipped.length ? `; ${plural(r.skipped.length, 'thing')} skipped (see the comments at the top)` : '';
    void vscode.window.showInformationMessage(`Imported ${plural(r.networks.length, 'network')} and ${plural(r.containers.length, 'container')} from ${target.url}${skipped}.`);
  } catch (err) {
    sayDockerFailure(`Cannot import from ${target.url}`, err);
  }
}
