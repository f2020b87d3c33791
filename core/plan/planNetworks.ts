import { overlapsEarlier } from '../analysis/hostNets';
import { parseCidr } from '../ip';
import { SPEC_LABEL } from '../observed';
import { diffNetwork, diffSwarmNetwork } from './diff';
import type { Desired, SwarmPlacement } from './desired';
import { partOf, shapeOf, swarmShapeOf } from './normalise';
import type { ObservedIndex } from './observedIndex';
import { ownerOf, ownerText, type Owner } from './ownership';
import type { Conflict, NetworkDef, NetworkDetail, Orphan, Step, Unchanged } from './types';

/** What the user allowed beyond the default (which never removes and never claims). */
export interface PlanOptions {
  /** Remove this spec's own resources that it no longer describes (`apply --prune`). */
  prune?: boolean;
  /** Claim resources made by an older macvlan-spec that carry no spec name (`apply --adopt`). */
  adopt?: boolean;
  /** Which spec hosts are Swarm managers (for `scope: swarm`); default: this host, if its /info says so. */
  swarm?: SwarmPlacement;
}

export type NetworkFate = 'create' | 'recreate' | 'unchanged' | 'conflict';

export interface NetworkPlan {
  /** Pruned orphans (only with --prune). */
  removes: Extract<Step, { kind: 'removeNetwork' }>[];
  recreates: Extract<Step, { kind: 'recreateNetwork' }>[];
  /** Creates that need nothing removed first. */
  creates: Extract<Step, { kind: 'createNetwork' }>[];
  /** Creates and recreates whose pool a pruned orphan holds: they run after the removals. */
  afterRemovals: Extract<Step, { kind: 'createNetwork' | 'recreateNetwork' }>[];
  unchanged: Unchanged[];
  conflicts: Conflict[];
  orphans: Orphan[];
  /** Spec network name -> what happens to it, for the container planner. */
  fate: Map<string, NetworkFate>;
  /** Observed network id -> its owner, as this plan sees it. */
  owners: Map<string, Owner>;
}

const short = (id: string) => id.slice(0, 12);
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Networks only; who is attached to a recreated or removed network is filled in by the
 * container planner (it knows which containers stay, go or move).
 */
export function planNetworks(desired: Desired, idx: ObservedIndex, opts: PlanOptions = {}): NetworkPlan {
  const p: NetworkPlan = { removes: [], recreates: [], creates: [], afterRemovals: [], unchanged: [], conflicts: [], orphans: [], fate: new Map(), owners: new Map() };
  for (const n of idx.host.networks) p.owners.set(n.id, networkOwner(n, idx, desired.spec));
  const wanted = new Set(desired.networks.map((d) => d.name));
  const creates: Extract<Step, { kind: 'createNetwork' }>[] = [];
  for (const def of desired.networks) planOne(def, idx.networksByName.get(def.name) ?? [], desired.spec, opts, p, creates);

  // A swarm network is the business of the one manager that plans it: elsewhere (a worker's
  // instance, another manager's view) it is left alone.
  const mineHere = (x: NetworkDetail) => p.owners.get(x.id)?.kind === 'mine' && !wanted.has(x.name) && (x.scope !== 'swarm' || (desired.swarmOrphans && !desired.swarmNames.has(x.name)));
  // Swarm networks go before the config-only networks they are made from.
  const swarmFirst = (a: NetworkDetail, b: NetworkDetail) => Number(b.scope === 'swarm') - Number(a.scope === 'swarm') || byName(a, b);
  for (const n of idx.host.networks.filter(mineHere).sort(swarmFirst)) {
    const reason = desired.elsewhere.has(n.name) ? `this spec's network, which the spec now puts on other hosts only` : `this spec's network, no longer in the spec`;
    const part = partOf(n);
    if (opts.prune) p.removes.push({ kind: 'removeNetwork', network: n.name, id: n.id, detach: [], reason, ...(part ? { part } : {}) });
    else p.orphans.push({ kind: 'network', name: n.name, id: n.id, reason });
  }
  configInUse(idx, p);
  placeCreates(creates, idx, p);
  return p;
}

/**
 * Docker refuses to remove a config-only network ("configuration network ... is in use") while
 * a swarm network made from it is instantiated on that node — it is while a task or container of
 * it runs there, and shows then with the node's own IPAM. Said before apply, not by a failed step.
 */
