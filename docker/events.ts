import type { Caller } from './caller';
import { obj, str } from './convert';
import { DockerError } from './errors';
import { streamLines } from './lines';
import type { DockerEvent } from './types';

/**
 * Network and container events as they happen (for refreshing a tree view). Resolves when
 * `signal` aborts; rejects when the stream cannot start or breaks (daemon stopped).
 */
export async function readEvents(call: Caller, signal: AbortSignal, onEvent: (e: DockerEvent) => void): Promise<void> {
  if (signal.aborted) return;
  let res;
  try {
    res = await call.stream({ what: 'follow events', method: 'GET', path: '/events', query: { filters: { type: ['network', 'container'] } }, signal });
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  }
  const onAbort = () => res.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const line of streamLines(res)) emit(line, onEvent);
  } catch (err) {
    if (!signal.aborted) throw new DockerError('unreachable', `the event stream from ${call.target} broke (${(err as Error).message}) — did the daemon stop?`, 'refresh to reconnect');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (!signal.aborted) throw new DockerError('unreachable', `the event stream from ${call.target} ended — did the daemon stop?`, 'refresh to reconnect');
}

function emit(line: string, onEvent: (e: DockerEvent) => void): void {
  let j: unknown;
  try {
    j = JSON.parse(line);
  } catch {
    return;
  }
  const o = obj(j);
  const actor = obj(o.Actor);
  const attrs = obj(actor.Attributes);
  onEvent({ type: str(o.Type) ?? '', action: str(o.Action) ?? '', id: str(actor.ID) ?? '', name: str(attrs.name), time: typeof o.time === 'number' ? o.time : 0 });
}
