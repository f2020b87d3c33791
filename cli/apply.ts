import { formatPlan, stepTitle } from '../core/plan/format';
import { applyPlan, type ApplyResult } from '../docker/apply';
import { isPlainTcp } from '../docker/target';
import type { ParsedArgs } from './args';
import type { Io } from './check';
import { DOCKER_BOOLEAN_FLAGS, DOCKER_VALUE_FLAGS, guard, planSession } from './docker';
import { askYesNo, onTerminal, type PromptIo } from './prompt';

export const APPLY_FLAGS = { boolean: ['help', 'yes', 'prune', 'adopt', ...DOCKER_BOOLEAN_FLAGS], value: [...DOCKER_VALUE_FLAGS] };

export type { PromptIo } from './prompt';

/**
 * `macvlan-spec apply FILE`: plan, show, confirm, apply. Exit 0 when applied (or nothing to do),
 * 1 when the spec has errors, the plan conflicts, the user says no or a step fails, 2 on bad
 * usage, an unreachable host, or no way to confirm (no terminal and no --yes).
 */
export async function runApply(args: ParsedArgs, io: PromptIo): Promise<number> {
  const yes = args.flags.has('yes');
  const ctl = new AbortController();
  return guard(io, async () => {
    const s = await planSession(args, io, 'apply', ctl.signal);
    try {
      io.out(formatPlan(s.plan, { target: s.target.url }));
      if (s.plan.conflicts.length > 0) {
        io.err('macvlan-spec: apply refused: the plan has conflicts (see above); nothing changed\n');
        return 1;
      }
      if (s.plan.steps.length === 0) return 0;
      const removals = s.plan.steps.filter((st) => st.kind === 'removeNetwork' || st.kind === 'removeContainer').length;
      if (isPlainTcp(s.target)) {
        io.err(`macvlan-spec: warning MV501: ${s.target.url} is plain TCP without TLS: the Docker API is root on that host and anyone who can reach the port has it\n`);
        if (!yes) {
          io.err('macvlan-spec: apply over plain tcp:// needs --yes (or add tls: to the host)\n');
          return 2;
        }
      }
      if (!yes) {
        if (!onTerminal(io)) {
          io.err('macvlan-spec: apply needs confirmation: not on a terminal, so review the plan above and run again with --yes\n');
          return 2;
        }
        const gone = removals ? `, removing ${removals} resource(s) of spec ${s.plan.spec}` : '';
        const ok = await askYesNo(io, `Apply these ${s.plan.steps.length} step(s) to host ${s.hostName} (${s.target.url})${gone}? [y/N] `);
        if (!ok) {
          io.err('macvlan-spec: apply cancelled; nothing changed\n');
          return 1;
        }
      }
      const onInt = () => {
        io.err('\nmacvlan-spec: cancelling: what was done so far is undone, the rest not started (Ctrl-C again to quit at once)\n');
        ctl.abort();
      };
      process.once('SIGINT', onInt);
      const t0 = performance.now();
      let result: ApplyResult;
      try {
        result = await applyPlan(s.docker, s.plan, {
          signal: ctl.signal,
          onProgress: (p) => {
            if (p.phase === 'start') io.out(`[${p.index + 1}/${p.total}] ${p.title}\n`);
          },
        });
      } finally {
        process.removeListener('SIGINT', onInt);
      }
      return report(io, result, s.plan.steps.length, s.hostName, performance.now() - t0);
    } finally {
      s.docker.close();
    }
  }, 2);
}

function report(io: Io, r: ApplyResult, total: number, host: string, ms: number): number {
  for (const n of r.notes) io.err(`macvlan-spec: note: ${n}\n`);
  if (!r.error) {
    io.out(`Applied ${r.done.length} of ${total} step(s) to host ${host} in ${(ms / 1000).toFixed(1)} s.\n`);
    return 0;
  }
  if (r.failedStep === undefined && r.done.length === 0) {
    io.err(`macvlan-spec: apply did not start: ${r.error.describe()}\nnothing changed\n`);
    return 1;
  }
  const where = r.failedStep === undefined ? `stopped after step ${r.done.length}/${total}` : `failed at step ${r.failedStep + 1}/${total}`;
  io.err(`macvlan-spec: apply ${where}: ${r.error.describe()}\n`);
  if (r.rolledBack.length) io.err(`rolled back, newest first:\n${r.rolledBack.map((x) => `  - ${x}\n`).join('')}`);
  if (r.rollbackErrors.length) io.err(`NOT restored (check these on the host):\n${r.rollbackErrors.map((x) => `  - ${x}\n`).join('')}`);
  else io.err(`the host is as it was before the apply (${r.done.length} completed step(s) undone)\n`);
  io.err(`not done: ${r.notDone.map(stepTitle).join('; ')}\n`);
  io.err('fix the cause and run apply again: it plans from what the host has now\n');
  return 1;
}
