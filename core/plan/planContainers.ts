import { HASH_LABEL, SPEC_LABEL } from '../observed';
import { containerReasons } from './containerReasons';
import type { Desired } from './desired';
import { normAddr } from './normalise';
import { attachOf, containerOwner, type Member, type ObservedIndex } from './observedIndex';
import { ownerText } from './ownership';
import type { NetworkPlan, PlanOptions } from './planNetworks';
import type { Attach, Conflict, ContainerDef, ContainerDetail, Orphan, Step, Unchanged } from './types';

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;

export interface ContainerPlan {
  /** Pruned orphans (only with --prune). */
  removes: StepOf<'removeContainer'>[];
  disconnects: StepOf<'disconnect'>[];
  recreates: StepOf<'recreateContainer'>[];
  creates: StepOf<'createContainer'>[];
  reconnects: StepOf<'reconnect'>[];
  connects: StepOf<'connect'>[];
  starts: StepOf<'startContainer'>[];
  /** Creates and moves to an address a pruned orphan holds: after the removals. */
  afterRemovals: StepOf<'createContainer' | 'connect' | 'reconnect'>[];
  unchanged: Unchanged[];
  conflicts: Conflict[];
  orphans: Orphan[];
  warnings: string[];
}

const short = (id: string) => id.slice(0, 12);
const sameAddr = (a: Attach, b: Attach) => a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6;
const showAttach = (a: Attach) => [a.ipv4, a.ipv6].filter(Boolean).join(' ') || 'dynamic';

/**
 * Containers, and who gets detached from / reattached to networks that go or are recreated.
 * Policy: a container is created, changed or removed only when it is this spec's own (its own
 * labels name the spec); this spec's containers that left it (for this host) are orphans,
 * removed with --prune only; anything else is never touched, and one that sits on a network
 * apply must remove or recreate blocks the plan.
 */
export function planContainers(desired: Desired, idx: ObservedIndex, nets: NetworkPlan, apiVersion: string | undefined, opts: PlanOptions = {}): ContainerPlan {
  const p: ContainerPlan = { removes: [], disconnects: [], recreates: [], creates: [], reconnects: [], connects: [], starts: [], afterRemovals: [], unchanged: [], conflicts: [], orphans: [], warnings: [] };
  const wanted = new Map(desired.containers.map((c) => [c.def.name, c.def] as const));

  for (const c of [...idx.host.containers].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (wanted.has(c.name) || containerOwner(c, idx.spec).kind !== 'mine') continue;
    const reason = "this spec's container, no longer in the spec for this host";
    if (opts.prune) p.removes.push({ kind: 'removeContainer', container: c.name, id: c.id, reason });
    else p.orphans.push({ kind: 'container', name: c.name, id: c.id, reason });
  }
  const removed = new Set(p.removes.map((r) => r.id));
  const orphaned = new Set(p.orphans.map((o) => o.id));

  // Containers with only static addresses go first: Docker allocates a dynamic address at start,
  // and a dynamic container started earlier can take a static address inside the ip_range
  // ("Address already in use", seen on 20.10; MV405 warns about the same race).
  const staticFirst = [...desired.containers].sort((a, b) => Number(hasDynamic(a.def)) - Number(hasDynamic(b.def)));
  for (const { def } of staticFirst) planOne(def, idx, nets, opts, p);
  placeByAddress(idx, nets, removed, orphaned, p);
  fillNetworkMembers(wanted, idx, nets, removed, orphaned, p);
  macWarnings(desired.containers.map((c) => c.def), apiVersion, p);
  return p;
}

function hasDynamic(def: ContainerDef): boolean {
  return def.attachments.some((a) => !a.ipv4);
}

