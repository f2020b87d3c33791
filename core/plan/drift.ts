/**
 * How each network of the connected host stands against the spec in the editor. Pure: it asks
 * the apply planner (core/plan) what apply would do with the networks, so the tree and apply
 * never disagree.
 */
import type { Facts } from '../analysis/facts';
import { desiredFor, type SwarmPlacement } from './desired';
import { ObservedIndex } from './observedIndex';
import { ownerText } from './ownership';
import { planNetworks } from './planNetworks';
import { normAddr } from './normalise';
import type { ContainerDef, NetworkDef, NetworkDetail, UnchangedState } from './types';

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
  /**
   * Containers on the networks the spec keeps as they are: `${networkId}/${container}` -> how the
   * container's place there stands against the spec (address, MAC, membership).
   */
  byEndpoint: Record<string, EndpointDrift>;
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

/** A container's place on a network against the spec: `missing` ones are in the spec only. */
export interface EndpointDrift {
  container: string;
  state: 'inSync' | 'differs' | 'onlyOnHost' | 'missing';
  /** "192.0.2.10 → 192.0.2.11 (apply moves it)", ... */
  label: string;
}

/**
 * Who is on a network the spec keeps, against who the spec puts there (running containers: the
 * endpoints Docker lists). A static address or MAC that differs, or a container the spec puts
 * there that is not there, is a difference (apply changes it); a container the spec does not put
 * there is marked on its own row only. Returns the reasons for the network's own row.
 */
function endpointDrift(def: NetworkDef, net: NetworkDetail, wanted: readonly ContainerDef[], out: Record<string, EndpointDrift>): string[] {
  const reasons: string[] = [];
  const here = new Map(net.containers.map((e) => [e.name, e] as const));
  for (const c of wanted) {
    const a = c.attachments.find((x) => x.network === def.name);
    if (!a) continue;
    const e = here.get(c.name);
    const key = `${net.id}/${c.name}`;
    if (!e) {
      out[key] = { container: c.name, state: 'missing', label: `not on ${net.name} (apply ${a.ipv4 ? `puts it at ${a.ipv4}` : 'connects it'})` };
      reasons.push(`${c.name} is not on it`);
      continue;
    }
    const diffs: string[] = [];
    if (a.ipv4 && e.ipv4 && normAddr(e.ipv4) !== a.ipv4) diffs.push(`${normAddr(e.ipv4)} → ${a.ipv4}`);
    if (a.ipv6 && e.ipv6 && normAddr(e.ipv6) !== a.ipv6) diffs.push(`${normAddr(e.ipv6)} → ${a.ipv6}`);
    if (a.mac && e.mac && e.mac.toLowerCase() !== a.mac) diffs.push(`MAC ${e.mac.toLowerCase()} → ${a.mac}`);
    out[key] = diffs.length ? { container: c.name, state: 'differs', label: `differs: ${diffs.join(', ')}` } : { container: c.name, state: 'inSync', label: 'in sync' };
    if (diffs.length) reasons.push(`${c.name}: ${diffs.join(', ')}`);
  }
  const names = new Set(wanted.filter((c) => c.attachments.some((x) => x.network === def.name)).map((c) => c.name));
  for (const e of net.containers) {
    if (names.has(e.name)) continue;
    // Apply leaves it (another owner's, or this spec's orphan): shown on its row, not a difference of the network.
    out[`${net.id}/${e.name}`] = { container: e.name, state: 'onlyOnHost', label: 'not in the spec for this network' };
  }
  return reasons;
}

/** `swarm`: which spec hosts are Swarm managers (the one that makes a swarm network shows it as planned). */
export function computeDrift(facts: Facts, host: string, networks: NetworkDetail[], swarm?: SwarmPlacement): DriftResult {
  const byId: Record<string, Drift> = {};
  const set = (id: string, d: Drift) => void (byId[id] = d);
  const onlyInSpec: DriftResult['onlyInSpec'] = [];
  const desired = desiredFor(facts, host, swarm);
  const plan = planNetworks(desired, new ObservedIndex({ networks, containers: [] }, desired.spec));

  const byEndpoint: Record<string, EndpointDrift> = {};
  const wanted = desired.containers.map((c) => c.def);
  const netById = new Map(networks.map((n) => [n.id, n] as const));
  const defByName = new Map(desired.networks.map((d) => [d.name, d] as const));
  for (const u of plan.unchanged) {
    const net = netById.get(u.id);
    const def = defByName.get(u.name);
    const reasons = net && def ? endpointDrift(def, net, wanted, byEndpoint) : [];
    // The network is as the spec says, its containers are not: apply changes them, not it.
    if (reasons.length) set(u.id, { state: 'differs', label: `containers differ (${reasons[0]}${reasons.length > 1 ? `, +${reasons.length - 1}` : ''})`, action: 'apply moves, connects or recreates the containers; the network stays', reasons });
    else set(u.id, { state: 'inSync', ...IN_SYNC[u.state], reasons: [] });
  }
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
    const def = onHost.length === 0 ? defByName.get(c.name) : undefined;
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
    if (n.scope === 'swarm' && owner.kind === 'mine' && desired.swarmNames.has(n.name)) {
      // A worker's instance (or another manager's view) of this spec's swarm network.
      set(n.id, { state: 'inSync', label: 'in sync (swarm)', action: `this spec's swarm network, made from ${n.configFrom ?? 'its config-only network'}: apply manages it on a Swarm manager`, reasons: [] });
      continue;
    }
    const action = owner.kind === 'none' ? 'not created by macvlan-spec: apply never touches it' : `made by ${ownerText(owner)}: this spec's apply never touches it`;
    set(n.id, { state: 'onlyOnHost', label: 'only on host', action, reasons: [] });
  }

  const counts: Record<DriftState, number> = { inSync: 0, differs: 0, conflict: specOnlyConflicts, orphan: 0, onlyOnHost: 0, onlyInSpec: onlyInSpec.length - specOnlyConflicts };
  for (const d of Object.values(byId)) counts[d.state]++;
  return { host, spec: desired.spec, byId, byEndpoint, onlyInSpec, counts };
}

export { driftSummary } from './driftSummary';
