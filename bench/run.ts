/**
 * `npm run bench`: generates the reference specs, drives our language server and the peer
 * (yaml-language-server with our schema) on each, times `macvlan-spec check`, splits a core
 * check into parse and the rest, and prints one table with the issue's targets.
 *
 *   npm run bench -- [--sizes small,medium,large] [--runs N | --runs small=5,large=1] [--no-peer] [--server dist/server.js]
 *                    [--peer path/to/yaml-language-server] [--peer-node path/to/node]
 *                    [--timeout 600] [--no-cli] [--no-core] [--write | --no-write] [--verbose]
 *                    [--no-activation] [--activation-runs 5] [--no-multihost]
 *   npm run bench -- --from-results bench/out/results-*.json   (BENCH.md again from a run's raw results)
 *
 * The extension rows come from bench/activation.ts (real VS Code via code-server; skipped, with
 * the reason in the table, when scripts/e2e/install.sh has not installed it).
 *
 * docs/BENCH.md is rewritten only by a full run (every size, with the peer) or with --write,
 * so a quick partial run never replaces the reference numbers.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ActivationResult } from './activation';
import type { MultiHostResult } from './multihost';
import type { CoreResult } from './core';
import { OUT_DIR, writeSize, type Generated } from './generate';
import { driveOnce, type RunResult } from './lsp';
import { activationRows, markdownTable, multiHostRows, rowsFor, textTable, type Row, type SizeResults } from './report';
import { CLI_FILE, findPeer, ourServer, peerServer, ROOT, type ServerUnderTest } from './servers';
import { formatBytes, SIZES, sizeByName } from './sizes';
import { formatMs } from './stats';
import { parseArgs as parseArgv } from 'node:util';

interface Options {
  sizes: string[];
  /** Runs per size; sizes not named keep their default (sizes.ts). */
  runs: Map<string, number>;
  peer: boolean;
  server?: string;
  peerBin?: string;
  peerNode?: string;
  timeoutMs: number;
  cli: boolean;
  core: boolean;
  write?: boolean;
  verbose: boolean;
  activation: boolean;
  /** Plan and apply against 1, 3 and 6 real engines (needs root: engines in network namespaces). */
  multiHost: boolean;
  activationRuns: number;
}

function parseArgs(argv: string[]): Options {
  const { values: v } = parseArgv({
    args: argv,
    strict: true,
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'no-peer': { type: 'boolean' },
      server: { type: 'string' },
      peer: { type: 'string' },
      'peer-node': { type: 'string' },
      timeout: { type: 'string' },
      'no-cli': { type: 'boolean' },
      'no-core': { type: 'boolean' },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      verbose: { type: 'boolean' },
      'no-activation': { type: 'boolean' },
      'no-multihost': { type: 'boolean' },
      'activation-runs': { type: 'string' },
    },
  });
  return {
    sizes: v.sizes !== undefined ? v.sizes.split(',').map((s) => sizeByName(s.trim()).name) : SIZES.map((s) => s.name),
    runs: v.runs !== undefined ? parseRuns(v.runs) : new Map(),
    peer: !v['no-peer'],
    server: v.server !== undefined ? path.resolve(v.server) : undefined,
    peerBin: v.peer !== undefined ? path.resolve(v.peer) : undefined,
    peerNode: v['peer-node'] !== undefined ? path.resolve(v['peer-node']) : undefined,
    timeoutMs: v.timeout !== undefined ? positive(v.timeout, '--timeout') * 1000 : 600_000,
    cli: !v['no-cli'],
    core: !v['no-core'],
    write: v.write ? true : v['no-write'] ? false : undefined,
    verbose: Boolean(v.verbose),
    activation: !v['no-activation'],
    multiHost: !v['no-multihost'],
    activationRuns: v['activation-runs'] !== undefined ? Math.round(positive(v['activation-runs'], '--activation-runs')) : 5,
  };
}

