import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { DockerError } from './errors';
import { machineId, processStart } from './holder';
import type { DockerHost, VolumeInfo } from './types';

/**
 * Host-wide apply lock: a Docker volume named macvlan-spec-lock. Volume create is atomic per
 * name in the daemon and, when the name exists, returns the existing volume with its labels;
 * so whoever finds its own token in the answer holds the lock. It lives in the daemon, so it
 * works across processes, machines and transports (unix, tcp, ssh), unlike a lock file, and
 * it costs an empty directory — unlike a network (which needs a driver, a parent or a pool)
 * or a container (which needs an image).
 *
 * Who holds it: machine id + pid + that process's start time (a hostname is not an identity:
 * "ubuntu" and CI runners collide, and pids are reused). A lock of this machine is stale when
 * that process is gone. A lock of another machine is stale only when its lease ran out: the
 * holder renews it (a new lease volume) while it works, and the daemon's clock judges, so
 * clocks that disagree between machines do not matter. A stale lock is removed by
 * compare-and-delete: inspected again, removed only if it still carries the same token.
 */
export const LOCK_VOLUME = 'macvlan-spec-lock';
const LEASE_PREFIX = 'macvlan-spec-lease-';
const TOKEN = 'io.macvlan-spec.lock.token';
const PID = 'io.macvlan-spec.lock.pid';
const MACHINE = 'io.macvlan-spec.lock.machine';
const MACHINE_ID = 'io.macvlan-spec.lock.machine-id';
const STARTED = 'io.macvlan-spec.lock.process-start';
const SINCE = 'io.macvlan-spec.lock.since';
const LEASE = 'io.macvlan-spec.lock.lease-ms';
export const DEFAULT_LEASE_MS = 60_000;

/** Tokens this process holds: a lock of our own pid that is not here was left by a failed apply. */
const held = new Set<string>();

export interface HostLock {
  /** Stops renewing; removes the lease volumes and the lock if it still carries our token. */
  release(): Promise<void>;
  /** Why the lock can no longer be trusted (lease not renewed in time, or taken over); undefined while it holds. */
  lost(): string | undefined;
  /** Set when a stale lock was removed first. */
  brokeStale?: string;
}

