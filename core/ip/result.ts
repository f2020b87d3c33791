/**
 * Parse outcome. Bad input is an expected case in an editor (the user is mid-typing), so the
 * parsers return this instead of throwing; `error` is written to be shown as a diagnostic as is.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T>(error: string): Result<T> {
  return { ok: false, error };
}
