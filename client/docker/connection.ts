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
  /** vscode.workspace.isTrusted: an untrusted spec does not get to pick the daemon. */
  trusted: boolean;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export type Resolution =
  | { ok: true; target: DockerTarget; origin: string }
  | { ok: false; reason: 'restricted' | 'invalid'; message: string; hint?: string; url?: string };

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
      const target = resolveTarget({ spec, specDir: input.specDir, env, home });
      return { ok: true, target, origin: `host ${specHost.name} of the spec (${what})` };
    }
    const choice = input.choice;
    if (choice.kind === 'context') {
      const target = resolveTarget({ spec: { context: choice.name }, env, home });
      return { ok: true, target, origin: `docker context ${choice.name} (selected)` };
    }
    const target = resolveTarget({ fallback: choice.kind === 'env' ? undefined : input.setting || undefined, env, home });
    return { ok: true, target, origin: originOf(target) };
  } catch (err) {
    if (err instanceof DockerError) return { ok: false, reason: 'invalid', message: err.message, hint: err.hint || undefined };
    return { ok: false, reason: 'invalid', message: err instanceof Error ? err.message : String(err) };
  }
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
