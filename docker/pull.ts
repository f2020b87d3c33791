import type { Caller } from './caller';
import { DockerError } from './errors';
import { streamLines } from './lines';

/** "nginx" -> nginx:latest; "host:5000/app" -> host:5000/app:latest; digests are kept. */
export function splitImageRef(ref: string): { fromImage: string; tag?: string } {
  if (ref.includes('@')) return { fromImage: ref };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { fromImage: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  // Without a tag the API pulls every tag of the repository.
  return { fromImage: ref, tag: 'latest' };
}

const HINT = 'the host may have no registry access: load the image there (`docker load`, or `docker pull` by hand), then apply again';

/**
 * POST /images/create streams progress as JSON lines; a failure after the headers arrives as
 * {"error": ...} in that stream, one before them as an HTTP error.
 */
export async function pullImage(call: Caller, ref: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const what = `pull image ${ref}`;
  let res;
  try {
    res = await call.stream({ what, method: 'POST', path: '/images/create', query: splitImageRef(ref), signal, timeoutMs });
  } catch (err) {
    if (err instanceof DockerError && (err.kind === 'rejected' || err.kind === 'notFound' || err.kind === 'other')) {
      throw new DockerError('rejected', `image ${ref} is not on ${call.target} and pulling it failed: ${err.engineMessage ?? err.message}`, HINT, err.status, err.engineMessage);
    }
    throw err;
  }
  const timer = setTimeout(() => res.destroy(new Error('timeout')), timeoutMs);
  const onAbort = () => res.destroy(new Error('cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  let error: string | undefined;
  try {
    for await (const line of streamLines(res)) {
      try {
        const j = JSON.parse(line) as { error?: unknown };
        if (typeof j.error === 'string') error = j.error;
      } catch {
        // progress lines are informational; a torn one is no failure
      }
    }
  } catch {
    if (signal?.aborted) throw new DockerError('cancelled', `${what} on ${call.target}: cancelled`);
    throw new DockerError('timeout', `${what} on ${call.target}: not finished within ${Math.round(timeoutMs / 1000)} s`, 'pull the image on the host by hand, then apply again');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  if (error !== undefined) throw new DockerError('rejected', `image ${ref} is not on ${call.target} and pulling it failed: ${error}`, HINT, undefined, error);
}
