import { HASH_LABEL, MANAGED_LABEL } from '../core/observed';
import { ownerOf, ownerText } from '../core/plan/ownership';
import type { Attach, ContainerDef, NetworkDef, NetworkDetail, Reattach, Step } from '../core/plan/types';
import { isNotFound } from './caller';
import { DockerError, toDockerError } from './errors';
import type { DockerHost, EndpointRequest } from './types';

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;

/** How to put back what a completed step changed; run in reverse step order after a later failure. */
export interface Undo {
  what: string;
  run(): Promise<void>;
}

export interface StepContext {
  host: DockerHost;
  /** The spec the plan is for: a step touches only what carries its name. */
  spec: string;
  /** For forward work only; undo runs without it, so a cancel still leaves the host whole. */
  signal?: AbortSignal;
  stopTimeout?: number;
  /** Something undone after a failure (for the report). */
  undone(what: string): void;
  /** An undo that failed: the host may now match neither the plan nor its state before. */
  undoFailed(what: string, err: unknown): void;
  /** Work kept for after the last step succeeds: removing what stepped aside for a recreate or a removal. */
  commit(what: string, fn: () => Promise<unknown>): void;
}

const ep = (a: Attach): EndpointRequest => ({ ipv4: a.ipv4, ipv6: a.ipv6, mac: a.mac });
const addr = (a: Attach) => [a.ipv4, a.ipv6].filter(Boolean).join(' ') || 'a dynamic address';

/** Runs an undo now, reporting it either way. */
export async function undo(ctx: StepContext, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
    ctx.undone(what);
  } catch (err) {
    ctx.undoFailed(what, err);
  }
}

/**
 * Last line of defence: the plan was made from a snapshot, so check the owner again. A claim
 * (--adopt) may take one of an older macvlan-spec; nothing may take another spec's or a hand-made one.
 */
async function assertOwnedNetwork(ctx: StepContext, id: string, name: string, claim = false): Promise<NetworkDetail> {
  const n = await ctx.host.inspectNetwork(id, ctx.signal);
  const owner = ownerOf(await ownLabels(ctx, n), ctx.spec);
  if (owner.kind !== 'mine' && !(claim && owner.kind === 'legacy')) {
    throw new DockerError('conflict', `network ${name} (${id.slice(0, 12)}) is not spec ${ctx.spec}'s (${ownerText(owner)}); apply does not touch it`);
  }
  return n;
}

/** A swarm network carries no labels of its own: those of the config-only network it is made from speak for it. */
async function ownLabels(ctx: StepContext, n: NetworkDetail): Promise<Record<string, string>> {
  if (n.configFrom === undefined) return n.labels;
  try {
    return (await ctx.host.inspectNetwork(n.configFrom, ctx.signal)).labels;
  } catch (err) {
    if (isNotFound(err)) return {};
    throw err;
  }
}

async function assertOwnedContainer(ctx: StepContext, id: string, name: string, claim = false): Promise<void> {
  const c = await ctx.host.inspectContainer(id, ctx.signal);
  const image = c.imageId ? await ctx.host.imageDefaults(c.imageId, ctx.signal) : undefined;
  const owner = ownerOf(c.labels, ctx.spec, image?.labels);
  if (owner.kind !== 'mine' && !(claim && owner.kind === 'legacy')) {
    throw new DockerError('conflict', `container ${name} (${id.slice(0, 12)}) is not spec ${ctx.spec}'s (${ownerText(owner)}); apply does not touch it`);
  }
}

/** An undo of one action, reported as done or failed when it runs. */
const once = (ctx: StepContext, what: string, fn: () => Promise<unknown>): Undo => ({ what, run: () => undo(ctx, what, fn) });

/** The definition a network had, to put it back after a failed recreate. */
export function defOf(n: NetworkDetail): NetworkDef {
  const def: NetworkDef = { name: n.name, driver: n.driver, options: n.options, ipam: n.ipam, enableIPv6: n.enableIPv6, internal: n.internal, labels: n.labels };
  if (n.configOnly) def.configOnly = true;
  if (n.scope === 'swarm') Object.assign(def, { scope: 'swarm', attachable: n.attachable === true, configFrom: n.configFrom });
  return def;
}

/**
 * A create that timed out or was cancelled may still have happened in the daemon: look, and
 * remove what carries this definition's hash, so no half-applied network stays behind.
 */
async function removeIfCreated(ctx: StepContext, def: NetworkDef, err: unknown): Promise<void> {
  if (!(err instanceof DockerError) || (err.kind !== 'timeout' && err.kind !== 'cancelled')) return;
  try {
    const n = await ctx.host.inspectNetwork(def.name);
    const ours = def.scope === 'swarm' ? n.scope === 'swarm' && n.configFrom === def.configFrom : n.labels[HASH_LABEL] === def.labels[HASH_LABEL] && n.labels[MANAGED_LABEL] === 'true';
    if (ours) {
      await undo(ctx, `removed network ${def.name}, whose create did not answer in time`, () => ctx.host.removeNetwork(n.id));
    }
  } catch {
    // not there (or the daemon is gone): nothing we can remove
  }
}

