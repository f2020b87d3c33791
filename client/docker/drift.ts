/**
 * How each network of the connected host stands against the spec in the editor. Pure: it asks
 * the apply planner (core/plan) what apply would do with the networks, so the tree and apply
 * never disagree.
 */
import type { Facts } from '../../core/analysis/facts';
import { desiredFor } from '../../core/plan/desired';
import { isManaged, ObservedIndex } from '../../core/plan/observedIndex';
import { planNetworks } from '../../core/plan/planNetworks';
import type { NetworkDef, NetworkDetail } from '../../core/plan/types';

export type DriftState = 'inSync' | 'differs' | 'conflict' | 'onlyOnHost' | 'onlyInSpec';

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
  /** Keyed by network id (two networks may share a name). */
  byId: Map<string, Drift>;
  /** Networks the spec puts on this host that the host lacks, in spec order. */
  onlyInSpec: { def: NetworkDef; drift: Drift }[];
  counts: Record<DriftState, number>;
}

const isVlan = (driver: string) => driver === 'macvlan' || driver === 'ipvlan';

export function computeDrift(facts: Facts, host: string, networks: NetworkDetail[]): DriftResult {
  const byId = new Map<string, Drift>();
  const onlyInSpec: DriftResult['onlyInSpec'] = [];
  const desired = desiredFor(facts, host);
  const plan = planNetworks(desired, new ObservedIndex({ networks, containers: [] }));

  for (const u of plan.unchanged) {
    byId.set(u.id, {
      state: 'inSync',
      label: 'in sync',
      action: u.managed ? 'apply leaves it as it is' : 'not created by macvlan-spec, but matches the spec: apply leaves it as it is',
      reasons: [],
    });
  }
  for (const s of plan.recreates) {
    byId.set(s.old.id, { state: 'differs', label: `differs (${s.reasons[0] ?? 'definition'})`, action: 'apply recreates it', reasons: s.reasons });
  }
  for (const c of plan.conflicts) {
    for (const n of networks.filter((x) => x.name === c.name)) {
      byId.set(n.id, { state: 'conflict', label: 'conflicts with the spec', action: 'apply refuses until this is resolved', reasons: [c.message] });
    }
  }
  for (const s of plan.removes) {
    byId.set(s.id, { state: 'onlyOnHost', label: 'only on host', action: `${s.reason}: apply removes it`, reasons: [] });
  }
  for (const s of plan.creates) {
    onlyInSpec.push({ def: s.def, drift: { state: 'onlyInSpec', label: 'only in spec', action: 'apply creates it', reasons: [] } });
  }
  for (const n of networks) {
    if (byId.has(n.id) || !isVlan(n.driver)) continue;
    const action = isManaged(n.labels) ? 'apply removes it' : 'not created by macvlan-spec: apply never touches it';
    byId.set(n.id, { state: 'onlyOnHost', label: 'only on host', action, reasons: [] });
  }

  const counts: Record<DriftState, number> = { inSync: 0, differs: 0, conflict: 0, onlyOnHost: 0, onlyInSpec: onlyInSpec.length };
  for (const d of byId.values()) counts[d.state]++;
  return { host, byId, onlyInSpec, counts };
}

/** "2 in sync, 1 differs, 1 only in spec" (zero counts left out). */
export function driftSummary(r: DriftResult): string {
  const parts: string[] = [];
  const c = r.counts;
  if (c.inSync) parts.push(`${c.inSync} in sync`);
  if (c.differs) parts.push(`${c.differs} differ${c.differs === 1 ? 's' : ''}`);
  if (c.conflict) parts.push(`${c.conflict} in conflict`);
  if (c.onlyOnHost) parts.push(`${c.onlyOnHost} only on host`);
  if (c.onlyInSpec) parts.push(`${c.onlyInSpec} only in spec`);
  return parts.join(', ') || 'nothing to compare';
}
