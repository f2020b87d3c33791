import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configDir } from '../../docker/contexts';

export interface ContextSummary {
  name: string;
  /** The endpoint URL (absent for a context without a docker endpoint). */
  host?: string;
  description?: string;
}

/**
 * The docker CLI's contexts (~/.docker/contexts/meta/<id>/meta.json), for the host picker.
 * Unreadable entries are left out: this is a menu, not a validator (connecting reports why a
 * context does not work).
 */
export function listDockerContexts(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): ContextSummary[] {
  const dir = path.join(configDir(env, home), 'contexts', 'meta');
  let ids: string[];
  try {
    ids = readdirSync(dir);
  } catch {
    return [];
  }
  const out: ContextSummary[] = [];
  for (const id of ids) {
    let meta: unknown;
    try {
      meta = JSON.parse(readFileSync(path.join(dir, id, 'meta.json'), 'utf8'));
    } catch {
      continue;
    }
    const m = rec(meta);
    if (typeof m.Name !== 'string' || m.Name === '') continue;
    const host = rec(rec(m.Endpoints).docker).Host;
    const description = rec(m.Metadata).Description;
    out.push({
      name: m.Name,
      host: typeof host === 'string' && host !== '' ? host : undefined,
      description: typeof description === 'string' && description !== '' ? description : undefined,
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function rec(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
