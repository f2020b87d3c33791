/**
 * Every failure of a Docker call, as one type the CLI and the extension can show as is:
 * `message` says what failed and why, `hint` what to do about it. The engine's own text is
 * kept verbatim in `engineMessage` (tests and differential checks compare it).
 */
export type DockerErrorKind = 'unreachable' | 'permission' | 'timeout' | 'notFound' | 'conflict' | 'rejected' | 'cancelled' | 'other';

export class DockerError extends Error {
  override readonly name = 'DockerError';
  constructor(
    readonly kind: DockerErrorKind,
    message: string,
    readonly hint: string = '',
    readonly status?: number,
    readonly engineMessage?: string,
  ) {
    super(message);
  }

  /** Message and hint for a terminal or a notification. */
  describe(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

export interface CallContext {
  /** What was being done, e.g. "create network vlan10". */
  what: string;
  /** The Docker endpoint as a URL without secrets. */
  target: string;
  /** Which signal fired, when the call was aborted. */
  aborted?: 'timeout' | 'cancelled';
  timeoutMs?: number;
}

interface ErrLike {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  json?: unknown;
  name?: unknown;
  level?: unknown;
}

const seconds = (ms: number) => (ms < 10_000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms / 1000)} s`);

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused — is the Docker daemon running?',
  ENOENT: 'no such socket — is the Docker daemon running, and is this the right socket?',
  ECONNRESET: 'the connection was reset — did the daemon stop or restart?',
  EPIPE: 'the connection was closed — did the daemon stop or restart?',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'unknown host name',
  EAI_AGAIN: 'host name lookup failed (try again later)',
  ENOTSOCK: 'that path is not a socket',
  ECONNABORTED: 'the connection was aborted',
};

/**
 * How a hint names the user's own choices: the CLI's flags by default; the extension sets its
 * settings instead (client/docker/index.ts), since `--docker` means nothing in an editor.
 */
export const hintWording = { override: '--docker', timeout: '--timeout, macvlan.docker.timeoutSeconds' };

export function useEditorWording(): void {
  hintWording.override = 'the macvlan.docker.host setting';
  hintWording.timeout = 'the macvlan.docker.timeoutSeconds setting';
}

const unreachableHint = () => `start the Docker daemon (e.g. \`sudo systemctl start docker\`), or point ${hintWording.override} / DOCKER_HOST / the spec's docker: at the right host`;

export function engineText(e: ErrLike): string | undefined {
  const j = e.json;
  if (j && typeof j === 'object' && typeof (j as { message?: unknown }).message === 'string') return (j as { message: string }).message;
  if (typeof j === 'string' && j.trim()) return j.trim();
  if (Buffer.isBuffer(j) && j.length) return j.toString('utf8').trim();
  return undefined;
}

/** Map whatever a dockerode / docker-modem call threw to a DockerError. */
export function toDockerError(err: unknown, ctx: CallContext): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrLike;
  const msg = typeof e.message === 'string' ? e.message : String(err);
  const where = `${ctx.what} on ${ctx.target}`;
  if (ctx.aborted === 'timeout') {
    return new DockerError('timeout', `${where}: no answer within ${seconds(ctx.timeoutMs ?? 0)}`, `the daemon may be busy or hung; raise the timeout (${hintWording.timeout}) or check the daemon's health`);
  }
  if (ctx.aborted === 'cancelled' || e.name === 'AbortError') return new DockerError('cancelled', `${where}: cancelled`);
  // docker-modem words a failed stream request "(HTTP code 500) server error - <engine text> ".
  if (typeof e.statusCode === 'number') return fromStatus(e.statusCode, engineText(e) ?? msg.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim(), ctx);
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === 'EACCES' || code === 'EPERM') {
    return new DockerError('permission', `cannot reach Docker at ${ctx.target}: permission denied — is your user in the docker group?`, 'add it with `sudo usermod -aG docker $USER` and log in again, or run as a user that may use the socket');
  }
  if (code && CONNECTION_CODES[code]) return new DockerError('unreachable', `cannot reach Docker at ${ctx.target}: ${CONNECTION_CODES[code]}`, unreachableHint());
  if (code && /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) {
    return new DockerError('unreachable', `cannot reach Docker at ${ctx.target}: TLS failed (${code}: ${msg})`, 'check tls: ca/cert/key (or DOCKER_CERT_PATH) and that the daemon listens with TLS on that port');
  }
  if (/authentication methods failed|All configured authentication/i.test(msg) || e.level === 'client-authentication') {
    return new DockerError('permission', `cannot reach Docker at ${ctx.target}: ssh authentication failed`, 'load your key into ssh-agent (`ssh-add`) and make sure SSH_AUTH_SOCK is set; the remote user needs access to the docker socket');
  }
  if (e.level === 'client-socket' || e.level === 'client-timeout' || /socket hang up/i.test(msg)) {
    return new DockerError('unreachable', `cannot reach Docker at ${ctx.target}: ${msg}`, unreachableHint());
  }
  return new DockerError('other', `${where} failed: ${msg}`);
}

function fromStatus(status: number, engine: string, ctx: CallContext): DockerError {
  const where = `cannot ${ctx.what} on ${ctx.target}`;
  const say = (kind: DockerErrorKind, hint = '') => new DockerError(kind, `${where}: ${engine}`, hint, status, engine);
  if (status === 401 || (status === 403 && /authoriz/i.test(engine))) return say('permission', 'an authorization plugin refused the request');
  if (status === 404) return say('notFound');
  if (/Pool overlaps/i.test(engine)) return say('conflict', 'another network on this host uses an overlapping subnet; `macvlan-spec plan` shows it, and `docker network ls` lists them');
  if (/already in use/i.test(engine)) return say('conflict', 'the address or name is held by something else on the host');
  if (/already using parent interface/i.test(engine)) return say('conflict', 'another network already uses that parent: before Engine 27 a macvlan parent carries one network; use a VLAN sub-interface (vlan:) or another NIC');
  if (/active endpoints/i.test(engine)) return say('conflict', 'containers are still attached to the network');
  if (status === 409) return say('conflict');
  if (/operation not supported/i.test(engine)) return say('rejected', 'the host kernel lacks a feature this needs (macvlan/ipvlan, 802.1Q VLAN or dummy links)');
  if (/parent interface .*not found|invalid subinterface/i.test(engine)) return say('rejected', 'the parent interface does not exist on the host: check parent: / vlan: against `ip link` there');
  return say('rejected');
}
