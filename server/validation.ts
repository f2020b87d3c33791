import type { Diagnostic } from 'vscode-languageserver/node';
import { compareFindings } from '../core/findings';
import type { CheckedFile } from '../core/workspace/checkFiles';
import { toDiagnostics } from './diagnosticLimit';
import { describe, traceLine, type Log } from './guard';
import { fileOfUri, isComposeUri, type HostFiles } from './hostFiles';
import type { ServerSettings } from './settings';
import type { OpenSpecs } from './specs';

export type Publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void;

/** The diagnostics of a document's current version, or undefined when it is closed or changed meanwhile. */
export async function currentDiagnostics(specs: OpenSpecs, hosts: HostFiles, uri: string): Promise<Diagnostic[] | undefined> {
  if (isComposeUri(uri)) {
    const td = specs.documents.get(uri);
    const c = td && (await hosts.compose(uri));
    return td && c && withOtherFiles(specs, hosts, uri, td.version, c.checked, c.settings);
  }
  const open = await specs.get(uri);
  if (!open) return undefined;
  const { spec, settings } = open;
  const diagnostics = await withOtherFiles(specs, hosts, uri, spec.version, { file: fileOfUri(uri), result: spec.result }, settings);
  if (diagnostics) setImmediate(() => spec.prepareQueries());
  return diagnostics;
}

/**
 * A document's findings plus those from the files it shares a host with, as diagnostics;
 * undefined when the document changed meanwhile.
 */
export async function withOtherFiles(specs: OpenSpecs, hosts: HostFiles, uri: string, version: number, self: CheckedFile, settings: ServerSettings): Promise<Diagnostic[] | undefined> {
  const ctx = await hosts.context(uri, self, settings);
  if (specs.documents.get(uri)?.version !== version) return undefined;
  const extra = hosts.crossFindings(ctx);
  const own = self.result.findings;
  const findings = extra.length === 0 ? own : [...own, ...extra].sort(compareFindings);
  return toDiagnostics(findings, self.result.lines, uri, settings.maxDiagnostics, ctx.resolve);
}

/**
 * How long to wait after an edit before checking: 5 ms, plus an eighth of what the last warm
 * check of that document cost, at most 150 ms. An edit re-reads only the entry it falls in,
 * so the check's cost, not the document's size, decides; waiting a fraction of it keeps a
 * slow check from running after every keystroke without making the user wait for nothing.
 */
export function debounceDelay(lastCheckMs = 0): number {
  return Math.round(Math.min(150, 5 + lastCheckMs / 8));
}

/**
 * Publishes diagnostics per document: at once when a document opens (and when settings or
 * observed state change), debounced while it is edited. Each run carries a generation number;
 * a run that finds a newer one started, or the document at another version, publishes nothing.
 */
export class Validator {
  /** Pending debounced checks: each entry cancels its timer (or the immediate that follows it). */
  private readonly timers = new Map<string, () => void>();
  private readonly generation = new Map<string, number>();
  private readonly lastCost = new Map<string, number>();
  private readonly checkedOnce = new Set<string>();
  private readonly requested = new Map<string, number>();

  constructor(
    private readonly specs: OpenSpecs,
    private readonly hosts: HostFiles,
    private readonly publish: Publish,
    private readonly log: Log,
  ) {}

  opened(uri: string): void {
    const td = this.specs.documents.get(uri);
    if (!td) return;
    this.requested.set(uri, td.version);
    this.now(uri);
  }

  changed(uri: string): void {
    const td = this.specs.documents.get(uri);
    // The document manager reports the opening as a change too; that version already runs.
    if (!td || this.requested.get(uri) === td.version) return;
    this.requested.set(uri, td.version);
    this.cancel(uri);
    const delay = debounceDelay(this.lastCost.get(uri));
    // The check starts one event-loop turn after the debounce: an answer to a query that
    // finished meanwhile is written in that turn (vscode-jsonrpc writes through setImmediate),
    // and a check started first would hold it back for its whole run.
    const timer = setTimeout(() => {
      const next = setImmediate(() => {
        this.timers.delete(uri);
        void this.run(uri);
      });
      this.timers.set(uri, () => clearImmediate(next));
    }, delay);
    this.timers.set(uri, () => clearTimeout(timer));
  }

  /** Settings or observed state changed: every open document, now. */
  all(): void {
    for (const td of this.specs.documents.all()) this.now(td.uri);
  }

  now(uri: string): void {
    this.cancel(uri);
    void this.run(uri);
  }

  closed(uri: string): void {
    this.cancel(uri);
    // Bumping the generation turns a run still waiting for settings into a no-op.
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
    this.requested.delete(uri);
    this.lastCost.delete(uri);
    this.checkedOnce.delete(uri);
    this.publish(uri, undefined, []);
  }

  dispose(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    const gen = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, gen);
    try {
      if (isComposeUri(uri)) {
        const items = await currentDiagnostics(this.specs, this.hosts, uri);
        if (items && this.generation.get(uri) === gen) this.publish(uri, this.specs.documents.get(uri)?.version, items);
        return;
      }
      const open = await this.specs.get(uri);
      if (!open || this.generation.get(uri) !== gen) return;
      const { spec, settings } = open;
      const cached = spec.isChecked;
      const t0 = performance.now();
      const { findings } = spec.result;
      // The first check of a document pays for cold code and schema compilation; it says
      // nothing about what the next edit will cost.
      if (!cached) {
        const cost = performance.now() - t0;
        if (this.checkedOnce.has(uri)) this.lastCost.set(uri, cost);
        else this.checkedOnce.add(uri);
      }
      if (this.specs.documents.get(uri)?.version !== spec.version) return;
      const t1 = performance.now();
      const items = await withOtherFiles(this.specs, this.hosts, uri, spec.version, { file: fileOfUri(uri), result: spec.result }, settings);
      if (!items || this.generation.get(uri) !== gen) return;
      this.publish(uri, spec.version, items);
      traceLine(() => `check v${spec.version} ${cached ? 'cached' : `${(t1 - t0).toFixed(1)} ms`}, publish ${(performance.now() - t1).toFixed(1)} ms, ${findings.length} findings`);
      setImmediate(() => {
        if (this.generation.get(uri) !== gen) return;
        const t2 = performance.now();
        spec.prepareQueries();
        traceLine(() => `prepare queries v${spec.version} ${(performance.now() - t2).toFixed(1)} ms`);
      });
    } catch (err) {
      this.log(`Checking ${uri} failed: ${describe(err)}`);
    }
  }
}
