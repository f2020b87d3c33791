// `npm test`: every check a fresh machine must pass, in order, with one closing count line.
// Installs what the suites need through the project's own scripts (apt, npm), never by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testFiles } from './lib/testFiles.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const only = process.env.MVS_TEST_ONLY?.split(',');
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
let failedSteps = [];

function run(name, cmd, args, opts = {}) {
  if (only && !only.includes(name)) return true;
  const t0 = Date.now();
  console.log(`\n== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  const ok = r.status === 0;
  timings.push([name, ((Date.now() - t0) / 1000).toFixed(1) + ' s', ok ? 'ok' : `FAILED (${r.status ?? r.signal})`]);
  if (!ok) failedSteps.push(name);
  return ok;
}

/** Runs node:test files, counting from a TAP copy of the output. */
function nodeTests(name, dirs, extra = []) {
  if (only && !only.includes(name)) return;
  const files = testFiles(dirs);
  if (files.length === 0) {
    console.log(`== ${name}: no test files`);
    failedSteps.push(name);
    return;
  }
  const tap = join(mkdtempSync(join(tmpdir(), 'mvs-test-')), 'out.tap');
  run(name, process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...extra, ...files]);
  if (existsSync(tap)) {
    const t = readFileSync(tap, 'utf8');
    const num = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(t) ?? [])[1] ?? 0);
    totals.passed += num('pass');
    totals.failed += num('fail') + num('cancelled');
    totals.skipped += num('skipped');
  }
}

run('deps', 'bash', ['scripts/ensure-deps.sh']);
run('build', 'npm', ['run', '--silent', 'build']);
run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
nodeTests('unit', ['test/unit']);
nodeTests('server', ['test/server']);
// Other editors: a real Neovim drives the server with the README's snippet (scripts/editors/install.sh).
if (!only || only.includes('editors')) {
  if (run('editors-install', 'bash', ['scripts/editors/install.sh'])) nodeTests('editors', ['test/editors']);
}
if (existsSync('scripts/engine/install.sh')) {
  if (run('engine-install', 'bash', ['scripts/engine/install.sh'])) nodeTests('engine', ['test/engine']);
}
if (existsSync('scripts/e2e/run.sh')) {
  // The e2e runner prints its own "N passed, N failed" line; read it back for the totals.
  const name = 'e2e';
  if (!only || only.includes(name)) {
    const t0 = Date.now();
    console.log(`\n== ${name}: bash scripts/e2e/run.sh`);
    const r = spawnSync('bash', ['scripts/e2e/run.sh'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
    process.stdout.write(r.stdout ?? '');
    const m = /(\d+) passed, (\d+) failed/.exec(r.stdout ?? '');
    if (m) {
      totals.passed += Number(m[1]);
      totals.failed += Number(m[2]);
    }
    const ok = r.status === 0 && m !== null;
    timings.push([name, ((Date.now() - t0) / 1000).toFixed(1) + ' s', ok ? 'ok' : `FAILED (${r.status ?? r.signal})`]);
    if (!ok) failedSteps.push(name);
  }
}

console.log('\n== summary');
for (const [n, t, s] of timings) console.log(`${n.padEnd(16)} ${t.padStart(8)}  ${s}`);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`all: ${totals.passed} passed, ${totals.failed + failedSteps.length} failed`);
process.exit(failedSteps.length === 0 && totals.failed === 0 ? 0 : 1);