/** `3` for every size, or `small=5,large=1`. */
function parseRuns(v: string): Map<string, number> {
  if (!v.includes('=')) return new Map(SIZES.map((s) => [s.name, Math.round(positive(v, '--runs'))]));
  return new Map(
    v.split(',').map((part) => {
      const [size, n] = part.split('=');
      return [sizeByName(size.trim()).name, Math.round(positive(n ?? '', '--runs'))];
    }),
  );
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} takes a positive number (got ${v})`);
  return n;
}

function note(s: string): void {
  process.stderr.write(`${s}\n`);
}

/** Wall time of one `node dist/cli.js check FILE`, as a user or CI job runs it. */
function timeCli(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI_FILE, 'check', file], { stdio: ['ignore', 'ignore', 'pipe'], cwd: ROOT });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-2000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      // 1 is "the spec has errors", which the generated specs do by design.
      if (code === 0 || code === 1) resolve(ms);
      else reject(new Error(`cli check exited ${code}: ${err}`));
    });
  });
}

/**
 * bench/core.ts bundled the way dist/ is (esbuild, CommonJS, node20): the split is measured on
 * the code users run, not on tsx's on-the-fly transform (which wraps every named closure and
 * turns each re-export into a getter).
 */
function coreBundle(): string {
  const out = path.join(OUT_DIR, 'core.js');
  esbuild.buildSync({ entryPoints: [path.join(__dirname, 'core.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return out;
}

let bundled: string | undefined;

function measureCoreInChild(file: string, runs: number): CoreResult {
  bundled ??= coreBundle();
  const r = spawnSync(process.execPath, [bundled, '--file', file, '--runs', String(runs)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench/core.ts failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as CoreResult;
}

/** A bench script in a child: its stdout is one JSON line, its stderr the progress. */
function measureInChild<T>(script: string, extra: string[]): Promise<T | { error: string }> {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', path.join(__dirname, script), ...extra];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => process.stderr.write(c));
    child.on('error', (err) => resolve({ error: err.message }));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        resolve({ error: `bench/${script} exited ${code} without a result` });
      }
    });
  });
}

function describeRun(r: RunResult): string {
  return (
    `open ${formatMs(r.openMs)} (warm ${formatMs(r.reopenMs)}), edit ${formatMs(r.editMs)}, completion ${formatMs(r.completionMs)}/${formatMs(r.completionAfterEditMs)}, ` +
    `hover ${formatMs(r.hoverMs)}/${formatMs(r.hoverAfterEditMs)}, rss ${r.peakRssBytes === undefined ? '?' : Math.round(r.peakRssBytes / 1048576)} MiB, ` +
    `${r.openDiagnostics} diagnostics, ${r.completionItems} completions, hover ${r.hoverChars} chars${r.diagnosticsMode === 'pull' ? ', pulled' : r.publishes !== 4 ? `, ${r.publishes} publishes (4 expected)` : ''}`
  );
}

async function benchSize(size: string, g: Generated & { file: string }, servers: ServerUnderTest[], o: Options): Promise<SizeResults> {
  const runs = o.runs.get(size) ?? sizeByName(size).runs;
  const res: SizeResults = { size, bytes: Buffer.byteLength(g.text), ours: [], peer: [], cliMs: [] };
  // Ours and the peer alternate run by run, so a change in machine load hits both alike.
  for (let i = 0; i < runs; i++) {
    for (const s of servers) {
      if ((s.label === 'ours' ? res.oursError : res.peerError) !== undefined) continue;
      try {
        const r = await driveOnce(s, g.file, g.probes, { timeoutMs: o.timeoutMs, verbose: o.verbose });
        (s.label === 'ours' ? res.ours : res.peer).push(r);
        note(`[${size}] ${s.label} run ${i + 1}/${runs}: ${describeRun(r)}`);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (s.label === 'ours') res.oursError = msg;
        else res.peerError = msg;
        note(`[${size}] ${s.label} run ${i + 1}/${runs} FAILED: ${msg}`);
      }
    }
  }
  if (o.cli) {
    for (let i = 0; i < runs; i++) res.cliMs.push(await timeCli(g.file));
    note(`[${size}] cli check: ${res.cliMs.map(formatMs).join(', ')}`);
  }
  if (o.core) {
    // Small files check in milliseconds, where one scheduler hiccup is the whole number: many
    // iterations there, few where each takes seconds.
    const iterations = Math.min(200, Math.max(3, Math.ceil(3_000_000 / res.bytes)));
    res.core = measureCoreInChild(g.file, iterations);
    const c = res.core;
    note(
      `[${size}] core: parse ${formatMs(c.parseMs)} (GC ${formatMs(c.parseGcMs)}), rest ${formatMs(c.restMs)} (GC ${formatMs(c.restGcMs)}); ` +
        `cold ${formatMs(c.coldParseMs)} + ${formatMs(c.coldRestMs)}; before warm-up ${formatMs(c.earlyParseMs)} + ${formatMs(c.earlyRestMs)} ` +
        `(${c.warmupChecks} warm-up checks); ${c.findings} findings`,
    );
  }
  return res;
}

function machine(): { cpus: number; cpu: string; memGiB: number; node: string; load: string } {
  return {
    cpus: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    load: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

/** What our server sent after open, and how many findings the check made when that differs. */
function oursCount(r: SizeResults): string {
  const sent = r.ours[0]?.openDiagnostics;
  if (sent === undefined) return '—';
  const findings = r.core?.findings;
  return findings !== undefined && findings > sent ? `${sent} sent for ${findings} findings` : String(sent);
}

function nodeVersion(node: string): string {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '?';
}

type Machine = ReturnType<typeof machine>;

function markdown(rows: readonly Row[], results: readonly SizeResults[], servers: ServerUnderTest[], loadBefore: string, activation: ActivationResult | { error: string } | undefined, m: Machine = machine(), date = new Date().toISOString()): string {
  const peer = servers.find((s) => s.label === 'peer');
  const runsText = results.map((r) => `${r.size} ${Math.max(r.ours.length, r.peer.length)}`).join(', ');
  const sizesText = results.map((r) => `${r.size} ${formatBytes(r.bytes)}`).join(', ');
  const counts = results
    .map((r) => `${r.size}: ours ${oursCount(r)}, peer ${r.peer[0]?.openDiagnostics ?? '—'}`)
    .join('; ');
  return `# Benchmark

