import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * OpenSSH known_hosts, as `ssh` reads it: plain and hashed (`|1|salt|hash`) host fields,
 * `[host]:port` for ports other than 22, comma-separated names, `*`/`?` wildcards and `!`
 * negation, `@revoked` keys. `@cert-authority` lines are skipped (we verify plain host keys).
 */
export interface KnownKey {
  keyType: string;
  /** The key blob, base64 as in the file. */
  key: string;
  revoked: boolean;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'changed' | 'revoked' };

export function defaultKnownHostsFiles(): string[] {
  return [join(homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostField(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Keys the files list for this host (missing or unreadable files count as empty). */
export function knownKeysFor(files: readonly string[], host: string, port: number): KnownKey[] {
  const name = hostField(host, port);
  const out: KnownKey[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const parts = line.split(/\s+/);
      let revoked = false;
      if (parts[0].startsWith('@')) {
        if (parts[0] === '@revoked') revoked = true;
        else continue; // @cert-authority
        parts.shift();
      }
      const [hosts, keyType, key] = parts;
      if (!hosts || !keyType || !key) continue;
      if (hostsMatch(hosts, name)) out.push({ keyType, key, revoked });
    }
  }
  return out;
}

function hostsMatch(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (wildcard(negated ? pattern.slice(1) : pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** `*` and `?` as ssh reads them; everything else literally, case-insensitively. */
function wildcard(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  // Iterative glob with one backtrack point: linear in practice, no regular expression built from file text.
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < n.length) {
    if (i < p.length && (p[i] === '?' || p[i] === n[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

/** Whether `presented` (the raw key blob the server sent) is a known, unrevoked key of the host. */
export function verifyHostKey(known: readonly KnownKey[], presented: Buffer): HostKeyVerdict {
  const b64 = presented.toString('base64');
  if (known.some((k) => k.revoked && k.key === b64)) return { ok: false, reason: 'revoked' };
  if (known.some((k) => !k.revoked && k.key === b64)) return { ok: true };
  return { ok: false, reason: known.some((k) => !k.revoked) ? 'changed' : 'unknown' };
}

/** The SHA256 fingerprint as ssh prints it, for messages. */
export function fingerprint(presented: Buffer): string {
  return `SHA256:${createHash('sha256').update(presented).digest('base64').replace(/=+$/, '')}`;
}
