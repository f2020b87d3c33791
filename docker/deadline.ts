/**
 * One signal per Docker call: the caller's (cancel) and a timer (timeout), told apart
 * afterwards so the error can say which it was.
 */
export interface Deadline {
  signal: AbortSignal;
  /** Which fired, if either did. */
  reason(): 'timeout' | 'cancelled' | undefined;
  dispose(): void;
}

export function deadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const ctl = new AbortController();
  let fired: 'timeout' | 'cancelled' | undefined;
  const timer = setTimeout(() => {
    fired ??= 'timeout';
    ctl.abort(new Error('timeout'));
  }, timeoutMs);
  const onOuter = () => {
    fired ??= 'cancelled';
    ctl.abort(outer?.reason);
  };
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: ctl.signal,
    reason: () => fired,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
