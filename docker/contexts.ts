import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerError, hintWording } from './errors';

/**
 * The docker CLI's context store (~/.docker/contexts): meta/<sha256(name)>/meta.json holds the
 * endpoint, tls/<sha256(name)>/docker/{ca,cert,key}.pem the TLS material. Only paths are
 * returned; the files are read when connecting.
 */
export interface ContextEndpoint {
  name: string;
  host?: string;
  skipTlsVerify: boolean;
  tls: { ca?: string; cert?: string; key?: string };
}

export function configDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

/** DOCKER_CONTEXT, else config.json's currentContext, else "default" (which stores nothing). */
export function currentContextName(env: NodeJS.ProcessEnv, home: string): string {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  const file = path.join(configDir(env, home), 'config.json');
  if (!existsSync(file)) return 'default';
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DockerError('other', `cannot read ${file}: ${(err as Error).message}`, 'fix or remove the docker CLI config file');
  }
  const name = parsed && typeof parsed === 'object' ? (parsed as { currentContext?: unknown }).currentContext : undefined;
  return typeof name === 'string' && name !== '' ? name : 'default';
}

export function readContext(name: string, env: NodeJS.ProcessEnv, home: string): ContextEndpoint {
  const dir = configDir(env, home);
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = path.join(dir, 'contexts', 'meta', id, 'meta.json');
  if (!existsSync(metaFile)) {
    throw new DockerError('other', `docker context "${name}" not found (no ${metaFile})`, `list contexts with \`docker context ls\`, or name the host with docker: in the spec / ${hintWording.override}`);
  }
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch (err) {
    throw new DockerError('other', `cannot read docker context "${name}" (${metaFile}): ${(err as Error).message}`);
  }
  const ep = dig(meta, 'Endpoints', 'docker');
  const host = dig(ep, 'Host');
  const tlsDir = path.join(dir, 'contexts', 'tls', id, 'docker');
  const file = (f: string) => (existsSync(path.join(tlsDir, f)) ? path.join(tlsDir, f) : undefined);
  return {
    name,
    host: typeof host === 'string' && host !== '' ? host : undefined,
    skipTlsVerify: dig(ep, 'SkipTLSVerify') === true,
    tls: { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem') },
  };
}

function dig(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
