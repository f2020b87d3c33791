import { formatPlan, planToJson } from '../core/plan/format';
import { one, UsageError, type ParsedArgs } from './args';
import type { Io } from './check';
import { DOCKER_BOOLEAN_FLAGS, DOCKER_VALUE_FLAGS, guard, planSession } from './docker';

// --yes: read the spec's TLS files even when they lie outside its folder (MV501).
// --prune / --adopt: plan what apply would do with them.
export const PLAN_FLAGS = { boolean: ['help', 'yes', 'prune', 'adopt', ...DOCKER_BOOLEAN_FLAGS], value: [...DOCKER_VALUE_FLAGS, 'format'] };

/**
 * `macvlan-spec plan FILE`: what apply would do, on every host of the spec (or those --host names). Exit 0 with a plan (changes or not), 1 when
 * the spec has errors or the plan has conflicts, 2 on bad usage, an unreachable host, or TLS
 * files outside the spec's folder without --yes.
 */
export async function runPlan(args: ParsedArgs, io: Io): Promise<number> {
  const format = one(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got ${format})`);
  return guard(io, async () => {
    const s = await planSession(args, io, 'plan');
    s.close();
    // One host: its plan as before; several: { plans: [...] } in the spec's host order.
    const json = s.hosts.map((h) => planToJson(h.plan, { target: h.target.url }));
    if (format === 'json') io.out(JSON.stringify(json.length === 1 ? json[0] : { plans: json }, null, 2) + '\n');
    else io.out(s.hosts.map((h) => formatPlan(h.plan, { target: h.target.url })).join('\n'));
    return s.hosts.some((h) => h.plan.conflicts.length > 0) ? 1 : 0;
  });
}
