import { formatPlan, stepTitle, summarise } from '../core/plan/format';
import type { Step } from '../core/plan/types';
import { applyPlan, type ApplyResult } from '../docker/apply';
import { isPlainTcp } from '../docker/target';
import type { ParsedArgs } from './args';
import type { Io } from './check';
import { HOST_CONCURRENCY, mapLimit } from '../docker/limit';
import { DOCKER_BOOLEAN_FLAGS, DOCKER_VALUE_FLAGS, guard, planSession, type HostSession } from './docker';
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
      for (const h of s.hosts) io.out(formatPlan(h.plan, { target: h.target.url }) + (s.hosts.length > 1 ? '\n' : ''));
      if (s.hosts.some((h) => h.plan.conflicts.length > 0)) {
        io.err('macvlan-spec: apply refused: the plan has conflicts (see above); nothing changed\n');
        return 1;
      }
      const todo = s.hosts.filter((h) => h.plan.steps.length > 0);
      if (todo.length === 0) return 0;
      const plainTcp = todo.filter((h) => isPlainTcp(h.target));
      for (const h of plainTcp) io.err(`macvlan-spec: warning MV501: ${h.target.url} is plain TCP without TLS: the Docker API is root on that host and anyone who can reach the port has it\n`);
      if (plainTcp.length > 0 && !yes) {
        io.err('macvlan-spec: apply over plain tcp:// needs --yes (or add tls: to the host)\n');
        return 2;
      }
      if (!yes) {
        if (!onTerminal(io)) {
          io.err('macvlan-spec: apply needs confirmation: not on a terminal, so review the plan above and run again with --yes\n');
          return 2;
        }
        const steps = todo.reduce((n, h) => n + h.plan.steps.length, 0);
        const removals = todo.reduce((n, h) => n + summarise(h.plan).remove, 0);
        const gone = removals ? `, removing ${removals} resource(s) of spec ${todo[0].plan.spec}` : '';
        const where = todo.length === 1 ? `host ${todo[0].hostName} (${todo[0].target.url})` : `${todo.length} hosts (${todo.map((h) => h.hostName).join(', ')})`;
        const ok = await askYesNo(io, `Apply these ${steps} step(s) to ${where}${gone}? [y/N] `);
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
      const prefix = (h: HostSession) => (todo.length > 1 ? `${h.hostName}: ` : '');
      let results: { host: HostSession; result: ApplyResult; ms: number }[];
      try {
        // Each host under its own lock; one that fails is rolled back on its own, the others go on.
        // The manager that makes or removes a swarm network goes first: a node refuses to remove a
        // config-only network while the swarm network made from it is there.
        const run = (hosts: HostSession[]) => mapLimit(hosts, HOST_CONCURRENCY, async (h) => {
          const t0 = performance.now();
          const result = await applyPlan(h.docker, h.plan, {
            signal: ctl.signal,
            onProgress: (p) => {
              if (p.phase === 'start') io.out(`${prefix(h)}[${p.index + 1}/${p.total}] ${p.title}\n`);
            },
          });
          return { host: h, result, ms: performance.now() - t0 };
        });
        const first = todo.filter((h) => h.plan.steps.some(isSwarmStep));
        results = [...(await run(first)), ...(await run(todo.filter((h) => !first.includes(h))))];
      } finally {
        process.removeListener('SIGINT', onInt);
      }
      const codes = results.map((r) => report(io, r.result, r.host.plan.steps.length, r.host.hostName, r.ms, prefix(r.host)));
      if (results.length > 1) {
        io.out('\nSummary\n');
        for (const r of results) io.out(`  ${r.host.hostName}: ${r.result.error ? `FAILED (${r.result.error.message}); rolled back` : `applied ${r.result.done.length} step(s)`}\n`);
        for (const h of s.hosts.filter((x) => x.plan.steps.length === 0)) io.out(`  ${h.hostName}: nothing to do\n`);
      }
      return Math.max(...codes);
    } finally {
      s.close();
    }
  }, 2);
}

function isSwarmStep(s: Step): boolean {
  return s.kind === 'removeNetwork' ? s.part === 'swarm' : (s.kind === 'createNetwork' || s.kind === 'recreateNetwork') && s.def.scope === 'swarm';
}

function report(io: Io, r: ApplyResult, total: number, host: string, ms: number, prefix = ''): number {
  for (const n of r.notes) io.err(`macvlan-spec: ${prefix}note: ${n}\n`);
  if (!r.error) {
    io.out(`Applied ${r.done.length} of ${total} step(s) to host ${host} in ${(ms / 1000).toFixed(1)} s.\n`);
    return 0;
  }
  if (r.failedStep === undefined && r.done.length === 0) {
    io.err(`macvlan-spec: ${prefix}apply did not start: ${r.error.describe()}\nnothing changed${prefix ? ` on ${host}` : ''}\n`);
    return 1;
  }
  const where = r.failedStep === undefined ? `stopped after step ${r.done.length}/${total}` : `failed at step ${r.failedStep + 1}/${total}`;
  io.err(`macvlan-spec: ${prefix}apply ${where}: ${r.error.describe()}\n`);
  if (r.rolledBack.length) io.err(`rolled back, newest first:\n${r.rolledBack.map((x) => `  - ${x}\n`).join('')}`);
  if (r.rollbackErrors.length) io.err(`NOT restored (check these on the host):\n${r.rollbackErrors.map((x) => `  - ${x}\n`).join('')}`);
  else io.err(`the host is as it was before the apply (${r.done.length} completed step(s) undone)\n`);
  io.err(`not done: ${r.notDone.map(stepTitle).join('; ')}\n`);
  io.err('fix the cause and run apply again: it plans from what the host has now\n');
  return 1;
}