/** Puts a removed network back as it was, with the containers that were on it at their old addresses. */
async function restoreNetwork(ctx: StepContext, old: NetworkDetail, members: Reattach[]): Promise<void> {
  let restored: string | undefined;
  await undo(ctx, `restored network ${old.name} as it was`, async () => {
    restored = await ctx.host.createNetwork(defOf(old));
  });
  const rid = restored;
  if (rid !== undefined) for (const m of members) await undo(ctx, `reconnected ${m.container} to ${old.name} at ${addr(m.old)}`, () => ctx.host.connect(rid, m.containerId, ep(m.old)));
}

async function createNetwork(ctx: StepContext, step: StepOf<'createNetwork'>): Promise<Undo> {
  let id: string;
  try {
    id = await ctx.host.createNetwork(step.def, ctx.signal);
  } catch (err) {
    await removeIfCreated(ctx, step.def, err);
    throw err;
  }
  return once(ctx, `removed the new network ${step.network}`, () => ctx.host.removeNetwork(id));
}

async function removeNetwork(ctx: StepContext, step: StepOf<'removeNetwork'>): Promise<Undo> {
  const old = await assertOwnedNetwork(ctx, step.id, step.network);
  const detached: Reattach[] = [];
  try {
    for (const m of step.detach) {
      await ctx.host.disconnect(step.id, m.containerId, false, ctx.signal);
      detached.push(m);
    }
    await ctx.host.removeNetwork(step.id, ctx.signal);
  } catch (err) {
    for (const m of detached.reverse()) await undo(ctx, `reconnected ${m.container} to ${step.network}`, () => ctx.host.connect(step.id, m.containerId, ep(m.old)));
    throw err;
  }
  return { what: `network ${step.network}`, run: () => restoreNetwork(ctx, old, step.detach) };
}

/**
 * Disconnect everyone, remove, create anew, reconnect at the new addresses. On a failure at any
 * point — in this step or a later one — the old network comes back (same definition and labels;
 * Docker gives it a new id) with its containers at their old addresses.
 */
async function recreateNetwork(ctx: StepContext, step: StepOf<'recreateNetwork'>): Promise<Undo> {
  const { host } = ctx;
  const old = await assertOwnedNetwork(ctx, step.old.id, step.network, step.claim);
  const detached: Reattach[] = [];
  const reattached: Reattach[] = [];
  let removed = false;
  let newId: string | undefined;
  const putBack = async () => {
    const id = newId;
    if (id !== undefined) {
      for (const m of [...reattached].reverse()) await undo(ctx, `disconnected ${m.container} from the new ${step.network}`, () => host.disconnect(id, m.containerId, true));
      await undo(ctx, `removed the new network ${step.network}`, () => host.removeNetwork(id));
    }
    if (removed) await restoreNetwork(ctx, old, detached);
    else for (const m of [...detached].reverse()) await undo(ctx, `reconnected ${m.container} to ${step.network} at ${addr(m.old)}`, () => host.connect(step.old.id, m.containerId, ep(m.old)));
  };
  try {
    for (const m of step.reattach) {
      await host.disconnect(step.old.id, m.containerId, false, ctx.signal);
      detached.push(m);
    }
    await host.removeNetwork(step.old.id, ctx.signal);
    removed = true;
    try {
      newId = await host.createNetwork(step.def, ctx.signal);
    } catch (err) {
      await removeIfCreated(ctx, step.def, err);
      throw err;
    }
    for (const m of step.reattach) {
      if (!m.next) continue;
      await host.connect(newId, m.containerId, ep(m.next), ctx.signal);
      reattached.push(m);
    }
  } catch (err) {
    await putBack();
    throw err;
  }
  return { what: `network ${step.network}`, run: putBack };
}

/** Create on the first network, connect the others, start; remove it again on any failure. */
async function buildContainer(ctx: StepContext, def: ContainerDef): Promise<string> {
  const { host } = ctx;
  const [first, ...rest] = def.attachments;
  const id = await host.createContainer(
    { name: def.name, image: def.image, command: def.command, env: def.env, restart: def.restart, labels: def.labels, network: first ? { name: first.network, ...ep(first) } : undefined, stopTimeout: ctx.stopTimeout },
    ctx.signal,
  );
  try {
    for (const a of rest) await host.connect(a.network, id, ep(a), ctx.signal);
    await host.startContainer(id, ctx.signal);
  } catch (err) {
    await undo(ctx, `removed the new container ${def.name}`, () => host.removeContainer(id, { force: true }));
    throw err;
  }
  return id;
}

