import { HASH_LABEL, MANAGED_LABEL } from '../core/observed';
import type { Attach, ContainerDef, NetworkDef, NetworkDetail, Reattach, Step } from '../core/plan/types';
import { DockerError, toDockerError } from './errors';
import type { DockerHost, EndpointRequest } from './types';

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;

export interface StepContext {
  host: DockerHost;
  /** For forward work only; undo runs without it, so a cancel still leaves the host whole. */
  signal?: AbortSignal;
  stopTimeout?: number;
  /** Something undone after a failure (for the report). */
  undone(what: string): void;
  /** An undo that failed: the host may now match neither the plan nor its state before. */
  undoFailed(what: string, err: unknown): void;
}

const ep = (a: Attach): EndpointRequest => ({ ipv4: a.ipv4, ipv6: a.ipv6, mac: a.mac });

async function undo(ctx: StepContext, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
    ctx.undone(what);
  } catch (err) {
    ctx.undoFailed(what, err);
  }
}

/** Last line of defence: the plan was made from a snapshot, so check the label again. */
async function assertManagedNetwork(ctx: StepContext, id: string, name: string): Promise<NetworkDetail> {
  const n = await ctx.host.inspectNetwork(id, ctx.signal);
  if (n.labels[MANAGED_LABEL] !== 'true') throw new DockerError('conflict', `network ${name} (${id.slice(0, 12)}) is not managed by macvlan-spec; apply does not touch it`);
  return n;
}

async function assertManagedContainer(ctx: StepContext, id: string, name: string): Promise<void> {
  const c = await ctx.host.inspectContainer(id, ctx.signal);
  if (c.labels[MANAGED_LABEL] !== 'true') throw new DockerError('conflict', `container ${name} (${id.slice(0, 12)}) is not managed by macvlan-spec; apply does not touch it`);
}

/** The definition a network had, to put it back after a failed recreate. */
export function defOf(n: NetworkDetail): NetworkDef {
  return { name: n.name, driver: n.driver, options: n.options, ipam: n.ipam, enableIPv6: n.enableIPv6, internal: n.internal, labels: n.labels };
}

/**
 * A create that timed out or was cancelled may still have happened in the daemon: look, and
 * remove what carries this definition's hash, so no half-applied network stays behind.
 */
async function removeIfCreated(ctx: StepContext, def: NetworkDef, err: unknown): Promise<void> {
  if (!(err instanceof DockerError) || (err.kind !== 'timeout' && err.kind !== 'cancelled')) return;
  try {
    const n = await ctx.host.inspectNetwork(def.name);
    if (n.labels[HASH_LABEL] === def.labels[HASH_LABEL] && n.labels[MANAGED_LABEL] === 'true') {
      await undo(ctx, `removed network ${def.name}, whose create did not answer in time`, () => ctx.host.removeNetwork(n.id));
    }
  } catch {
    // not there (or the daemon is gone): nothing we can remove
  }
}

async function createNetwork(ctx: StepContext, step: StepOf<'createNetwork'>): Promise<void> {
  try {
    await ctx.host.createNetwork(step.def, ctx.signal);
  } catch (err) {
    await removeIfCreated(ctx, step.def, err);
    throw err;
  }
}

async function removeNetwork(ctx: StepContext, step: StepOf<'removeNetwork'>): Promise<void> {
  await assertManagedNetwork(ctx, step.id, step.network);
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
}

/**
 * Disconnect everyone, remove, create anew, reconnect at the new addresses. On a failure at any
 * point the old network comes back (same definition and labels; Docker gives it a new id) with
 * its containers at their old addresses.
 */
async function recreateNetwork(ctx: StepContext, step: StepOf<'recreateNetwork'>): Promise<void> {
  const { host } = ctx;
  await assertManagedNetwork(ctx, step.old.id, step.network);
  const detached: Reattach[] = [];
  const reattached: Reattach[] = [];
  let removed = false;
  let newId: string | undefined;
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
    const id = newId;
    if (id !== undefined) {
      for (const m of reattached.reverse()) await undo(ctx, `disconnected ${m.container} from the new ${step.network}`, () => host.disconnect(id, m.containerId, true));
      await undo(ctx, `removed the new network ${step.network}`, () => host.removeNetwork(id));
    }
    if (removed) {
      let restored: string | undefined;
      await undo(ctx, `restored network ${step.network} as it was`, async () => {
        restored = await host.createNetwork(defOf(step.old));
      });
      const rid = restored;
      if (rid !== undefined) for (const m of detached) await undo(ctx, `reconnected ${m.container} to ${step.network} at ${addr(m.old)}`, () => host.connect(rid, m.containerId, ep(m.old)));
    } else {
      for (const m of detached.reverse()) await undo(ctx, `reconnected ${m.container} to ${step.network} at ${addr(m.old)}`, () => host.connect(step.old.id, m.containerId, ep(m.old)));
    }
    throw err;
  }
}

const addr = (a: Attach) => [a.ipv4, a.ipv6].filter(Boolean).join(' ') || 'a dynamic address';

/** Create on the first network, connect the others, start; remove it again on any failure. */
async function buildContainer(ctx: StepContext, def: ContainerDef): Promise<void> {
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
}

async function createContainer(ctx: StepContext, step: StepOf<'createContainer'>): Promise<void> {
  await ctx.host.pullImage(step.def.image, ctx.signal);
  await buildContainer(ctx, step.def);
}

/**
 * The old container steps aside (renamed, stopped: that frees its static addresses) while the
 * new one is built; it is removed only once the new one runs, and comes back otherwise.
 */
async function recreateContainer(ctx: StepContext, step: StepOf<'recreateContainer'>): Promise<void> {
  const { host } = ctx;
  await host.pullImage(step.def.image, ctx.signal);
  await assertManagedContainer(ctx, step.id, step.container);
  const aside = `${step.container}.macvlan-spec-old`;
  await host.renameContainer(step.id, aside, ctx.signal);
  try {
    if (step.wasRunning) await host.stopContainer(step.id, undefined, ctx.signal);
    await buildContainer(ctx, step.def);
  } catch (err) {
    await undo(ctx, `renamed the old ${step.container} back`, () => host.renameContainer(step.id, step.container));
    if (step.wasRunning) await undo(ctx, `started the old ${step.container} again`, () => host.startContainer(step.id));
    throw err;
  }
  await host.removeContainer(step.id, { force: true });
}

async function reconnect(ctx: StepContext, step: StepOf<'reconnect'>): Promise<void> {
  const net = step.attach.network;
  await ctx.host.disconnect(net, step.containerId, false, ctx.signal);
  try {
    await ctx.host.connect(net, step.containerId, ep(step.attach), ctx.signal);
  } catch (err) {
    await undo(ctx, `reconnected ${step.container} to ${net} at ${addr(step.old)}`, () => ctx.host.connect(net, step.containerId, ep(step.old)));
    throw err;
  }
}

export async function runStep(ctx: StepContext, step: Step): Promise<void> {
  const { host, signal } = ctx;
  switch (step.kind) {
    case 'removeContainer':
      await assertManagedContainer(ctx, step.id, step.container);
      return host.removeContainer(step.id, { force: true }, signal);
    case 'disconnect':
      return host.disconnect(step.network, step.containerId, false, signal);
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
      return host.connect(step.attach.network, step.containerId, ep(step.attach), signal);
    case 'startContainer':
      return host.startContainer(step.id, signal);
  }
}

export function asDockerError(err: unknown, target: string, what: string): DockerError {
  return err instanceof DockerError ? err : toDockerError(err, { what, target });
}
