import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentContextName, readContext, configDir } from './contexts';
import { DockerError } from './errors';
import { DEFAULT_SOCKET, type DockerTarget, type TlsFiles } from './target';

export interface SpecHostConnection {
  docker?: string;
  context?: string;
  tls?: { ca?: string; cert?: string; key?: string };
}

export interface ResolveOptions {
  /** --docker: beats everything, the spec included. */
  override?: string;
  /** The spec host's docker: / context: / tls:. */
  spec?: SpecHostConnection;
  /** Directory of the spec file; tls: paths are relative to it. */
  specDir?: string;
  /** Editor setting macvlan.docker.host: below the spec, above the environment. */
  fallback?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** false: accept any ssh host key (--ssh-skip-host-key-check, macvlan.docker.sshHostKeyCheck). */
  sshHostKeyCheck?: boolean;
}

/**
 * Which daemon to talk to, in the docker CLI's order: an explicit URL (flag, spec, setting),
 * else DOCKER_HOST (+ DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH), else the current
 * docker context (DOCKER_CONTEXT or config.json), else the default socket.
 */
export function resolveTarget(opts: ResolveOptions = {}): DockerTarget {
  const t = pickTarget(opts);
  if (t.kind !== 'ssh') return t;
  const home = opts.home ?? os.homedir();
  return { ...t, knownHostsFiles: [path.join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'], ...(opts.sshHostKeyCheck === false ? { sshHostKeyCheck: false } : {}) };
}

function pickTarget(opts: ResolveOptions): DockerTarget {
  const env = opts.env ?? process.env;
  const home = opts.home ?? os.homedir();
  const agent = env.SSH_AUTH_SOCK || undefined;
  if (opts.override) return parseDockerUrl(opts.override, 'flag', envTls(env, home), agent);
  const spec = opts.spec;
  if (spec?.docker) {
    const tls = spec.tls ? specTls(spec.tls, opts.specDir ?? process.cwd()) : undefined;
    return parseDockerUrl(spec.docker, 'spec', tls, agent);
  }
  if (spec?.context) return fromContext(spec.context, env, home, agent, 'spec');
  if (opts.fallback) return parseDockerUrl(opts.fallback, 'setting', envTls(env, home), agent);
  if (env.DOCKER_HOST) return parseDockerUrl(env.DOCKER_HOST, 'env', envTls(env, home), agent);
  const ctx = currentContextName(env, home);
  if (ctx !== 'default') return fromContext(ctx, env, home, agent, 'context');
  return { url: `unix://${DEFAULT_SOCKET}`, kind: 'unix', source: 'default', socketPath: DEFAULT_SOCKET };
}

function fromContext(name: string, env: NodeJS.ProcessEnv, home: string, agent: string | undefined, source: DockerTarget['source']): DockerTarget {
  if (name === 'default') return { url: `unix://${DEFAULT_SOCKET}`, kind: 'unix', source, socketPath: DEFAULT_SOCKET, context: name };
  const c = readContext(name, env, home);
  if (!c.host) return { url: `unix://${DEFAULT_SOCKET}`, kind: 'unix', source, socketPath: DEFAULT_SOCKET, context: name };
  const hasFiles = c.tls.ca !== undefined || c.tls.cert !== undefined || c.tls.key !== undefined;
  const tls: TlsFiles | undefined = hasFiles || c.skipTlsVerify ? { ...c.tls, verify: !c.skipTlsVerify } : undefined;
  return { ...parseDockerUrl(c.host, source, tls, agent), context: name };
}

function specTls(t: NonNullable<SpecHostConnection['tls']>, dir: string): TlsFiles {
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  return { ca: abs(t.ca), cert: abs(t.cert), key: abs(t.key), verify: true };
}

/** DOCKER_TLS_VERIFY (any non-empty value, as the docker CLI reads it) or DOCKER_TLS. */
function envTls(env: NodeJS.ProcessEnv, home: string): TlsFiles | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || configDir(env, home);
  const file = (f: string) => (existsSync(path.join(dir, f)) ? path.join(dir, f) : undefined);
  return { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify };
}

/** unix:///path, tcp://host[:port], ssh://[user@]host[:port], npipe://path; bare host:port is tcp. */
export function parseDockerUrl(raw: string, source: DockerTarget['source'], tls: TlsFiles | undefined, sshAgent?: string): DockerTarget {
  const text = raw.trim();
  const bad = (why: string) => new DockerError('other', `bad Docker host "${text}": ${why}`, 'use unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host');
  const withScheme = text.includes('://') ? text : `tcp://${text}`;
  const scheme = withScheme.slice(0, withScheme.indexOf('://')).toLowerCase();
  if (scheme === 'unix' || scheme === 'npipe') {
    const p = withScheme.slice(withScheme.indexOf('://') + 3);
    if (!p) throw bad('no socket path');
    return { url: `${scheme}://${p}`, kind: scheme, source, socketPath: p };
  }
  if (scheme !== 'tcp' && scheme !== 'ssh') throw bad(`unsupported scheme ${scheme}://`);
  let u: URL;
  try {
    u = new URL(withScheme.replace(/^[a-z]+:/i, 'http:'));
  } catch {
    throw bad('not a URL');
  }
  if (!u.hostname) throw bad('no host name');
  if (u.pathname !== '/' && u.pathname !== '') throw bad('a path is not supported');
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (scheme === 'ssh') {
    const port = u.port ? Number(u.port) : 22;
    let user: string;
    try {
      user = decodeURIComponent(u.username);
    } catch {
      throw bad(`the user name "${u.username}" has a % that does not start a valid escape (%40 is @)`);
    }
    if (u.password) throw bad('put no password in the URL; use ssh-agent');
    return { url: `ssh://${user ? `${user}@` : ''}${u.host}`, kind: 'ssh', source, host, port, username: user || undefined, sshAgent };
  }
  const port = u.port ? Number(u.port) : tls ? 2376 : 2375;
  return { url: `tcp://${u.hostname}:${port}`, kind: 'tcp', source, host, port, tls };
}
