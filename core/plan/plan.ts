import type { Facts } from '../analysis/facts';
import { shimLinks } from '../shim/shim';
import { desiredFor } from './desired';
import { ObservedIndex } from './observedIndex';
import { planContainers } from './planContainers';
import { planNetworks, type PlanOptions } from './planNetworks';
import type { ObservedHostDetail, Plan } from './types';

export type { PlanOptions } from './planNetworks';

/**
 * The difference between the spec's part for `host` and what that host has, as ordered steps.
 * Pure: the caller observes the host (docker/observe.ts) and checks the spec first.
 *
 * Order: what needs nothing removed is made first (networks, then recreated networks one at a
 * time, then containers), removals come last (containers, disconnects, networks), and what a
 * removal makes room for (a pool or an address a pruned orphan held) after them. So until the
 * last steps nothing that existed is gone, and a failure part-way has least to put back.
 */
export function planApply(facts: Facts, host: string, observed: ObservedHostDetail, opts: PlanOptions = {}): Plan {
  // Without the other hosts' word, this host makes the swarm networks if it is a manager itself.
  const swarm = opts.swarm ?? { managers: observed.swarm?.manager && observed.swarm.state === 'active' ? [host] : [] };
  const desired = desiredFor(facts, host, swarm);
  const idx = new ObservedIndex(observed, desired.spec);
  const nets = planNetworks(desired, idx, opts);
  const ctrs = planContainers(desired, idx, nets, observed.apiVersion, opts);
  return {
    host,
    spec: desired.spec,
    engine: observed.engine,
    steps: [
      ...nets.creates,
      ...nets.recreates,
      ...ctrs.recreates,
      ...ctrs.creates,
      ...ctrs.reconnects,
      ...ctrs.connects,
      ...ctrs.starts,
      ...ctrs.removes,
      ...ctrs.disconnects,
      ...nets.removes,
      ...nets.afterRemovals,
      ...ctrs.afterRemovals,
    ],
    unchanged: [...nets.unchanged, ...ctrs.unchanged],
    conflicts: [...nets.conflicts, ...ctrs.conflicts],
    orphans: [...nets.orphans, ...ctrs.orphans],
    warnings: [...ctrs.warnings, ...shimNotes(facts, host)],
  };
}

/** Apply never changes the host's own links; a spec that wants one is told how to make it. */
function shimNotes(facts: Facts, host: string): string[] {
  return shimLinks(facts, host).map(
    (l) => `network ${l.network} has a host_shim (${l.address}) on host ${host}: apply does not create the host's own link ${l.link} — print the commands with \`macvlan-spec shim SPEC --host ${host}\` and run them on the host`,
  );
}

/** Nothing to create, change or remove, and nothing in the way. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.steps.length === 0 && plan.conflicts.length === 0;
}
