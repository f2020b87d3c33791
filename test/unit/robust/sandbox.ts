/**
 * Runs invariant checks in a child process, so that a hang (a loop that never yields) can be
 * stopped and reported, and a fatal V8 error (stack or heap exhaustion inside a dependency)
 * fails one input with its stderr instead of killing the test runner.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { InvariantStats } from './invariants';

/** core: check, every fix, fixAll, re-check; check: checkText and its spans only (big inputs); service: editor features. */
export type Job = { kind: 'core'; text: string } | { kind: 'check'; text: string } | { kind: 'service'; text: string; offsets: number[] };

export type Reply = { id: number; ok: true; stats: InvariantStats | number } | { id: number; ok: false; error: string };

export type Outcome =
  | { status: 'ok'; ms: number; stats: InvariantStats | number }
  | { status: 'error'; ms: number; error: string }
  | { status: 'timeout'; ms: number }
  | { status: 'crash'; ms: number; detail: string };

/** Heap cap for the child: a blow-up shows as a crash of one input, not a swapping machine. */
const HEAP_MB = 1024;

export class Sandbox {
  private child: ChildProcess | undefined;
  private stderr = '';
  private nextId = 1;
  private waiting: { id: number; done: (o: Outcome) => void; t0: number } | undefined;
  /** How many child processes were started (each hang or crash costs one). */
  starts = 0;

  private spawn(): ChildProcess {
    const child = fork(join(__dirname, 'fuzzChild.ts'), [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.starts++;
    this.stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-4000);
    });
    child.on('message', (m: Reply) => {
      const w = this.waiting;
      if (!w || w.id !== m.id) return;
      this.waiting = undefined;
      const ms = performance.now() - w.t0;
      w.done(m.ok ? { status: 'ok', ms, stats: m.stats } : { status: 'error', ms, error: m.error });
    });
    child.on('exit', (code, signal) => {
      // A child given up on after a timeout exits while the next one works: not a crash.
      if (this.child !== child) return;
      this.child = undefined;
      const w = this.waiting;
      if (!w) return;
      this.waiting = undefined;
      // Give the stderr pipe a moment to deliver the fatal error's text.
      setTimeout(() => w.done({ status: 'crash', ms: performance.now() - w.t0, detail: `exit ${code ?? signal}: ${this.stderr.replace(/^ *\d+: 0x.*$/gm, '').trim()}` }), 50);
    });
    return child;
  }

  run(job: Job, timeoutMs: number): Promise<Outcome> {
    if (this.waiting) throw new Error('Sandbox.run: one job at a time');
    this.child ??= this.spawn();
    const child = this.child;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => {
        if (this.waiting?.id !== id) return;
        this.waiting = undefined;
        this.child = undefined;
        child.kill('SIGKILL');
        resolve({ status: 'timeout', ms: performance.now() - t0 });
      }, timeoutMs);
      this.waiting = {
        id,
        t0,
        done: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
      child.send({ id, job });
    });
  }

  /** Starts the child and loads the checker (schema compile included), outside any time bound. */
  async warmUp(): Promise<void> {
    const o = await this.run({ kind: 'core', text: 'version: 1\n' }, 60_000);
    if (o.status !== 'ok') throw new Error(`sandbox warm-up failed: ${JSON.stringify(o)}`);
  }

  close(): void {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill();
  }
}
