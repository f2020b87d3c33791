/**
 * Extension-tests entry (runTests' extensionTestsPath) for bench/activation.ts: runs inside the
 * real VS Code extension host (code-server, scripts/e2e/README.md) with a workspace that holds no
 * macvlan spec, so the extension is not active yet, and, once the extension host is idle (the
 * built-in extensions done starting up), times one activation:
 *
 * - activateMs: wall time of `await extensions.getExtension(ID).activate()`, everything VS Code
 *   does for it (extension context, storage, loading dist/client.js, calling activate()).
 * - readyMs: from that call until the returned `ready` settles (language server initialized).
 * - requireMs (+ requireCpuMs) / activateCallMs: loading dist/client.js and the synchronous activate() call,
 *   timed by wrapping Node's `.js` loader for that one file while VS Code loads it itself (no
 *   second load, which V8's in-memory script cache would make look cheaper than it is).
 * - vscodeMarks: the extension host's own performance marks (Date.now() resolution) as a cross-check.
 * - Which files Node loaded during activate(): dist/docker.js (and so dockerode) must not be one.
 *
 * Writes one JSON object (ActivationSample) to $MVS_ACTIVATION_OUT. Optional CPU profile of the
 * activation to $MVS_ACTIVATION_PROFILE (the profiler slows everything down: timings from a
 * profiled run are not reported as results).
 */
import { writeFileSync } from 'node:fs';
import * as inspector from 'node:inspector';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { writeTestOutput } from '../test/e2e/harness/mocha';

export const EXTENSION_ID = 'macvlan-spec.macvlan-spec';

export interface ActivationSample {
  /** The extension was already active before the measurement (the run is invalid then). */
  activeBefore: boolean;
  activateMs: number;
  readyMs: number;
  /** undefined when `ready` rejected; the error text is in readyError. */
  readyError?: string;
  requireMs?: number;
  /** CPU time (process user + system) of that load: less sensitive to machine load than wall time. */
  requireCpuMs?: number;
  activateCallMs?: number;
  vscodeMarks: { loadCodeMs?: number; activateToDidActivateMs?: number };
  /** Files Node loaded (compiled) while activate() was pending, relative to the extension. */
  loadedDuringActivate: string[];
  /** Relative to the activate() call; undefined when not loaded before the run ended. */
  dockerBundleLoadedAtMs?: number;
  /** How long loading dist/docker.js (dockerode included) blocked the extension host. */
  dockerBundleLoadMs?: number;
  /** Time spent waiting for the extension host to go quiet before measuring. */
  settleMs: number;
  otherActiveExtensions: number;
  extensionHost: { node: string; vscode: string };
}

type Loader = (module: NodeJS.Module, filename: string) => void;
const jsLoaders = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/** Waits until timers fire on time for `quietMs` in a row (other extensions done starting up). */
async function settle(quietMs = 600, maxMs = 20_000): Promise<number> {
  const t0 = performance.now();
  let quietSince = performance.now();
  while (performance.now() - t0 < maxMs) {
    const before = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    const lag = performance.now() - before - 50;
    if (lag > 8) quietSince = performance.now();
    else if (performance.now() - quietSince >= quietMs) break;
  }
  return performance.now() - t0;
}

function markSpan(from: string, to: string): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const a = marks.find((m) => m.name === from)?.startTime;
  const b = marks.find((m) => m.name === to)?.startTime;
  return a !== undefined && b !== undefined ? b - a : undefined;
}

function post(session: inspector.Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
}

