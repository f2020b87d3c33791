/**
 * How each network of the connected host stands against the spec in the editor. Pure: it asks
 * the apply planner (core/plan) what apply would do with the networks, so the tree and apply
 * never disagree.
 */
import type { Facts } from '../analysis/facts';
import { desiredFor } from './desired';
import { ObservedIndex } from './observedIndex';
import { ownerText } from './ownership';
import { planNetworks } from './planNetworks';
import type { NetworkDef, NetworkDetail, UnchangedState } from './types';

/** `orphan`: this spec's, no longer in it (kept; Apply and Remove prunes it); `onlyOnHost`: anyone else's. */
export type DriftState = 'inSync' | 'differs' | 'conflict' | 'orphan' | 'onlyOnHost' | 'onlyInSpec';

export interface Drift {
  state: DriftState;
  /** Short, for the description: "in sync", "differs", ... */
  label: string;
  /** What apply does about it. */
  action: string;
  /** Why it differs (one phrase per field) or why apply refuses. */
  reasons: string[];
}

export interface DriftResult {
  host: string;
  /** The spec's name: what "this spec's" means in the labels and actions. */
  spec: string;
  /** Keyed by network id (two networks may share a name); a plain object, so it travels as JSON. */
  byId: Record<string, Drift>;
  /** Networks the spec puts on this host that the host lacks, in spec order. */
  onlyInSpec: { def: NetworkDef; drift: Drift }[];
  counts: Record<DriftState, number>;
}

const IN_SYNC: Record<UnchangedState, { label: string; action: string }> = {
  owned: { label: 'in sync', action: "this spec's, as the spec says: apply leaves it as it is" },
  adopted: { label: 'adopted', action: 'not created by macvlan-spec, but matches the spec: adopted as it is — apply never recreates or removes it' },
  legacy: { label: 'in sync (older macvlan-spec)', action: 'made by an older macvlan-spec (no spec name on it) and matches the spec: apply leaves it as it is; Apply with --adopt claims it' },
};

const isVlan = (driver: string) => driver === 'macvlan' || driver === 'ipvlan';

export function computeDrift(facts: Facts, host: string, networks: NetworkDetail[]): DriftResult {
  const byId: Record<string, Drift> = {};
  const set = (id: string, d: Drift) => void (byId[id] = d);
  const onlyInSpec: DriftResult['onlyInSpec'] = [];
  const desired = desiredFor(facts, host);
  const plan = planNetworks(desired, new ObservedIndex({ networks, containers: [] }, desired.spec));

  for (const u of plan.unchanged) set(u.id, { state: 'inSync', ...IN_SYNC[u.state], reasons: [] });
  for (const s of plan.recreates) {
    set(s.old.id, { state: 'differs', label: `differs (${s.reasons[0] ?? 'definition'})`, action: 'apply recreates it', reasons: s.reasons });
  }
  let specOnlyConflicts = 0;
  for (const c of plan.conflicts) {
    const onHost = networks.filter((x) => x.name === c.name);
    for (const n of onHost) {
      set(n.id, { state: 'conflict', label: 'conflicts with the spec', action: 'apply refuses until this is resolved', reasons: [c.message] });
    }
    // Not on the host, but in the way of something that is (an overlapping pool): still shown.
    const def = onHost.length === 0 ? desired.networks.find((d) => d.name === c.name) : undefined;
    if (def && !onlyInSpec.some((o) => o.def.name === def.name)) {
      onlyInSpec.push({ def, drift: { state: 'conflict', label: 'conflicts with the host', action: 'apply refuses until this is resolved', reasons: [c.message] } });
      specOnlyConflicts++;
    }
  }
  for (const o of plan.orphans) {
    set(o.id, { state: 'orphan', label: 'orphan', action: `${o.reason}: apply keeps it; Apply and Remove (apply --prune) removes it`, reasons: [] });
  }
  for (const s of [...plan.creates, ...plan.afterRemovals.filter((x) => x.kind === 'createNetwork')]) {
    onlyInSpec.push({ def: s.def, drift: { state: 'onlyInSpec', label: 'only in spec', action: 'apply creates it', reasons: [] } });
  }
  for (const n of networks) {
    if (byId[n.id] || !isVlan(n.driver)) continue;
    const owner = plan.owners.get(n.id) ?? { kind: 'none' };
    const action = owner.kind === 'none' ? 'not created by macvlan-spec: apply never touches it' : `made by ${ownerText(owner)}: this spec's apply never touches it`;
    set(n.id, { state: 'onlyOnHost', label: 'only on host', action, reasons: [] });
  }

  const counts: Record<DriftState, number> = { inSync: 0, differs: 0, conflict: specOnlyConflicts, orphan: 0, onlyOnHost: 0, onlyInSpec: onlyInSpec.length - specOnlyConflicts };
  for (const d of Object.values(byId)) counts[d.state]++;
  return { host, spec: desired.spec, byId, onlyInSpec, counts };
}

export { driftSummary } from './driftSummary';