Generated by \`npm run bench\` (bench/run.ts) — do not edit by hand; re-run it instead.

- Date: ${date}
- Machine: ${m.cpus} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM, Linux ${os.release()}
- Load average (1/5/15 min) before: ${loadBefore}; after: ${m.load}. The machine is shared: numbers taken
  under load are slower for both servers.
- Node ${m.node} for our server, the CLI and core; ${peer ? `peer ${peer.description} on Node ${nodeVersion(peer.command)}` : 'no peer in this run'}
- Files (bench/generate.ts): ${sizesText}; runs per size: ${runsText}; each value is the median.
- Diagnostics after open: ${counts} (the peer checks the schema only). Ours sends at most 1,000 per
  file, errors first, plus one line on the rest (\`macvlan.diagnostics.maxPerFile\`): VS Code's
  extension host keeps at most 1,000 per file and drops the others, so sending them was work for
  nothing; the peer sends all of its (few) diagnostics.
- Extension: ${activationEnv(activation)}

${markdownTable(rows)}

How it is measured
- Each run starts a fresh server over stdio, initializes it like VS Code (workspace/configuration
  answered, our schema mapped to \`*.macvlan.yaml\` for the peer via \`yaml.schemas\`), waits for
  settings to settle, then times didOpen → the first diagnostics for version 1: published, or,
  for a server that offers pull diagnostics (ours does; the peer does not), pulled as VS Code
  does — a textDocument/diagnostic request right after the didOpen/didChange, asked again when
  the server answers that the document changed meanwhile.
- The dense sizes are the medium and large specs with a mistake in every container (a shared
  address or one inside the dynamic pool, and a multicast MAC on every other one): about one
  finding per seven lines, where sending the findings costs more than finding them.
- Completion is asked inside a container's \`ipv4_address\` value, hover on a network's \`subnet\`
  value, both near the middle of the file; "right after an edit" sends the request immediately
  after a one-character incremental didChange, before that version's diagnostics arrive.
- Edit → diagnostics is one incremental one-character didChange to the first publish for the new
  version. Both servers debounce edits (the peer a fixed 200 ms, which it also waits after
  didOpen; ours see server/validation.ts); the numbers include that wait, as a user sees it.
- Peak RSS is VmHWM of the server process at the end of a run.
- "didOpen, warm server" closes the file and opens the same text under a second name: every file
  but the first one a user opens meets a server with its schema compiled and its code optimised.
- CLI: wall time of \`node dist/cli.js check FILE\` (process start to exit).
- Rules share: in a separate process, parseSpec() vs checkParsed() (facts, schema, rules,
  suppressions, sorting) on the same text: one cold check, then 2 s of warm-up checks, then the
  medians of 3 to 200 checks by size, run from an esbuild bundle of bench/core.ts built like
  dist/ (the code users run). "Before warm-up" is the median of the first checks after the cold
  one (as many as are measured later): on the small spec those 200 checks last 0.2 s, less than
  V8 needs to optimise code that runs once per check, which the rules are and the parser's
  loops are not. Collections count where they happen: the first ones during the rules also
  clear the parse's garbage.
- Extension activation (bench/activation.ts): each run starts code-server (VS Code 1.139) with the
  extension in development mode on a workspace with no macvlan spec, so nothing has activated it,
  waits until the extension host is idle, then times \`await getExtension(...).activate()\` inside
  the extension host (everything VS Code does for it: context, loading dist/client.js, calling
  activate()), and on until the returned \`ready\` settles (server forked and initialized). Load
  and call are timed by wrapping Node's loader for dist/client.js while VS Code loads it (they
  agree with VS Code's own \`code/extHost/*\` marks); the load's CPU time is less sensitive to
  machine load than its wall time. Median over fresh windows. "Docker code
  loaded" lists Docker inputs of dist/server.js (esbuild metafile) and any activation during
  which Node loaded dist/docker.js; test/unit/package/vsix.test.ts checks both as well.
- Cold start: each run starts a fresh window as above and opens the small spec from outside the
  workspace, which activates the extension; the time runs from that open to the spec's first
  diagnostics in the editor (activation, server start, check and transfer included). The window
  and extension host starting are VS Code's and come before.
- Multi-host (bench/multihost.ts): 6 real engines, each in its own network namespace on this one
  machine; a spec with 4 networks and 12 containers per host (per-host ip_range, addresses unique
  across hosts) planned and applied with the CLI to 1, 3 and 6 of them, then emptied with
  --prune; wall time of each command, N hosts over 1 host. All engines share this machine's 2
  cores, so container work that is CPU-bound (containerd, runc) cannot overlap as it does on
  separate machines.
- Check across files (\`node --import tsx bench/crossFile.ts\`, run apart): a large spec and 200
  compose projects on its host; the time to check every file alone and together, and what one
  open document pays per recheck for its findings from the others (the others cached).
- Profile of a core check: \`node --import tsx bench/profile.ts --size large\`.
`;
}

