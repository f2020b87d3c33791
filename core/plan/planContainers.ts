import { HASH_LABEL } from '../observed';
import { containerReasons } from './containerReasons';
import type { Desired } from './desired';
import { attachOf, isManaged, type ObservedIndex } from './observedIndex';
import type { NetworkPlan } from './planNetworks';
import type { Attach, Conflict, ContainerDef, ContainerDetail, Step, Unchanged } from './types';

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;

export interface ContainerPlan {
  removes: StepOf<'removeContainer'>[];
  disconnects: StepOf<'disconnect'>[];
  recreates: StepOf<'recreateContainer'>[];
  creates: StepOf<'createContainer'>[];
  reconnects: StepOf<'reconnect'>[];
  connects: StepOf<'connect'>[];
  starts: StepOf<'startContainer'>[];
  unchanged: Unchanged[];
  conflicts: Conflict[];
  warnings: string[];
}

const short = (id: string) => id.slice(0, 12);
const sameAddr = (a: Attach, b: Attach) => a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6;
const showAttach = (a: Attach) => [a.ipv4, a.ipv6].filter(Boolean).join(' ') || 'dynamic';

/**
 * Containers, and who gets detached from / reattached to networks that go or are recreated.
 * Policy: a container is created, changed or removed only when it carries our label; a managed
 * container that left the spec (for this host) is removed; an unmanaged one is never touched,
 * and one that sits on a network apply must remove or recreate blocks the plan.
 */
export function planContainers(desired: Desired, idx: ObservedIndex, nets: NetworkPlan, apiVersion: string | undefined): ContainerPlan {
  const p: ContainerPlan = { removes: [], disconnects: [], recreates: [], creates: [], reconnects: [], connects: [], starts: [], unchanged: [], conflicts: [], warnings: [] };
  const wanted = new Map(desired.containers.map((c) => [c.def.name, c.def] as const));

  for (const c of [...idx.host.containers].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (isManaged(c.labels) && !wanted.has(c.name)) {
      p.removes.push({ kind: 'removeContainer', container: c.name, id: c.id, reason: 'managed container that is no longer in the spec for this host' });
    }
  }
  const removed = new Set(p.removes.map((r) => r.id));

  // Containers with only static addresses go first: Docker allocates a dynamic address at start,
  // and a dynamic container started earlier can take a static address inside the ip_range
  // ("Address already in use", seen on 20.10; MV405 warns about the same race).
  const staticFirst = [...desired.containers].sort((a, b) => Number(hasDynamic(a.def)) - Number(hasDynamic(b.def)));
  for (const { def } of staticFirst) planOne(def, idx, nets, p);
  fillNetworkMembers(wanted, idx, nets, removed, p);
  macWarnings(desired.containers.map((c) => c.def), apiVersion, p);
  return p;
}

function hasDynamic(def: ContainerDef): boolean {
  return def.attachments.some((a) => !a.ipv4);
}

function planOne(def: ContainerDef, idx: ObservedIndex, nets: NetworkPlan, p: ContainerPlan): void {
  const name = def.name;
  const o = idx.containersByName.get(name);
  const pull = idx.host.images?.[def.image] === false;
  if (!def.image) {
    p.conflicts.push({ kind: 'container', name, message: `container ${name} has no image: add image: to it` });
    return;
  }
  if (!o) {
    p.creates.push({ kind: 'createContainer', container: name, def, pull });
    return;
  }
  if (!isManaged(o.labels)) {
    const differs = unmanagedDiff(def, o, nets);
    if (differs.length === 0) {
      p.unchanged.push({ kind: 'container', name, id: o.id, managed: false });
      return;
    }
    p.conflicts.push({
      kind: 'container',
      name,
      message: `a container named ${name} (id ${short(o.id)}, image ${o.image}) exists on the host but was not created by macvlan-spec, and differs from the spec (${differs.join('; ')}); apply never changes it — make the spec match it, rename the spec's container, or remove the existing one yourself`,
    });
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
    if (fate === 'unchanged' && net?.length === 1 && isManaged(net[0].labels)) {
      const old = attachOf(have.network, have.staticIpv4, have.staticIpv6);
      p.disconnects.push({ kind: 'disconnect', container: name, containerId: o.id, network: have.network, old, reason: `the spec no longer puts ${name} on ${have.network}` });
      changed = true;
    } else if (fate === undefined && !(net && net.length === 1 && isManaged(net[0].labels))) {
      p.warnings.push(`container ${name} stays on ${have.network}, a network the spec does not manage`);
    }
  }
  if (o.state !== 'running') {
    p.starts.push({ kind: 'startContainer', container: name, id: o.id, state: o.state });
    changed = true;
  }
  if (!changed) p.unchanged.push({ kind: 'container', name, id: o.id, managed: true });
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
function fillNetworkMembers(wanted: Map<string, ContainerDef>, idx: ObservedIndex, nets: NetworkPlan, removed: Set<string>, p: ContainerPlan): void {
  const blocked = (network: string, what: string, member: string, id: string) =>
    p.conflicts.push({
      kind: 'network',
      name: network,
      message: `network ${network} must be ${what}, but container ${member} (id ${short(id)}), which macvlan-spec does not manage, is attached to it; apply never touches that container — disconnect it yourself (\`docker network disconnect ${network} ${member}\`) or add it to the spec`,
    });
  for (const step of nets.removes) {
    const net = idx.host.networks.find((n) => n.id === step.id);
    for (const m of net ? idx.members(net) : []) {
      if (removed.has(m.id)) continue;
      if (!m.managed) blocked(step.network, 'removed', m.name, m.id);
      else step.detach.push({ container: m.name, containerId: m.id, old: m.attach });
    }
  }
  for (const step of nets.recreates) {
    for (const m of idx.members(step.old)) {
      if (removed.has(m.id)) continue;
      if (!m.managed) {
        blocked(step.network, `recreated (${step.reasons.join('; ')})`, m.name, m.id);
        continue;
      }
      const next = wanted.get(m.name)?.attachments.find((a) => a.network === step.network);
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
