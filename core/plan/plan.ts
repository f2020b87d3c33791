import type { Facts } from '../analysis/facts';
import { shimLinks } from '../shim/shim';
import { desiredFor } from './desired';
import { ObservedIndex } from './observedIndex';
import { planContainers } from './planContainers';
import { planNetworks } from './planNetworks';
import type { ObservedHostDetail, Plan } from './types';

/**
 * The difference between the spec's part for `host` and what that host has, as ordered steps.
 * Pure: the caller observes the host (docker/observe.ts) and checks the spec first.
 *
 * Order: containers leave (removed, disconnected), networks go and are recreated, new networks
 * are made, then containers are recreated, created, moved, connected and started — so an
 * address, a parent or a subnet is free before something new wants it.
 */
export function planApply(facts: Facts, host: string, observed: ObservedHostDetail): Plan {
  const desired = desiredFor(facts, host);
  const idx = new ObservedIndex(observed);
  const nets = planNetworks(desired, idx);
  const ctrs = planContainers(desired, idx, nets, observed.apiVersion);
  return {
    host,
    engine: observed.engine,
    steps: [
      ...ctrs.removes,
      ...ctrs.disconnects,
      ...nets.removes,
      ...nets.recreates,
      ...nets.creates,
      ...ctrs.recreates,
      ...ctrs.creates,
      ...ctrs.reconnects,
      ...ctrs.connects,
      ...ctrs.starts,
    ],
    unchanged: [...nets.unchanged, ...ctrs.unchanged],
    conflicts: [...nets.conflicts, ...ctrs.conflicts],
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