function activationEnv(a: ActivationResult | { error: string } | undefined): string {
  if (a === undefined) return 'not measured in this run (--no-activation)';
  if ('error' in a) return `measurement failed: ${a.error}`;
  if (a.skipped !== undefined) return `not measured: ${a.skipped}`;
  const s = a.samples[0];
  return s ? `VS Code ${s.extensionHost.vscode} (code-server, headless Chromium), extension host Node ${s.extensionHost.node}; ${a.samples.length} windows` : 'no run succeeded';
}

/**
 * `--from-results FILE`: docs/BENCH.md written again from a run's raw results (after a change to
 * the report, not to what is measured), with that run's date and machine.
 */
function rewriteFrom(file: string, peerBin?: string, peerNode?: string): void {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { date?: string; machine: Machine; loadBefore?: string; results: SizeResults[]; activation?: ActivationResult | { error: string }; multiHost?: MultiHostResult | { error: string } };
  const rows = [
    ...raw.results.flatMap((r) => rowsFor(r, `${r.size} (${formatBytes(r.bytes)})`)),
    ...(raw.activation ? activationRows(raw.activation) : []),
    ...(raw.multiHost ? multiHostRows(raw.multiHost) : []),
  ];
  const servers: ServerUnderTest[] = [ourServer(undefined)];
  if (raw.results.some((r) => r.peer.length > 0)) servers.push(peerServer(findPeer(peerBin), peerNode));
  const date = raw.date ?? 'unknown (a results file from before runs recorded their date)';
  const doc = path.join(ROOT, 'docs', 'BENCH.md');
  writeFileSync(doc, markdown(rows, raw.results, servers, raw.loadBefore ?? raw.machine.load, raw.activation, raw.machine, date));
  console.log(textTable(rows));
  console.log(`wrote ${path.relative(ROOT, doc)} from ${path.relative(ROOT, file)}`);
}

