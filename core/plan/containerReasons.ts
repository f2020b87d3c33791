import { HASH_LABEL } from '../observed';
import { showMap } from './diff';
import { userLabels } from './normalise';
import type { ContainerDef, ContainerDetail } from './types';

const showCmd = (c: string[] | undefined) => (c === undefined ? '(image default)' : JSON.stringify(c));

function envMap(env: string[], minus: string[] = []): Record<string, string> {
  const skip = new Set(minus);
  const out: Record<string, string> = {};
  for (const e of env) {
    if (skip.has(e)) continue;
    const eq = e.indexOf('=');
    out[eq < 0 ? e : e.slice(0, eq)] = eq < 0 ? '' : e.slice(eq + 1);
  }
  return out;
}

/** Keys added, removed or given another value, sorted. */
function changedKeys(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !(k in a) || !(k in b) || a[k] !== b[k]).sort();
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function withoutImage(labels: Record<string, string>, image: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(userLabels(labels))) if (image[k] !== v) out[k] = v;
  return out;
}

/**
 * Why a managed container must be recreated. The hash label is the authority (an inspect mixes
 * the image's defaults into command, env and labels); the fields are compared only to say which
 * part changed, when the inspect details are there.
 */
export function containerReasons(def: ContainerDef, o: ContainerDetail): string[] {
  const out: string[] = [];
  if (o.image !== def.image) out.push(`image ${o.image} → ${def.image}`);
  const cfg = o.config;
  if (cfg) {
    const haveCmd = cfg.command !== undefined && JSON.stringify(cfg.command) === JSON.stringify(cfg.imageCommand) ? undefined : cfg.command;
    if (def.command !== undefined ? JSON.stringify(def.command) !== JSON.stringify(cfg.command) : haveCmd !== undefined) {
      out.push(`command ${showCmd(haveCmd)} → ${showCmd(def.command)}`);
    }
    const haveEnv = envMap(cfg.env, cfg.imageEnv);
    const wantEnv = envMap(def.env);
    // Names only: env values are often secrets (tokens, passwords), on the host and in the spec.
    const changedEnv = changedKeys(haveEnv, wantEnv);
    if (changedEnv.length > 0) out.push(`env ${changedEnv.join(', ')} changed`);
    if (cfg.restart !== def.restart) out.push(`restart ${cfg.restart} → ${def.restart}`);
    const haveLabels = withoutImage(o.labels, cfg.imageLabels);
    const wantLabels = userLabels(def.labels);
    if (!sameMap(haveLabels, wantLabels)) out.push(`labels ${showMap(haveLabels)} → ${showMap(wantLabels)}`);
    const firstMac = def.attachments[0]?.mac;
    if ((cfg.macAddress || undefined) !== firstMac) out.push(`mac_address ${cfg.macAddress || '(random)'} → ${firstMac ?? '(random)'}`);
  }
  if (out.length === 0) {
    const had = o.labels[HASH_LABEL];
    out.push(had ? `definition changed (hash ${had} → ${def.labels[HASH_LABEL]})` : 'created without a definition hash');
  }
  return out;
}