function planOne(def: ContainerDef, idx: ObservedIndex, nets: NetworkPlan, opts: PlanOptions, p: ContainerPlan): void {
  const name = def.name;
  const o = idx.containersByName.get(name);
  const pull = idx.host.images?.[def.image] === false;
  const conflict = (message: string, fix?: 'adopt') => p.conflicts.push({ kind: 'container', name, message, ...(fix ? { fix } : {}) });
  if (!def.image) {
    conflict(`container ${name} has no image: add image: to it`);
    return;
  }
  if (!o) {
    p.creates.push({ kind: 'createContainer', container: name, def, pull });
    return;
  }
  const owner = containerOwner(o, idx.spec);
  if (owner.kind === 'spec') {
    conflict(`container ${name} (id ${short(o.id)}) belongs to spec ${owner.spec} (label ${SPEC_LABEL}=${owner.spec}); apply never changes another spec's containers — give this spec's container another name, or take it out of spec ${owner.spec} first`);
    return;
  }
  if (owner.kind === 'legacy' && opts.adopt) {
    const reasons = [...containerReasons(def, o), `claimed for spec ${idx.spec} (--adopt): recreated to carry ${SPEC_LABEL}=${idx.spec}`];
    p.recreates.push({ kind: 'recreateContainer', container: name, id: o.id, wasRunning: o.state === 'running', def, reasons, pull, claim: true });
    return;
  }
  if (owner.kind === 'legacy' || owner.kind === 'none') {
    const differs = unmanagedDiff(def, o, nets);
    if (differs.length === 0) {
      p.unchanged.push({ kind: 'container', name, id: o.id, state: owner.kind === 'legacy' ? 'legacy' : 'adopted' });
      return;
    }
    if (owner.kind === 'legacy') {
      conflict(`container ${name} (id ${short(o.id)}) was made by an older macvlan-spec (no spec name on it), so nothing says it is spec ${idx.spec}'s, and it differs from the spec (${differs.join('; ')}); run apply --adopt to claim it (it is recreated with this spec's label)`, 'adopt');
      return;
    }
    conflict(`a container named ${name} (id ${short(o.id)}, image ${o.image}) exists on the host but was not created by macvlan-spec, and differs from the spec (${differs.join('; ')}); apply never changes it — make the spec match it, rename the spec's container, or remove the existing one yourself`);
    return;
  }
  if (o.labels[HASH_LABEL] !== def.labels[HASH_LABEL]) {
    p.recreates.push({ kind: 'recreateContainer', container: name, id: o.id, wasRunning: o.state === 'running', def, reasons: containerReasons(def, o), pull });
    return;
  }
  let changed = false;
  for (const a of def.attachments) {
    const fate = nets.fate.get(a.network);
    if (fate === 'recreate' || fate === 'conflict') continue; // reattached with the network / blocked
    const have = o.networks.find((n) => n.network === a.network);
    if (!have || fate === 'create') {
      p.connects.push({ kind: 'connect', container: name, containerId: o.id, attach: a });
      changed = true;
      continue;
    }
    const old = attachOf(have.network, have.staticIpv4, have.staticIpv6);
    if (!sameAddr(old, a)) {
      p.reconnects.push({ kind: 'reconnect', container: name, containerId: o.id, old, attach: a, reasons: [`${a.network}: ${showAttach(old)} → ${showAttach(a)}`] });
      changed = true;
    }
  }
  for (const have of o.networks) {
    if (def.attachments.some((a) => a.network === have.network)) continue;
    const fate = nets.fate.get(have.network);
    const net = idx.networksByName.get(have.network);
    const ours = net?.length === 1 && nets.owners.get(net[0].id)?.kind === 'mine';
    const goes = ours && nets.removes.some((r) => r.id === net[0].id);
    if (ours && !goes && fate !== 'recreate' && fate !== 'conflict') {
      const old = attachOf(have.network, have.staticIpv4, have.staticIpv6);
      p.disconnects.push({ kind: 'disconnect', container: name, containerId: o.id, network: have.network, old, reason: `the spec no longer puts ${name} on ${have.network}` });
      changed = true;
    } else if (fate === undefined && !ours) {
      p.warnings.push(`container ${name} stays on ${have.network}, a network this spec does not own`);
    }
  }
  if (o.state !== 'running') {
    p.starts.push({ kind: 'startContainer', container: name, id: o.id, state: o.state });
    changed = true;
  }
  if (!changed) p.unchanged.push({ kind: 'container', name, id: o.id, state: 'owned' });
}

/**
 * A static address on a network that stays must be free. This spec's orphan holding it is
 * --prune's to remove (the create then waits for the removals); a container of anyone else
 * holding it is a conflict, as Docker would refuse the create ("Address already in use").
 */
