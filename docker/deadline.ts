/**
 * One signal per Docker call: the caller's (cancel) and a timer (timeout), told apart
 * afterwards so the error can say which it was.
 *
 * The timer is our own and not AbortSignal.timeout(): a stream outlives its deadline (the
 * timeout covers only the wait for response headers), so `dispose()` must be able to stop the
 * timer once the headers are in, and AbortSignal.timeout() cannot be cancelled.
 */
export interface Deadline {
  signal: AbortSignal;
  /** Which fired, if either did. */
  reason(): 'timeout' | 'cancelled' | undefined;
  dispose(): void;
}

export function deadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  // AbortSignal.any takes the reason of whichever source aborted first.
  const signal = outer ? AbortSignal.any([outer, timer.signal]) : timer.signal;
  return {
    signal,
    reason: () => (!signal.aborted ? undefined : timer.signal.aborted && signal.reason === timer.signal.reason ? 'timeout' : 'cancelled'),
    dispose: () => clearTimeout(handle),
  };
}
