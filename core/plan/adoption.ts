import type { Facts, NetFacts } from '../analysis/facts';
import type { ObservedNetwork } from '../observed';
import { networkDef } from './desired';
import { diffNetwork } from './diff';
import { shapeOf } from './normalise';
import { ownerOf } from './ownership';

/**
 * How the checker (MV208) sees an existing network on `host`: the plan's own to keep, recreate
 * or remove (this spec's), the spec's description of it as it is (adopted: not created by this
 * spec, same name, same definition — the plan leaves it), or something in the way. The same
 * answer the planner (planNetworks) gives, so the editor and apply agree.
 */
export type ExistingRole = 'mine' | 'adopted' | 'other';

export function existingRole(facts: Facts, host: string, e: ObservedNetwork, specNet: NetFacts | undefined): ExistingRole {
  const owner = ownerOf(e.labels, facts.specName);
  if (owner.kind === 'mine') return 'mine';
  const sameName = specNet !== undefined && specNet.hosts.includes(host);
  if (sameName && (owner.kind === 'none' || owner.kind === 'legacy') && e.definition) {
    const def = networkDef(specNet, host, facts.specName);
    const reasons = diffNetwork(shapeOf(def), shapeOf({ name: e.name, driver: e.driver, labels: e.labels, ...e.definition, containers: [], id: e.id }));
    if (reasons.length === 0) return 'adopted';
  }
  return 'other';
}