export interface LockOptions {
  signal?: AbortSignal;
  /** Lease length; renewed every third of it. */
  leaseMs?: number;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder is provably gone: its process (on this machine) or its lease (anywhere). */
async function staleBecause(host: DockerHost, v: VolumeInfo, signal?: AbortSignal): Promise<string | undefined> {
  const labels = v.labels;
  const pid = Number(labels[PID]);
  if (labels[MACHINE_ID] !== undefined && labels[MACHINE_ID] === machineId() && Number.isInteger(pid) && pid > 0) {
    if (pid === process.pid && labels[STARTED] === processStart(pid)) return held.has(labels[TOKEN] ?? '') ? undefined : 'this process holds no such lock';
    if (!pidAlive(pid)) return `process ${pid} on this machine is gone`;
    const started = processStart(pid);
    if (started !== undefined && labels[STARTED] !== undefined && started !== labels[STARTED]) return `process ${pid} on this machine is another process now`;
    return undefined;
  }
  const lease = Number(labels[LEASE]);
  if (!Number.isFinite(lease) || lease <= 0 || !labels[TOKEN]) return undefined; // no lease: a person decides
  const leases = await host.listVolumes({ [TOKEN]: labels[TOKEN] }, signal);
  const renewed = Math.max(...[v, ...leases].map((x) => (x.createdAt ? Date.parse(x.createdAt) : NaN)).filter((t) => !Number.isNaN(t)));
  if (!Number.isFinite(renewed)) return undefined;
  const info = await host.info(signal);
  const now = info.systemTime ? Date.parse(info.systemTime) : NaN;
  if (Number.isNaN(now)) return undefined;
  return now - renewed > lease ? `its lease of ${Math.round(lease / 1000)} s was last renewed ${Math.round((now - renewed) / 1000)} s ago (daemon clock)` : undefined;
}

function describeHolder(labels: Record<string, string>): string {
  const since = labels[SINCE] ? new Date(labels[SINCE]) : undefined;
  const age = since && !Number.isNaN(since.getTime()) ? `, ${Math.max(0, Math.round((Date.now() - since.getTime()) / 1000))} s ago` : '';
  const mid = labels[MACHINE_ID] ? ` (machine id ${labels[MACHINE_ID].slice(0, 12)})` : '';
  const who = labels[PID] ? `pid ${labels[PID]} on ${labels[MACHINE] ?? 'an unknown machine'}${mid}` : 'an unknown owner';
  return `taken by ${who}${age}`;
}

export async function acquireLock(host: DockerHost, opts: LockOptions = {}): Promise<HostLock> {
  const { signal } = opts;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  let brokeStale: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = randomUUID();
    const mine = {
      [TOKEN]: token,
      [PID]: String(process.pid),
      [MACHINE]: os.hostname(),
      [MACHINE_ID]: machineId(),
      [STARTED]: processStart(process.pid) ?? '',
      [SINCE]: new Date().toISOString(),
      [LEASE]: String(leaseMs),
    };
    const v = await host.createVolume(LOCK_VOLUME, mine, signal);
    if (v.labels[TOKEN] === token) {
      held.add(token);
      return holding(host, token, leaseMs, brokeStale);
    }
    // Engine 20.10 answers a create of an existing volume with the labels it has in memory,
    // which are empty after a daemon restart; an inspect reads the stored ones.
    const holder = (await host.inspectVolume(LOCK_VOLUME, signal)) ?? v;
    const why = attempt === 0 ? await staleBecause(host, holder, signal) : undefined;
    if (why) {
      // Compare-and-delete: only the lock we judged, not one taken since.
      const again = await host.inspectVolume(LOCK_VOLUME, signal);
      if (again && again.labels[TOKEN] === holder.labels[TOKEN]) {
        await host.removeVolume(LOCK_VOLUME, signal);
        await removeLeases(host, holder.labels[TOKEN]);
        brokeStale = `removed a stale apply lock (${describeHolder(holder.labels)}; ${why})`;
      }
      continue;
    }
    throw new DockerError(
      'conflict',
      `another apply is running against ${host.target.url}: the lock (volume ${LOCK_VOLUME}) is ${describeHolder(holder.labels)}; wait for it to finish and try again`,
      `if no apply is running (one crashed, or the daemon died mid-apply), remove the lock: docker volume rm ${LOCK_VOLUME}`,
    );
  }
  throw new DockerError('conflict', `could not take the apply lock on ${host.target.url}: it was taken again while a stale one was removed`, 'try again');
}

async function removeLeases(host: DockerHost, token: string | undefined): Promise<void> {
  if (!token) return;
  for (const l of await host.listVolumes({ [TOKEN]: token }).catch(() => [])) {
    if (l.name.startsWith(LEASE_PREFIX)) await host.removeVolume(l.name).catch(() => undefined);
  }
}

/** The lock we hold: renewed every third of the lease, checked before each step. */
function holding(host: DockerHost, token: string, leaseMs: number, brokeStale: string | undefined): HostLock {
  let renewedAt = Date.now();
  let takenOver = false;
  let seq = 0;
  let previous: string | undefined;
  let busy = false;
  const renew = async () => {
    if (busy) return;
    busy = true;
    try {
      const lock = await host.inspectVolume(LOCK_VOLUME);
      if (lock?.labels[TOKEN] !== token) {
        takenOver = true;
        return;
      }
      const name = `${LEASE_PREFIX}${token}-${++seq}`;
      await host.createVolume(name, { [TOKEN]: token });
      renewedAt = Date.now();
      if (previous) await host.removeVolume(previous).catch(() => undefined);
      previous = name;
    } catch {
      // not renewed this time; lost() says so once the lease has run out
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void renew(), Math.max(10, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    brokeStale,
    lost() {
      if (takenOver) return 'the apply lock was taken over by another apply';
      // A margin below the lease: stop before anyone else may judge it stale.
      if (Date.now() - renewedAt > leaseMs * 0.8) return `the apply lock's lease could not be renewed for ${Math.round((Date.now() - renewedAt) / 1000)} s`;
      return undefined;
    },
    async release() {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 5));
      held.delete(token);
      await removeLeases(host, token);
      const v = await host.inspectVolume(LOCK_VOLUME);
      if (v?.labels[TOKEN] === token) await host.removeVolume(LOCK_VOLUME);
    },
  };
}
