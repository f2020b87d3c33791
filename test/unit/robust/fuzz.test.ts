import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { InvariantStats } from './invariants';
import { describeInput, mutatedSpec, render, type Mutated } from './mutate';
import { Sandbox, type Outcome } from './sandbox';
import { generateSpec } from '../../../bench/generate';

/** One checkText of any input: the slowest (1 MB blobs, 10,000 levels of nesting) take under 1 s. */
const CHECK_MS = 5_000;
/**
 * Everything for one input (check, every fix, fixAll with its re-checks): past this the child
 * process is killed and the input reported as a hang.
 */
const PER_INPUT_MS = 20_000;

/** Fixed seeds and run counts; MVS_FUZZ_SEED / MVS_FUZZ_RUNS explore further locally. */
const SEED = Number(process.env.MVS_FUZZ_SEED ?? 42);
const RUNS = Number(process.env.MVS_FUZZ_RUNS ?? 300);
const SERVICE_SEED = SEED + 1;
const SERVICE_RUNS = Math.ceil(RUNS / 2);

/**
 * Shrinking a hang costs PER_INPUT_MS per attempt; past this, fast-check stops and reports the
 * smallest failing input found so far, well inside the test's own timeout.
 */
const SHRINK_LIMIT_MS = Math.max(150_000, RUNS * 100);
const budget = { interruptAfterTimeLimit: SHRINK_LIMIT_MS, markInterruptAsFailure: true };
const TEST_TIMEOUT_MS = SHRINK_LIMIT_MS + 90_000;

const sandbox = new Sandbox();
before(() => sandbox.warmUp());
after(() => sandbox.close());

function expectOk(o: Outcome, m: Mutated): void {
  const input = describeInput(m);
  if (o.status === 'timeout') {
    if (process.env.MVS_FUZZ_TRACE) process.stderr.write(`TIMEOUT ${JSON.stringify(m)}\n`);
    assert.fail(`no answer within ${PER_INPUT_MS} ms (a hang?) for ${input}`);
  }
  if (o.status === 'crash') assert.fail(`the checker process died (${o.detail}) on ${input}`);
  if (o.status === 'error') assert.fail(`${o.error}\n  on ${input}`);
  if (o.status === 'ok' && typeof o.stats !== 'number') assert.ok(o.stats.checkMs < CHECK_MS, `checkText took ${o.stats.checkMs.toFixed(0)} ms on ${input}`);
}

test(`mutated examples: checkText, every fix and fixAll finish, in bounds (seed ${SEED}, ${RUNS} runs)`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
  let slowest = { ms: 0, input: '' };
  let findings = 0;
  let fixes = 0;
  let applied = 0;
  let longestMessage = 0;
  const t0 = performance.now();
  await fc.assert(
    fc.asyncProperty(mutatedSpec(), async (m) => {
      const o = await sandbox.run({ kind: 'core', text: render(m) }, PER_INPUT_MS);
      expectOk(o, m);
      if (o.status !== 'ok') return;
      const s = o.stats as InvariantStats;
      findings += s.findings;
      fixes += s.fixes;
      applied += s.fixAllApplied;
      longestMessage = Math.max(longestMessage, s.longestMessage);
      if (o.ms > slowest.ms) slowest = { ms: o.ms, input: describeInput(m) };
    }),
    { seed: SEED, numRuns: RUNS, ...budget },
  );
  t.diagnostic(`${RUNS} inputs in ${(performance.now() - t0).toFixed(0)} ms; ${findings} findings, ${fixes} fixes applied one by one, ${applied} by fixAll`);
  t.diagnostic(`slowest input ${slowest.ms.toFixed(0)} ms: ${slowest.input}`);
  t.diagnostic(`longest finding message: ${longestMessage} characters`);
});

test(`mutated examples: completion, hover, symbols, folding, inlay hints, code actions (seed ${SERVICE_SEED}, ${SERVICE_RUNS} runs)`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
  let answers = 0;
  const t0 = performance.now();
  await fc.assert(
    fc.asyncProperty(mutatedSpec({ heavyWeight: 1 }), fc.array(fc.nat({ max: 2_000_000 }), { minLength: 1, maxLength: 6 }), async (m, offsets) => {
      const o = await sandbox.run({ kind: 'service', text: render(m), offsets }, PER_INPUT_MS);
      expectOk(o, m);
      if (o.status === 'ok') answers += o.stats as number;
    }),
    { seed: SERVICE_SEED, numRuns: SERVICE_RUNS, ...budget },
  );
  t.diagnostic(`${SERVICE_RUNS} inputs, ${answers} answers in ${(performance.now() - t0).toFixed(0)} ms`);
});

test('the sandbox reports a hang and a crash instead of waiting or dying', { timeout: 60_000 }, async () => {
  // Guards the guard: a sandbox that could not see a hang would make the bounds above meaningless.
  const probe = new Sandbox();
  try {
    await probe.warmUp();
    const hang = await probe.run({ kind: 'service', text: 'version: 1\n', offsets: [-1] }, 300);
    assert.equal(hang.status, 'ok', 'a negative offset is clamped, not a hang');
    const started = probe.starts;
    // A check that takes a hundred milliseconds against a 1 ms bound: a tiny spec is checked
    // faster than a 0 ms timer fires, so it would not prove anything.
    const never = await probe.run({ kind: 'core', text: generateSpec({ networks: 500, containers: 5_000 }).text }, 1);
    assert.equal(never.status, 'timeout');
    const next = await probe.run({ kind: 'core', text: 'version: 1\n' }, 30_000);
    assert.equal(next.status, 'ok', 'a new child process takes over after a timeout');
    assert.equal(probe.starts, started + 1);
  } finally {
    probe.close();
  }
});
