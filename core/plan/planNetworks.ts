import { diffNetwork } from './diff';
import type { Desired } from './desired';
import { shapeOf } from './normalise';
import { isManaged, type ObservedIndex } from './observedIndex';
import type { Conflict, NetworkDef, NetworkDetail, Step, Unchanged } from './types';

export interface NetworkPlan {
  removes: Extract<Step, { kind: 'removeNetwork' }>[];
  recreates: Extract<Step, { kind: 'recreateNetwork' }>[];
  creates: Extract<Step, { kind: 'createNetwork' }>[];
  unchanged: Unchanged[];
  conflicts: Conflict[];
  /** Spec network name -> what happens to it, for the container planner. */
  fate: Map<string, 'create' | 'recreate' | 'unchanged' | 'conflict'>;
}

const short = (id: string) => id.slice(0, 12);

/**
 * Networks only; who is attached to a recreated or removed network is filled in by the
 * container planner (it knows which containers stay, go or move).
 */
export function planNetworks(desired: Desired, idx: ObservedIndex): NetworkPlan {
  const p: NetworkPlan = { removes: [], recreates: [], creates: [], unchanged: [], conflicts: [], fate: new Map() };
  const wanted = new Set(desired.networks.map((d) => d.name));
  for (const def of desired.networks) planOne(def, idx.networksByName.get(def.name) ?? [], p);

  const leftovers = idx.host.networks.filter((n) => isManaged(n.labels) && !wanted.has(n.name));
  for (const n of [...leftovers].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const reason = desired.elsewhere.has(n.name)
      ? 'managed network that the spec puts on other hosts only'
      : 'managed network that is no longer in the spec';
    p.removes.push({ kind: 'removeNetwork', network: n.name, id: n.id, detach: [], reason });
  }
  return p;
}

function planOne(def: NetworkDef, have: NetworkDetail[], p: NetworkPlan): void {
  const name = def.name;
  if (have.length === 0) {
    p.creates.push({ kind: 'createNetwork', network: name, def });
    p.fate.set(name, 'create');
    return;
  }
  if (have.length > 1) {
    // Only a create without CheckDuplicate makes twins; Docker then refuses every lookup by name.
    p.conflicts.push({
      kind: 'network',
      name,
      message: `${have.length} networks named ${name} exist on the host (${have.map((h) => short(h.id)).join(', ')}); Docker cannot tell them apart by name — remove the extra ones with \`docker network rm <id>\``,
    });
    p.fate.set(name, 'conflict');
    return;
  }
  const h = have[0];
  const reasons = diffNetwork(shapeOf(def), shapeOf(h));
  if (!isManaged(h.labels)) {
    // One that already is what the spec says (made by hand, or imported) is adopted as is:
    // nothing to change, so nothing to touch. Only a change would need it recreated.
    if (reasons.length === 0) {
      p.unchanged.push({ kind: 'network', name, id: h.id, managed: false });
      p.fate.set(name, 'unchanged');
      return;
    }
    p.conflicts.push({
      kind: 'network',
      name,
      message: `a network named ${name} (${h.driver}, id ${short(h.id)}) exists on the host but was not created by macvlan-spec, and differs from the spec (${reasons.join('; ')}); apply never changes it — make the spec match it, rename the spec's network, or remove the existing one yourself`,
    });
    p.fate.set(name, 'conflict');
    return;
  }
  if (reasons.length === 0) {
    p.unchanged.push({ kind: 'network', name, id: h.id, managed: true });
    p.fate.set(name, 'unchanged');
    return;
  }
  p.recreates.push({ kind: 'recreateNetwork', network: name, def, old: h, reasons, reattach: [] });
  p.fate.set(name, 'recreate');
}
