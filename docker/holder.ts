import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Who a lock holder is, beyond a hostname: this machine's id and a process's start time (so a
 * reused pid is not mistaken for the holder).
 */
let cachedId: string | undefined;

/** /etc/machine-id (systemd), else D-Bus's, else a random id kept in the user's config folder. */
export function machineId(): string {
  if (cachedId) return cachedId;
  for (const f of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    const id = readTrimmed(f);
    if (id && /^[0-9a-f]{32}$/i.test(id)) return (cachedId = id.toLowerCase());
  }
  const dir = path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'macvlan-spec');
  const file = path.join(dir, 'machine-id');
  const kept = readTrimmed(file);
  if (kept && /^[0-9a-f]{32}$/.test(kept)) return (cachedId = kept);
  const fresh = randomUUID().replace(/-/g, '');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${fresh}\n`, { flag: 'wx' });
  } catch {
    // another process wrote it first (read that), or no config folder: this process's id then
    const other = readTrimmed(file);
    if (other && /^[0-9a-f]{32}$/.test(other)) return (cachedId = other);
  }
  return (cachedId = fresh);
}

/** The process's start time in clock ticks since boot (/proc/PID/stat field 22); undefined off Linux or when gone. */
export function processStart(pid: number): string | undefined {
  const stat = readTrimmed(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = rest[22 - 3];
  return start && /^\d+$/.test(start) ? start : undefined;
}

function readTrimmed(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