function placeByAddress(idx: ObservedIndex, nets: NetworkPlan, removed: Set<string>, orphaned: Set<string>, p: ContainerPlan): void {
  const holders = new Map<string, ContainerDetail>();
  for (const c of idx.host.containers) {
    for (const n of c.networks) {
      for (const a of [n.staticIpv4, n.ipv4, n.staticIpv6, n.ipv6]) if (a) holders.set(`${n.network}|${normAddr(a)}`, c);
    }
  }
  const late = new Set<Step>();
  const leaving = new Set(p.disconnects.map((d) => `${d.network}|${d.containerId}`));
  const check = (step: StepOf<'createContainer' | 'connect' | 'reconnect'>, name: string, attaches: Attach[]) => {
    for (const a of attaches) {
      if (nets.fate.get(a.network) !== 'unchanged') continue;
      for (const addr of [a.ipv4, a.ipv6]) {
        const h = addr ? holders.get(`${a.network}|${addr}`) : undefined;
        if (!h || h.name === name) continue;
        if (removed.has(h.id) || leaving.has(`${a.network}|${h.id}`)) late.add(step);
        else if (orphaned.has(h.id)) {
          p.conflicts.push({ kind: 'container', name, message: `${a.network} ${addr} is held by container ${h.name} — this spec's container, no longer in the spec (an orphan); run apply --prune to remove it first`, fix: 'prune' });
        } else {
          const owner = containerOwner(h, idx.spec);
          if (owner.kind === 'mine') continue;
          p.conflicts.push({ kind: 'container', name, message: `${a.network} ${addr} is held by container ${h.name} (${ownerText(owner)}), which apply never changes — pick another address` });
        }
      }
    }
  };
  for (const s of p.creates) check(s, s.container, s.def.attachments);
  for (const s of p.connects) check(s, s.container, [s.attach]);
  for (const s of p.reconnects) check(s, s.container, [s.attach]);
  const blocked = new Set(p.conflicts.map((c) => c.name));
  const keep = <T extends StepOf<'createContainer' | 'connect' | 'reconnect'>>(list: T[]): T[] => {
    for (const s of list) if (late.has(s) && !blocked.has(s.container)) p.afterRemovals.push(s);
    return list.filter((s) => !late.has(s) && !blocked.has(s.container));
  };
  p.creates = keep(p.creates);
  p.connects = keep(p.connects);
  p.reconnects = keep(p.reconnects);
}

/**
 * What keeps an unmanaged container from counting as the spec's: its image, and its place on
 * the spec's networks. (Command and env cannot be told from the image's without our hash.)
 */
function unmanagedDiff(def: ContainerDef, o: ContainerDetail, nets: NetworkPlan): string[] {
  const out: string[] = [];
  if (o.image !== def.image) out.push(`image ${o.image}, the spec says ${def.image}`);
  if (o.state !== 'running') out.push(`it is ${o.state}`);
  for (const a of def.attachments) {
    const have = o.networks.find((n) => n.network === a.network);
    const old = have && attachOf(have.network, have.staticIpv4, have.staticIpv6);
    if (!old) out.push(`not on ${a.network}`);
    else if (!sameAddr(old, a)) out.push(`${a.network} ${showAttach(old)}, the spec says ${showAttach(a)}`);
  }
  for (const n of o.networks) {
    if (nets.fate.has(n.network) && !def.attachments.some((a) => a.network === n.network)) out.push(`also on ${n.network}`);
  }
  return out;
}

/** Detach lists of removed networks and reattach lists of recreated ones. */
function fillNetworkMembers(wanted: Map<string, ContainerDef>, idx: ObservedIndex, nets: NetworkPlan, removed: Set<string>, orphaned: Set<string>, p: ContainerPlan): void {
  const blocked = (network: string, what: string, m: Member) =>
    p.conflicts.push({
      kind: 'network',
      name: network,
      message: `network ${network} must be ${what}, but container ${m.name} (id ${short(m.id)}, ${ownerText(m.owner)}) is attached to it; apply never touches another owner's container — disconnect it yourself (\`docker network disconnect ${network} ${m.name}\`) or add it to this spec`,
    });
  for (const step of nets.removes) {
    const net = idx.host.networks.find((n) => n.id === step.id);
    for (const m of net ? idx.members(net) : []) {
      if (m.owner.kind !== 'mine') blocked(step.network, 'removed', m);
      // A pruned container is removed first (it steps aside, so it is detached too: its undo reconnects it).
      else step.detach.push({ container: m.name, containerId: m.id, old: m.attach });
    }
  }
  const recreates = [...nets.recreates, ...nets.afterRemovals.filter((s): s is Extract<Step, { kind: 'recreateNetwork' }> => s.kind === 'recreateNetwork')];
  for (const step of recreates) {
    for (const m of idx.members(step.old)) {
      if (m.owner.kind !== 'mine') {
        blocked(step.network, `recreated (${step.reasons.join('; ')})`, m);
        continue;
      }
      // Pruned: removed after the recreate, so it is not put back; a kept orphan stays where it was.
      const next = removed.has(m.id) ? undefined : orphaned.has(m.id) ? m.attach : wanted.get(m.name)?.attachments.find((a) => a.network === step.network);
      step.reattach.push({ container: m.name, containerId: m.id, old: m.attach, next });
    }
  }
}

function macWarnings(defs: ContainerDef[], apiVersion: string | undefined, p: ContainerPlan): void {
  if (apiVersion === undefined || apiAtLeast(apiVersion, 1, 44)) return;
  for (const d of defs) {
    for (const a of d.attachments.slice(1)) {
      if (a.mac) {
        p.warnings.push(`container ${d.name}: mac_address on ${a.network} (not its first network) needs Docker API 1.44 (Engine 25); this host speaks ${apiVersion} and will give that interface a random MAC`);
      }
    }
  }
}

export function apiAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  return Number(m[1]) > major || (Number(m[1]) === major && Number(m[2]) >= minor);
}