function configInUse(idx: ObservedIndex, p: NetworkPlan): void {
  const removed = new Set(p.removes.map((r) => r.id));
  const inUse = (name: string) => idx.host.networks.find((n) => n.configFrom === name && n.ipam.length > 0 && !removed.has(n.id));
  const refuse = (name: string, what: string, user: NetworkDetail) => {
    p.conflicts.push({ kind: 'network', name, message: `config-only network ${name} must be ${what}, but swarm network ${user.name}, made from it, is in use on this node (a task or container of it runs here); Docker refuses to change ${name} until it is not — scale its services down or move them off this node, then plan again` });
    p.fate.set(name, 'conflict');
  };
  p.recreates = p.recreates.filter((r) => {
    const user = r.old.configOnly ? inUse(r.network) : undefined;
    if (user) refuse(r.network, `recreated (${r.reasons.join('; ')})`, user);
    return !user;
  });
  p.removes = p.removes.filter((r) => {
    const old = idx.host.networks.find((n) => n.id === r.id);
    const user = old?.configOnly ? inUse(r.network) : undefined;
    if (user) refuse(r.network, 'removed', user);
    return !user;
  });
}

function planOne(def: NetworkDef, have: NetworkDetail[], spec: string, opts: PlanOptions, p: NetworkPlan, creates: Extract<Step, { kind: 'createNetwork' }>[]): void {
  const name = def.name;
  const conflict = (message: string, fix?: 'adopt') => {
    p.conflicts.push({ kind: 'network', name, message, ...(fix ? { fix } : {}) });
    p.fate.set(name, 'conflict');
  };
  if (have.length === 0) {
    creates.push({ kind: 'createNetwork', network: name, def });
    p.fate.set(name, 'create');
    return;
  }
  if (have.length > 1) {
    // Only a create without CheckDuplicate makes twins; Docker then refuses every lookup by name.
    conflict(`${have.length} networks named ${name} exist on the host (${have.map((h) => short(h.id)).join(', ')}); Docker cannot tell them apart by name — remove the extra ones with \`docker network rm <id>\``);
    return;
  }
  const h = have[0];
  const reasons = def.scope === 'swarm' || h.scope === 'swarm' ? diffSwarmNetwork(swarmShapeOf(def), swarmShapeOf(h)) : diffNetwork(shapeOf(def), shapeOf(h));
  const owner = p.owners.get(h.id) ?? ownerOf(h.labels, spec);
  const keep = (state: Unchanged['state']) => {
    p.unchanged.push({ kind: 'network', name, id: h.id, state });
    p.fate.set(name, 'unchanged');
  };
  switch (owner.kind) {
    case 'mine':
      if (reasons.length === 0) keep('owned');
      else {
        p.recreates.push({ kind: 'recreateNetwork', network: name, def, old: h, reasons, reattach: [] });
        p.fate.set(name, 'recreate');
      }
      return;
    case 'spec':
      conflict(`network ${name} (id ${short(h.id)}) belongs to spec ${owner.spec} (label ${SPEC_LABEL}=${owner.spec}); apply never changes another spec's networks — give this spec's network another name, or take it out of spec ${owner.spec} first`);
      return;
    case 'legacy':
      if (opts.adopt) {
        const claim = `claimed for spec ${spec} (--adopt): recreated to carry ${SPEC_LABEL}=${spec}`;
        p.recreates.push({ kind: 'recreateNetwork', network: name, def, old: h, reasons: [...reasons, claim], reattach: [], claim: true });
        p.fate.set(name, 'recreate');
      } else if (reasons.length === 0) keep('legacy');
      else {
        conflict(`network ${name} (id ${short(h.id)}) was made by an older macvlan-spec (no spec name on it), so nothing says it is spec ${spec}'s, and it differs from the spec (${reasons.join('; ')}); run apply --adopt to claim it (it is recreated with this spec's label)`, 'adopt');
      }
      return;
    case 'none':
      // One that already is what the spec says (made by hand, or imported) is adopted as is:
      // nothing to change, so nothing to touch. Only a change would need it recreated.
      if (reasons.length === 0) keep('adopted');
      else {
        conflict(`a network named ${name} (${h.driver}, id ${short(h.id)}) exists on the host but was not created by macvlan-spec, and differs from the spec (${reasons.join('; ')}); apply never changes it — make the spec match it, rename the spec's network, or remove the existing one yourself`);
      }
      return;
  }
}

/**
 * Whose a network is. A swarm network made `--config-from` carries no labels (Docker refuses
 * them): it is whoever's the config-only network it names on this host is.
 */
