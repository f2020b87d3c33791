import { stepTitle } from '../core/plan/format';
import type { Plan, Step } from '../core/plan/types';
import { asDockerError, runStep, type StepContext } from './applySteps';
import { DockerError } from './errors';
import { acquireLock, LOCK_VOLUME, type HostLock } from './lock';
import type { DockerHost } from './types';

export interface ApplyProgress {
  /** 0-based index into plan.steps. */
  index: number;
  total: number;
  step: Step;
  title: string;
  phase: 'start' | 'done' | 'failed';
}

export interface ApplyOptions {
  signal?: AbortSignal;
  /** Awaited: a slow hook holds the apply (tests use it to break the daemon mid-apply). */
  onProgress?: (p: ApplyProgress) => void | Promise<void>;
  /** StopTimeout of the containers apply creates (Docker's default 10 s when absent). */
  stopTimeout?: number;
}

export interface ApplyResult {
  done: Step[];
  /** The failed step first, then those never started. */
  notDone: Step[];
  error?: DockerError;
  /** Index of the step that failed; absent when apply stopped before one (lock, conflicts, cancel). */
  failedStep?: number;
  /** What was undone after the failure, so that no half-made network or container stays. */
  rolledBack: string[];
  /** Undo actions that failed: the host may now match neither the plan nor its earlier state. */
  rollbackErrors: string[];
  /** Lock housekeeping worth telling (a stale lock removed, a lock that could not be released). */
  notes: string[];
}

/**
 * Runs a plan's steps in order, under the host-wide lock. Stops at the first failure after
 * undoing that step's partial work (a created network or container is removed, a recreated
 * network is restored with its containers); completed steps stay done. The caller refuses specs
 * with errors before planning; a plan with conflicts is refused here.
 */
export async function applyPlan(host: DockerHost, plan: Plan, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const result: ApplyResult = { done: [], notDone: [...plan.steps], rolledBack: [], rollbackErrors: [], notes: [] };
  if (plan.conflicts.length > 0) {
    const list = plan.conflicts.map((c) => `${c.kind} ${c.name}`).join(', ');
    result.error = new DockerError('conflict', `apply refused: the plan has ${plan.conflicts.length} conflict(s) (${list})`, 'resolve them (see the plan) and plan again');
    return result;
  }
  if (plan.steps.length === 0) return result;

  let lock: HostLock;
  try {
    lock = await acquireLock(host, opts.signal);
  } catch (err) {
    result.error = asDockerError(err, host.target.url, 'take the apply lock');
    return result;
  }
  if (lock.brokeStale) result.notes.push(lock.brokeStale);

  const ctx: StepContext = {
    host,
    signal: opts.signal,
    stopTimeout: opts.stopTimeout,
    undone: (what) => result.rolledBack.push(what),
    undoFailed: (what, err) => result.rollbackErrors.push(`could not undo (${what}): ${err instanceof Error ? err.message : String(err)}`),
  };
  const total = plan.steps.length;
  try {
    for (const [index, step] of plan.steps.entries()) {
      const title = stepTitle(step);
      if (opts.signal?.aborted) {
        result.error = new DockerError('cancelled', `apply cancelled before step ${index + 1}/${total} (${title})`);
        break;
      }
      await opts.onProgress?.({ index, total, step, title, phase: 'start' });
      try {
        await runStep(ctx, step);
      } catch (err) {
        result.error = asDockerError(err, host.target.url, title);
        result.failedStep = index;
        await opts.onProgress?.({ index, total, step, title, phase: 'failed' });
        break;
      }
      result.done.push(step);
      result.notDone.shift();
      await opts.onProgress?.({ index, total, step, title, phase: 'done' });
    }
  } finally {
    try {
      await lock.release();
    } catch (err) {
      result.notes.push(`could not release the apply lock (${err instanceof Error ? err.message : String(err)}); the next apply from this process removes it, or run: docker volume rm ${LOCK_VOLUME}`);
    }
  }
  return result;
}