async function createContainer(ctx: StepContext, step: StepOf<'createContainer'>): Promise<Undo> {
  await ctx.host.pullImage(step.def.image, ctx.signal);
  const id = await buildContainer(ctx, step.def);
  return once(ctx, `removed the new container ${step.container}`, () => ctx.host.removeContainer(id, { force: true }));
}

/**
 * A container steps aside: renamed, and stopped (which frees its static addresses). Until the
 * apply succeeds it can come back as it was; `commit` removes it after the last step.
 */
async function stepAside(ctx: StepContext, id: string, name: string, suffix: string, wasRunning: boolean): Promise<() => Promise<void>> {
  const { host } = ctx;
  const aside = `${name}.macvlan-spec-${suffix}`;
  await host.renameContainer(id, aside, ctx.signal);
  const back = async () => {
    await undo(ctx, `renamed the old ${name} back`, () => host.renameContainer(id, name));
    if (wasRunning) await undo(ctx, `started the old ${name} again`, () => host.startContainer(id));
  };
  try {
    if (wasRunning) await host.stopContainer(id, undefined, ctx.signal);
  } catch (err) {
    await back();
    throw err;
  }
  ctx.commit(`remove the old ${name} (kept stopped as ${aside} until now)`, () => host.removeContainer(id, { force: true }));
  return back;
}

async function recreateContainer(ctx: StepContext, step: StepOf<'recreateContainer'>): Promise<Undo> {
  const { host } = ctx;
  await host.pullImage(step.def.image, ctx.signal);
  await assertOwnedContainer(ctx, step.id, step.container, step.claim);
  const back = await stepAside(ctx, step.id, step.container, 'old', step.wasRunning);
  let id: string;
  try {
    id = await buildContainer(ctx, step.def);
  } catch (err) {
    await back();
    throw err;
  }
  return {
    what: `container ${step.container}`,
    run: async () => {
      await undo(ctx, `removed the new container ${step.container}`, () => host.removeContainer(id, { force: true }));
      await back();
    },
  };
}

async function removeContainer(ctx: StepContext, step: StepOf<'removeContainer'>): Promise<Undo> {
  await assertOwnedContainer(ctx, step.id, step.container);
  const c = await ctx.host.inspectContainer(step.id, ctx.signal);
  const back = await stepAside(ctx, step.id, step.container, 'removed', c.state === 'running');
  return { what: `container ${step.container}`, run: back };
}

async function reconnect(ctx: StepContext, step: StepOf<'reconnect'>): Promise<Undo> {
  const net = step.attach.network;
  const backToOld = () => ctx.host.connect(net, step.containerId, ep(step.old));
  await ctx.host.disconnect(net, step.containerId, false, ctx.signal);
  try {
    await ctx.host.connect(net, step.containerId, ep(step.attach), ctx.signal);
  } catch (err) {
    await undo(ctx, `reconnected ${step.container} to ${net} at ${addr(step.old)}`, backToOld);
    throw err;
  }
  return {
    what: `${step.container} on ${net}`,
    run: async () => {
      await undo(ctx, `disconnected ${step.container} from ${net} at ${addr(step.attach)}`, () => ctx.host.disconnect(net, step.containerId, true));
      await undo(ctx, `reconnected ${step.container} to ${net} at ${addr(step.old)}`, backToOld);
    },
  };
}

/** Does one step (undoing its own partial work if it fails) and says how to undo it later. */
export async function runStep(ctx: StepContext, step: Step): Promise<Undo> {
  const { host, signal } = ctx;
  switch (step.kind) {
    case 'removeContainer':
      return removeContainer(ctx, step);
    case 'disconnect':
      await host.disconnect(step.network, step.containerId, false, signal);
      return once(ctx, `reconnected ${step.container} to ${step.network} at ${addr(step.old)}`, () => host.connect(step.network, step.containerId, ep(step.old)));
    case 'removeNetwork':
      return removeNetwork(ctx, step);
    case 'recreateNetwork':
      return recreateNetwork(ctx, step);
    case 'createNetwork':
      return createNetwork(ctx, step);
    case 'recreateContainer':
      return recreateContainer(ctx, step);
    case 'createContainer':
      return createContainer(ctx, step);
    case 'reconnect':
      return reconnect(ctx, step);
    case 'connect':
      await host.connect(step.attach.network, step.containerId, ep(step.attach), signal);
      return once(ctx, `disconnected ${step.container} from ${step.attach.network}`, () => host.disconnect(step.attach.network, step.containerId, true));
    case 'startContainer':
      await host.startContainer(step.id, signal);
      return once(ctx, `stopped ${step.container} again (it was ${step.state})`, () => host.stopContainer(step.id));
  }
}

export function asDockerError(err: unknown, target: string, what: string): DockerError {
  return err instanceof DockerError ? err : toDockerError(err, { what, target });
}