export function networkOwner(n: NetworkDetail, idx: ObservedIndex, spec: string): Owner {
  if (n.configFrom === undefined) return ownerOf(n.labels, spec);
  const from = idx.networksByName.get(n.configFrom);
  return from?.length === 1 ? ownerOf(from[0].labels, spec) : { kind: 'none' };
}

interface Block {
  network: bigint;
  last: bigint;
  /** Index into the observed networks, or -1 - index into the planned creates/recreates. */
  who: number;
  subnet: string;
}

/**
 * A create (or recreate) whose pool overlaps a network that stays is refused by Docker ("Pool
 * overlaps"). Another owner's network is a conflict that names it (the checker's MV208 says
 * the same in the editor); this spec's orphan is one --prune removes: without it, a conflict
 * that says so; with it, the create waits until the removals are done.
 */
function placeCreates(creates: Extract<Step, { kind: 'createNetwork' }>[], idx: ObservedIndex, p: NetworkPlan): void {
  const nets = idx.host.networks;
  // Config-only networks reserve no pool; a swarm network's pool is its config-only network's.
  const holdsPool = (d: { configOnly?: boolean; scope?: string }) => !d.configOnly && d.scope !== 'swarm';
  const planned = [...creates.map((c) => c.def), ...p.recreates.map((r) => r.def)].filter(holdsPool);
  const pruned = new Set(p.removes.map((r) => r.id));
  const needsRemoval = new Set<string>();
  // Existing networks first, so a planned block's "earliest overlap" is an existing one when any.
  // The network a def replaces (same name) and networks the plan itself decides on are not in the way.
  const decided = new Set(planned.map((d) => d.name));
  const existing = nets.map((n, i) => ({ n, i })).filter(({ n }) => !decided.has(n.name) && !n.configOnly && !(n.configFrom !== undefined && p.owners.get(n.id)?.kind === 'mine'));
  // Other owners' networks before orphans: the conflict names the one that cannot go.
  existing.sort((a, b) => Number(pruned.has(a.n.id) || p.owners.get(a.n.id)?.kind === 'mine') - Number(pruned.has(b.n.id) || p.owners.get(b.n.id)?.kind === 'mine'));
  for (const family of [4, 6] as const) {
    const blocks: Block[] = [];
    for (const { n, i } of existing) {
      for (const c of n.ipam) {
        const r = parseCidr(c.subnet);
        if (r.ok && r.value.family === family) blocks.push({ network: r.value.network, last: r.value.last, who: i, subnet: c.subnet });
      }
    }
    const firstPlanned = blocks.length;
    planned.forEach((d, j) => {
      for (const c of d.ipam) {
        const r = parseCidr(c.subnet);
        if (r.ok && r.value.family === family) blocks.push({ network: r.value.network, last: r.value.last, who: -1 - j, subnet: c.subnet });
      }
    });
    if (firstPlanned === 0 || blocks.length === firstPlanned) continue;
    const hits = overlapsEarlier(blocks);
    for (let k = 0; k < hits.length; k += 3) {
      const item = hits[k];
      const earliest = hits[k + 1];
      if (item < firstPlanned || earliest >= firstPlanned) continue;
      const def = planned[-1 - blocks[item].who];
      const other = nets[blocks[earliest].who];
      const owner = p.owners.get(other.id) ?? { kind: 'none' };
      const theirs = blocks[earliest].subnet;
      if (owner.kind === 'mine') {
        if (pruned.has(other.id)) needsRemoval.add(def.name);
        else {
          p.conflicts.push({ kind: 'network', name: def.name, message: `network ${def.name} needs the pool ${theirs} that network ${other.name} holds — this spec's network, no longer in the spec (an orphan); run apply --prune to remove it first`, fix: 'prune' });
          p.fate.set(def.name, 'conflict');
        }
      } else {
        const whose = owner.kind === 'spec' ? `network ${other.name} of spec ${owner.spec}` : `network ${other.name} (${ownerText(owner)})`;
        p.conflicts.push({ kind: 'network', name: def.name, message: `the subnet of network ${def.name} overlaps ${whose}, ${theirs}, which apply never changes — pick a free subnet` });
        p.fate.set(def.name, 'conflict');
      }
    }
  }
  const blocked = new Set(p.conflicts.map((c) => c.name));
  for (const c of creates) {
    if (blocked.has(c.network)) continue;
    (needsRemoval.has(c.network) ? p.afterRemovals : p.creates).push(c);
  }
  const recreates = p.recreates.filter((r) => !blocked.has(r.network));
  p.recreates = recreates.filter((r) => !needsRemoval.has(r.network));
  p.afterRemovals.push(...recreates.filter((r) => needsRemoval.has(r.network)));
}
