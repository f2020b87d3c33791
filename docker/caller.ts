import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { deadline } from './deadline';
import { DockerError, toDockerError } from './errors';

export interface Call {
  what: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Statuses that are not errors besides 200/201/204 (e.g. 304 for start/stop). */
  ok?: number[];
}

/**
 * Every request goes through dockerode's modem here, not through dockerode's per-object
 * methods: those pass the abort signal inconsistently (Network.inspect drops it) and each has
 * its own idea of which statuses are errors. One path gives one timeout, cancel and error policy.
 */
export class Caller {
  constructor(
    private readonly docker: Docker,
    readonly target: string,
    readonly timeoutMs: number,
    /** A transport's own explanation of a failure (an ssh host key it refused), before the generic one. */
    private readonly explain: (err: unknown) => DockerError | undefined = () => undefined,
  ) {}

  request<T = unknown>(c: Call): Promise<T> {
    return this.dial<T>(c, false);
  }

  /** The response stream; the timeout covers only the wait for the response headers. */
  stream(c: Call): Promise<IncomingMessage> {
    return this.dial<IncomingMessage>(c, true);
  }

  private dial<T>(c: Call, isStream: boolean): Promise<T> {
    const ms = c.timeoutMs ?? this.timeoutMs;
    const dl = deadline(ms, c.signal);
    const statusCodes: Record<number, boolean | string> = { 200: true, 201: true, 204: true };
    for (const s of c.ok ?? []) statusCodes[s] = true;
    for (const s of [400, 401, 403, 404, 409, 500, 503]) statusCodes[s] ??= 'error';
    const hasQuery = c.query !== undefined && Object.keys(c.query).length > 0;
    // docker-modem sends `_body || options` as the body of a POST: an empty {} keeps it from
    // sending the query object as a body (start refuses any body).
    const options = { _query: hasQuery ? c.query : undefined, _body: c.body ?? {} };
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        dl.dispose();
        reject(this.explain(err) ?? toDockerError(err, { what: c.what, target: this.target, aborted: dl.reason(), timeoutMs: ms }));
      };
      // Resolve the abort ourselves too, in case a request path ignores the signal.
      const onAbort = () => fail(new DOMException('aborted', 'AbortError'));
      dl.signal.addEventListener('abort', onAbort, { once: true });
      try {
        this.docker.modem.dial(
          { path: hasQuery ? `${c.path}?` : c.path, method: c.method, options, statusCodes, abortSignal: dl.signal, isStream },
          (err, data) => {
            dl.signal.removeEventListener('abort', onAbort);
            if (err) return fail(err);
            if (settled) return;
            settled = true;
            // A stream outlives the timer: from here only its reader ends it.
            dl.dispose();
            resolve(data as T);
          },
        );
      } catch (err) {
        fail(err);
      }
    });
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof DockerError && err.kind === 'notFound';
}
