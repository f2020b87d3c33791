/**
 * Which Docker daemon the views and commands talk to, decided without VS Code (unit-tested).
 * A spec host that names its own connection (`docker:` / `context:`) wins; otherwise the
 * user's choice from "Select Docker Host" applies: automatic (setting macvlan.docker.host,
 * else DOCKER_HOST, else the current docker context, else the default socket), DOCKER_HOST
 * only, or one docker context.
 */
import { resolveTarget, type SpecHostConnection } from '../../docker/connect';
import { DockerError } from '../../docker/errors';
import type { DockerTarget } from '../../docker/target';
import { describeOutside, specTlsFiles, tlsFilesOutside, type TlsFileOutside } from '../../docker/tlsPaths';

export type ConnectionChoice = { kind: 'auto' } | { kind: 'env' } | { kind: 'context'; name: string };

export const AUTO: ConnectionChoice = { kind: 'auto' };

export interface SpecHostRef {
  name: string;
  docker?: string;
  context?: string;
  tls?: { ca?: string; cert?: string; key?: string };
}

export interface ConnectionInput {
  /** The spec host in scope; absent when no spec is open. */
  specHost?: SpecHostRef;
  /** Directory of the spec file, for relative tls: paths. */
  specDir?: string;
  choice: ConnectionChoice;
  /** macvlan.docker.host ('' when unset). */
  setting?: string;
  /** macvlan.docker.sshHostKeyCheck: false only when the user opted out of ssh host key checks. */
  sshHostKeyCheck?: boolean;
  /** vscode.workspace.isTrusted: an untrusted spec does not get to pick the daemon. */
  trusted: boolean;
  /**
   * The folder a spec's tls: files are read from without asking: the workspace folder (default:
   * specDir). With neither (an untitled spec outside any workspace) every tls: file needs asking.
   */
  tlsRoot?: string;
  /** tlsAllowKey() of the files outside tlsRoot the user allowed (this session). */
  tlsAllowed?: ReadonlySet<string>;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export type Resolution =
  | { ok: true; target: DockerTarget; origin: string }
  | { ok: false; reason: 'restricted' | 'invalid'; message: string; hint?: string; url?: string }
  | TlsOutside;

/**
 * The spec host's connection is fine, but it would read tls: files outside the workspace: the
 * views do not connect, and a command asks first (tlsConsent.ts), then uses `target`.
 */
export interface TlsOutside {
  ok: false;
  reason: 'tlsOutside';
  message: string;
  hint: string;
  url: string;
  target: DockerTarget;
  origin: string;
  /** The files not allowed yet, and one line per file for dialogs (paths only). */
  outside: TlsFileOutside[];
  files: string[];
}

/** What "allowed" remembers of a file: its path, and where a symlink led at the time. */
export function tlsAllowKey(o: TlsFileOutside): string {
  return `${o.file}\u0000${o.linksTo ?? ''}`;
}

export function pinsConnection(h: SpecHostRef | undefined): boolean {
  return !!(h?.docker || h?.context);
}

export function resolveConnection(input: ConnectionInput): Resolution {
  const { specHost, env, home } = input;
  try {
    if (specHost && pinsConnection(specHost)) {
      const what = specHost.docker ? `docker: ${specHost.docker}` : `context: ${specHost.context}`;
      if (!input.trusted) {
        return {
          ok: false,
          reason: 'restricted',
          message: `Restricted Mode: not connecting to host ${specHost.name} of the spec (${what})`,
          hint: 'trust the workspace to let its specs choose the Docker host',
          url: specHost.docker,
        };
      }
      const spec: SpecHostConnection = { docker: specHost.docker, context: specHost.context, tls: specHost.tls };
      const target = resolveTarget({ spec, specDir: input.specDir, env, home, sshHostKeyCheck: input.sshHostKeyCheck });
      const origin = `host ${specHost.name} of the spec (${what})`;
      const outside = specTlsOutside(target, input).filter((o) => !input.tlsAllowed?.has(tlsAllowKey(o)));
      if (outside.length === 0) return { ok: true, target, origin };
      const files = outside.map((o) => describeOutside(o, specHost.tls?.[o.field]));
      return {
        ok: false,
        reason: 'tlsOutside',
        message: `host ${specHost.name} of the spec reads TLS files outside the workspace: ${files.join('; ')}`,
        hint: 'refresh the view or run Plan Apply to review and allow them, or move the files into the workspace',
        url: target.url,
        target,
        origin,
        outside,
        files,
      };
    }
    const choice = input.choice;
    if (choice.kind === 'context') {
      const target = resolveTarget({ spec: { context: choice.name }, env, home, sshHostKeyCheck: input.sshHostKeyCheck });
      return { ok: true, target, origin: `docker context ${choice.name} (selected)` };
    }
    const target = resolveTarget({ fallback: choice.kind === 'env' ? undefined : input.setting || undefined, env, home, sshHostKeyCheck: input.sshHostKeyCheck });
    return { ok: true, target, origin: originOf(target) };
  } catch (err) {
    if (err instanceof DockerError) return { ok: false, reason: 'invalid', message: err.message, hint: err.hint || undefined };
    return { ok: false, reason: 'invalid', message: err instanceof Error ? err.message : String(err) };
  }
}

/** The spec's own tls: files (not a context's, not DOCKER_CERT_PATH's: those are the user's) outside the root. */
function specTlsOutside(target: DockerTarget, input: ConnectionInput): TlsFileOutside[] {
  const tls = specTlsFiles(target);
  if (!tls) return [];
  const root = input.tlsRoot ?? input.specDir;
  if (root !== undefined) return tlsFilesOutside(tls, root);
  return (['ca', 'cert', 'key'] as const).flatMap((field) => {
    const file = tls[field];
    return file ? [{ field, file }] : [];
  });
}

export function originOf(t: DockerTarget): string {
  switch (t.source) {
    case 'setting':
      return 'setting macvlan.docker.host';
    case 'env':
      return 'DOCKER_HOST';
    case 'context':
      return `docker context ${t.context ?? ''}`.trim();
    case 'default':
      return 'the default socket';
    case 'spec':
      return 'the spec';
    case 'flag':
      return 'an explicit URL';
  }
}

/** Identifies a connection: two scopes with the same key share one daemon (and one tree). */
export function connectionKey(r: Resolution): string {
  return r.ok ? `ok ${JSON.stringify(r.target)}` : `${r.reason} ${r.message}`;
}

/** Spec host names are keys of `hosts:`; a generated one (import) must be one too. */
export function hostNameFor(t: DockerTarget): string {
  const raw = t.context ?? t.host ?? 'local';
  const name = raw.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return name || 'docker';
}
