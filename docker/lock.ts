import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DockerError } from './errors';
import type { DockerHost } from './types';

/**
 * Host-wide apply lock: a Docker volume named macvlan-spec-lock. Volume create is atomic per
 * name in the daemon and, when the name exists, returns the existing volume with its labels;
 * so whoever finds its own token in the answer holds the lock. It lives in the daemon, so it
 * works across processes, machines and transports (unix, tcp, ssh), unlike a lock file, and
 * it costs an empty directory — unlike a network (which needs a driver, a parent or a pool)
 * or a container (which needs an image).
 */
export const LOCK_VOLUME = 'macvlan-spec-lock';
const TOKEN = 'io.macvlan-spec.lock.token';
const PID = 'io.macvlan-spec.lock.pid';
const MACHINE = 'io.macvlan-spec.lock.machine';
const SINCE = 'io.macvlan-spec.lock.since';

/** Tokens this process holds: a lock of our own pid that is not here was left by a failed apply. */
const held = new Set<string>();

export interface HostLock {
  /** Removes the volume if it still carries our token. */
  release(): Promise<void>;
  /** Set when a stale lock (its process is gone) was removed first. */
  brokeStale?: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Only a lock taken on this machine can be proved stale; any other waits for a person. */
function isStale(labels: Record<string, string>): boolean {
  if (labels[MACHINE] !== os.hostname()) return false;
  const pid = Number(labels[PID]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !held.has(labels[TOKEN] ?? '');
  return !pidAlive(pid);
}

function describeHolder(labels: Record<string, string>): string {
  const since = labels[SINCE] ? new Date(labels[SINCE]) : undefined;
  const age = since && !Number.isNaN(since.getTime()) ? `, ${Math.max(0, Math.round((Date.now() - since.getTime()) / 1000))} s ago` : '';
  const who = labels[PID] ? `pid ${labels[PID]} on ${labels[MACHINE] ?? 'an unknown machine'}` : 'an unknown owner';
  return `taken by ${who}${age}`;
}

export async function acquireLock(host: DockerHost, signal?: AbortSignal): Promise<HostLock> {
  let brokeStale: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = randomUUID();
    const mine = { [TOKEN]: token, [PID]: String(process.pid), [MACHINE]: os.hostname(), [SINCE]: new Date().toISOString() };
    const v = await host.createVolume(LOCK_VOLUME, mine, signal);
    if (v.labels[TOKEN] === token) {
      held.add(token);
      return { release: () => release(host, token), brokeStale };
    }
    // Engine 20.10 answers a create of an existing volume with the labels it has in memory,
    // which are empty after a daemon restart; an inspect reads the stored ones.
    const holder = (await host.inspectVolume(LOCK_VOLUME, signal))?.labels ?? v.labels;
    if (attempt === 0 && isStale(holder)) {
      brokeStale = `removed a stale apply lock (${describeHolder(holder)}; that apply is gone)`;
      await host.removeVolume(LOCK_VOLUME, signal);
      continue;
    }
    throw new DockerError(
      'conflict',
      `another apply is running against ${host.target.url}: the lock (volume ${LOCK_VOLUME}) is ${describeHolder(holder)}; wait for it to finish and try again`,
      `if no apply is running (one crashed, or the daemon died mid-apply), remove the lock: docker volume rm ${LOCK_VOLUME}`,
    );
  }
  throw new DockerError('conflict', `could not take the apply lock on ${host.target.url}: it was taken again while a stale one was removed`, 'try again');
}

async function release(host: DockerHost, token: string): Promise<void> {
  held.delete(token);
  const v = await host.inspectVolume(LOCK_VOLUME);
  if (v?.labels[TOKEN] === token) await host.removeVolume(LOCK_VOLUME);
}
