import { stepTitle } from '../core/plan/format';
import type { Plan, Step } from '../core/plan/types';
import { asDockerError, runStep, type StepContext, type Undo } from './applySteps';
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
  /** How long the lock's lease lasts without renewal (tests shorten it). */
  leaseMs?: number;
}

export interface ApplyResult {
  /** Steps that completed. After a failure they have been undone (see rolledBack, rollbackErrors). */
  done: Step[];
  /** The failed step first, then those never started. */
  notDone: Step[];
  error?: DockerError;
  /** Index of the step that failed; absent when apply stopped before one (lock, conflicts, cancel). */
  failedStep?: number;
  /** What was undone after the failure, newest first: the host is back as it was before the apply. */
  rolledBack: string[];
  /** Undo actions that failed: these resources are not as they were (the report names them). */
  rollbackErrors: string[];
  /** Lock housekeeping and clean-up worth telling (a stale lock removed, an old container left). */
  notes: string[];
}

/**
 * Runs a plan's steps in order, under the host-wide lock. If a step fails (or the user cancels),
 * that step's partial work is undone, and then every completed step in reverse order: networks
 * removed or recreated come back with their old definition and their containers at their old
 * addresses, containers that stepped aside come back, created ones go. So a failed apply leaves
 * the host as it was. What stepped aside (a recreated container's old self, a pruned container)
 * is removed only once every step has succeeded. The caller refuses specs with errors before
 * planning; a plan with conflicts is refused here.
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
    lock = await acquireLock(host, { signal: opts.signal, leaseMs: opts.leaseMs });
  } catch (err) {
    result.error = asDockerError(err, host.target.url, 'take the apply lock');
    return result;
  }
  if (lock.brokeStale) result.notes.push(lock.brokeStale);

  const commits: { what: string; fn: () => Promise<unknown> }[] = [];
  const ctx: StepContext = {
    host,
    spec: plan.spec,
    signal: opts.signal,
    stopTimeout: opts.stopTimeout,
    undone: (what) => result.rolledBack.push(what),
    undoFailed: (what, err) => result.rollbackErrors.push(`could not undo (${what}): ${err instanceof Error ? err.message : String(err)}`),
    commit: (what, fn) => commits.push({ what, fn }),
  };
  const undos: Undo[] = [];
  const total = plan.steps.length;
  try {
    for (const [index, step] of plan.steps.entries()) {
      const title = stepTitle(step);
      const lost = lock.lost();
      if (lost) {
        result.error = new DockerError('conflict', `apply stopped before step ${index + 1}/${total} (${title}): ${lost}`);
        break;
      }
      if (opts.signal?.aborted) {
        result.error = new DockerError('cancelled', `apply cancelled before step ${index + 1}/${total} (${title})`);
        break;
      }
      await opts.onProgress?.({ index, total, step, title, phase: 'start' });
      try {
        undos.push(await runStep(ctx, step));
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
    if (result.error) {
      // Newest first, without the signal: a cancel must still put everything back.
      for (const u of undos.reverse()) {
        try {
          await u.run();
        } catch (err) {
          ctx.undoFailed(u.what, err);
        }
      }
    } else {
      for (const c of commits) {
        try {
          await c.fn();
        } catch (err) {
          result.notes.push(`could not ${c.what}: ${err instanceof Error ? err.message : String(err)} — remove it by hand`);
        }
      }
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
