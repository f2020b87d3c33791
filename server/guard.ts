import { PerformanceObserver } from 'node:perf_hooks';
import { ResponseError } from 'vscode-languageserver/node';

export type Log = (message: string) => void;

/**
 * Wraps a handler so that a bug in one feature costs one empty answer and a logged stack, not
 * the server: the client would otherwise restart it and lose every open document's state.
 * A ResponseError is an answer on purpose (an invalid rename), so it goes through.
 */
export function guard<A extends unknown[], R>(log: Log, name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    const t0 = trace ? performance.now() : 0;
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      log(`${name} failed: ${describe(err)}`);
      return fallback;
    } finally {
      trace?.(`${name} ${(performance.now() - t0).toFixed(1)} ms`);
    }
  };
}

let trace: Log | undefined;

/** A line for the handler trace, when it is on. */
export function traceLine(line: () => string): void {
  trace?.(line());
}

/** Times every handler (MACVLAN_SPEC_TRACE=file, see the README's Development section). */
export function traceHandlers(sink: Log | undefined): void {
  trace = sink;
  // Collector pauses explain gaps between handlers; they are reported after the fact, with
  // their start time.
  if (sink) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.duration >= 2) sink(`gc ${e.duration.toFixed(1)} ms, started at ${e.startTime.toFixed(1)}`);
    }).observe({ entryTypes: ['gc'] });
  }
}

export function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