async function measure(): Promise<ActivationSample> {
  const ext = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded (is it the development extension?)`);
  const root = ext.extensionPath;
  const clientFile = path.join(root, 'dist', 'client.js');
  const dockerFile = path.join(root, 'dist', 'docker.js');
  const settleMs = await settle();
  const activeBefore = ext.isActive;

  const loaded: { file: string; at: number; ms?: number }[] = [];
  let requireMs: number | undefined;
  let requireCpuMs: number | undefined;
  let activateCallMs: number | undefined;
  let t0 = 0;
  const original = jsLoaders['.js'];
  jsLoaders['.js'] = function timedLoader(this: unknown, module: NodeJS.Module, filename: string): void {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const entry = { file: filename, at: start - t0, ms: undefined as number | undefined };
    if (t0 > 0) loaded.push(entry);
    original.call(this, module, filename);
    entry.ms = performance.now() - start;
    if (filename !== clientFile) return;
    requireMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    requireCpuMs = (used.user + used.system) / 1000;
    // Time the call VS Code makes next without changing what it gets back.
    // (esbuild's exports are getters: hand VS Code a copy whose activate is wrapped.)
    const exp = module.exports as { activate?: (...a: unknown[]) => unknown };
    const activate = exp.activate;
    if (typeof activate === 'function') {
      const { activate: _own, ...others } = Object.getOwnPropertyDescriptors(exp);
      const timedActivate = function (this: unknown, ...args: unknown[]): unknown {
        const s = performance.now();
        try {
          return activate.apply(this, args);
        } finally {
          activateCallMs = performance.now() - s;
        }
      };
      module.exports = Object.defineProperties({ activate: timedActivate }, others);
    }
  };

  const profileFile = process.env.MVS_ACTIVATION_PROFILE;
  const session = profileFile ? new inspector.Session() : undefined;
  if (session) {
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(session, 'Profiler.start');
  }

  let activateMs: number;
  let readyMs: number;
  let readyError: string | undefined;
  let loadedDuringActivate: string[];
  try {
    t0 = performance.now();
    const api = await ext.activate();
    activateMs = performance.now() - t0;
    loadedDuringActivate = loaded.map((l) => path.relative(root, l.file));
    try {
      await api.ready;
    } catch (err) {
      readyError = err instanceof Error ? err.message : String(err);
    }
    readyMs = performance.now() - t0;
    if (session) {
      const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
      writeFileSync(profileFile!, JSON.stringify(profile));
      session.disconnect();
    }
    // The Docker features load in the background once the server is up (client/extension.ts):
    // give that a moment so the sample also says when, not only that it was not during activate().
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    jsLoaders['.js'] = original;
  }
  const dockerLoad = loaded.find((l) => l.file === dockerFile);
  const id = EXTENSION_ID;
  return {
    activeBefore,
    activateMs,
    readyMs,
    ...(readyError !== undefined ? { readyError } : {}),
    requireMs,
    requireCpuMs,
    activateCallMs,
    vscodeMarks: {
      loadCodeMs: markSpan(`code/extHost/willLoadExtensionCode/${id}`, `code/extHost/didLoadExtensionCode/${id}`),
      activateToDidActivateMs: markSpan(`code/extHost/willActivateExtension/${id}`, `code/extHost/didActivateExtension/${id}`),
    },
    loadedDuringActivate,
    dockerBundleLoadedAtMs: dockerLoad?.at,
    dockerBundleLoadMs: dockerLoad?.ms,
    settleMs,
    otherActiveExtensions: vscode.extensions.all.filter((e) => e.isActive && e.id !== id).length,
    extensionHost: { node: process.version, vscode: vscode.version },
  };
}

/** What a user waits for after a window reload with a spec open: opening it → its first diagnostics. */
export interface ColdDiagnosticsSample {
  activeBefore: boolean;
  /** From opening the spec (which activates the extension and starts the server) to its first diagnostics. */
  firstDiagnosticsMs: number;
  diagnostics: number;
}

async function measureColdDiagnostics(specFile: string): Promise<ColdDiagnosticsSample> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded (is it the development extension?)`);
  await settle();
  const activeBefore = ext.isActive;
  const uri = vscode.Uri.file(specFile);
  const t0 = performance.now();
  const arrived = new Promise<number>((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const n = vscode.languages.getDiagnostics(uri).length;
      if (n === 0) return;
      sub.dispose();
      resolve(n);
    });
  });
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostics = await arrived;
  return { activeBefore, firstDiagnosticsMs: performance.now() - t0, diagnostics };
}

export async function run(): Promise<void> {
  const out = process.env.MVS_ACTIVATION_OUT;
  if (!out) throw new Error('MVS_ACTIVATION_OUT is not set (bench/activation.ts sets it)');
  const spec = process.env.MVS_ACTIVATION_SPEC;
  if (spec) {
    const cold = await measureColdDiagnostics(spec);
    writeFileSync(out, JSON.stringify(cold));
    writeTestOutput(`cold start: opening a spec → first diagnostics ${cold.firstDiagnosticsMs.toFixed(1)} ms (${cold.diagnostics} diagnostics)`);
    return;
  }
  const sample = await measure();
  writeFileSync(out, JSON.stringify(sample));
  writeTestOutput(
    `activation: activate() ${sample.activateMs.toFixed(1)} ms (require ${sample.requireMs?.toFixed(1) ?? '?'} ms, ` +
      `activate call ${sample.activateCallMs?.toFixed(1) ?? '?'} ms), ready after ${sample.readyMs.toFixed(1)} ms`,
  );
}
