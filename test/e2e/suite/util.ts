// Helpers for the extension tests that run inside the real VS Code extension host (code-server).
// Waits are event-driven (onDidChangeDiagnostics) with a deadline; no fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { writeTestOutput } from '../harness/mocha';

export const EXTENSION_ID = 'macvlan-spec.macvlan-spec';
export const LANGUAGE_ID = 'macvlan-yaml';

/** What client/extension.ts's activate() returns (plus the Docker part the tests expect). */
export interface ExtensionApi {
  client: { state: number };
  ready: Promise<void>;
  docker?: { treeSnapshot?: () => Promise<unknown> };
}

/** Activates the extension under test and waits for its language server. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded as the development extension`);
  const api = await ext.activate();
  assert.ok(api && typeof api === 'object' && 'ready' in api, 'activate() returns { client, ready }');
  await api.ready;
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (scripts/e2e/run.sh passes --workspace)');
  return folder.uri;
}

export function wsUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Opens a workspace file in an editor (focused) and returns both. */
export async function openSpec(relative: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(wsUri(relative));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
  return { doc, editor };
}

/** A diagnostic's code as text ('MV201'), whether VS Code holds it as a string or as { value, target }. */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function codes(ds: readonly vscode.Diagnostic[]): string[] {
  return ds.map(codeOf);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message.slice(0, 90)}`).join('\n    ');
}

/**
 * Resolves with the diagnostics of `uri` as soon as `accept` holds for them: checks now, then on
 * every onDidChangeDiagnostics for that uri; rejects after timeoutMs with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      fn();
    };
    const check = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (accept(ds)) finish(() => resolve(ds));
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      const ds = vscode.languages.getDiagnostics(uri);
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; last diagnostics:\n    ${describeDiagnostics(ds)}`)));
    }, timeoutMs);
    check();
  });
}

/** Resolves on the next onDidChangeDiagnostics that names `uri` (subscribe before causing it). */
export function nextDiagnosticsEvent(uri: vscode.Uri, what: string, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no diagnostics event for ${vscode.workspace.asRelativePath(uri)} within ${timeoutMs} ms (${what})`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(vscode.languages.getDiagnostics(uri));
    });
  });
}

/**
 * Opens a spec in an editor once the server has checked it, and returns its diagnostics then.
 * A document opened for the first time gets one publish (also an empty one) that fires
 * onDidChangeDiagnostics; a document that is already open was checked when it was opened.
 */
export async function openChecked(relative: string, timeoutMs = 15_000): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const uri = wsUri(relative);
  const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const first = open ? undefined : nextDiagnosticsEvent(uri, `the first check of ${relative}`, timeoutMs);
  const { doc, editor } = await openSpec(relative);
  const diagnostics = first ? await first : vscode.languages.getDiagnostics(uri);
  return { doc, editor, diagnostics };
}

/** Polls an async condition (for state that has no event, e.g. the Docker engine); no fixed sleep when it already holds. */
export async function pollUntil<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 20_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Settles with the promise or rejects after ms with a message naming `what`. */
export function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    p.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); },
    );
  });
}

/** Logs how long one suite took (read by the person tuning the run; the totals come from run.sh). */
export function timeSuite(name: string): void {
  let t0 = 0;
  suiteSetup(() => {
    t0 = Date.now();
  });
  suiteTeardown(() => {
    writeTestOutput(`  [timing] ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
}

/** The single hover text of all hovers at a position. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}