async function main(argv: string[]): Promise<void> {
  const from = argv.indexOf('--from-results');
  if (from >= 0) {
    const file = argv[from + 1];
    if (!file) throw new Error('--from-results needs the raw results file (bench/out/results-*.json)');
    rewriteFrom(path.resolve(file));
    return;
  }
  const o = parseArgs(argv);
  const loadBefore = machine().load;
  const servers: ServerUnderTest[] = [ourServer(o.server)];
  if (o.peer) servers.push(peerServer(findPeer(o.peerBin), o.peerNode));
  note(`servers: ${servers.map((s) => `${s.label} = ${s.description} (${s.command} ${s.args.join(' ')})`).join('; ')}`);
  note(`machine: ${JSON.stringify(machine())}`);
  mkdirSync(OUT_DIR, { recursive: true });

  const results: SizeResults[] = [];
  const rows: Row[] = [];
  for (const size of o.sizes) {
    const g = writeSize(size);
    note(`[${size}] ${g.networks} networks, ${g.containers} containers, ${formatBytes(Buffer.byteLength(g.text))} → ${path.relative(ROOT, g.file)}`);
    const r = await benchSize(size, g, servers, o);
    results.push(r);
    rows.push(...rowsFor(r, `${size} (${formatBytes(r.bytes)})`));
  }

  let activation: ActivationResult | { error: string } | undefined;
  if (o.activation) {
    note('[extension] activation in code-server (bench/activation.ts)');
    activation = await measureInChild<ActivationResult>('activation.ts', ['--runs', String(o.activationRuns), ...(o.verbose ? ['--verbose'] : [])]);
    rows.push(...activationRows(activation));
  }
  let multiHost: MultiHostResult | { error: string } | undefined;
  if (o.multiHost) {
    note('[multi-host] plan and apply against 1, 3 and 6 engines (bench/multihost.ts)');
    multiHost = await measureInChild<MultiHostResult>('multihost.ts', []);
    rows.push(...multiHostRows(multiHost));
  }

  console.log(textTable(rows));
  for (const r of results) {
    if (r.oursError) console.log(`\n${r.size}: our server failed: ${r.oursError}`);
    if (r.peerError) console.log(`\n${r.size}: peer failed: ${r.peerError}`);
  }
  const date = new Date().toISOString();
  const stamp = date.replace(/[:.]/g, '-');
  const json = path.join(OUT_DIR, `results-${stamp}.json`);
  writeFileSync(json, JSON.stringify({ date, machine: machine(), loadBefore, servers: servers.map((sv) => sv.label), options: { ...o, runs: Object.fromEntries(o.runs) }, results, activation, multiHost }, null, 2));
  console.log(`\nraw results: ${path.relative(ROOT, json)}`);

  const full = o.peer && SIZES.every((s) => o.sizes.includes(s.name));
  if (o.write ?? full) {
    const doc = path.join(ROOT, 'docs', 'BENCH.md');
    writeFileSync(doc, markdown(rows, results, servers, loadBefore, activation));
    console.log(`wrote ${path.relative(ROOT, doc)}`);
  } else {
    console.log('docs/BENCH.md left as it is (partial run; pass --write to replace it)');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
