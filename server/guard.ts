import { ResponseError } from 'vscode-languageserver/node';

export type Log = (message: string) => void;

/**
 * Wraps a handler so that a bug in one feature costs one empty answer and a logged stack, not
 * the server: the client would otherwise restart it and lose every open document's state.
 * A ResponseError is an answer on purpose (an invalid rename), so it goes through.
 */
export function guard<A extends unknown[], R>(log: Log, name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      log(`${name} failed: ${describe(err)}`);
      return fallback;
    }
  };
}

export function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
