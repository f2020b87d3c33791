import { readFileSync } from 'node:fs';

/** Files larger than this are refused with a message, not parsed (a 50 MB YAML is no spec). */
export const MAX_SPEC_BYTES = 20 * 1024 * 1024;

export class InputError extends Error {}

export function readSpecFile(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    throw new InputError(`cannot read ${file}: ${why}`);
  }
  if (buf.length > MAX_SPEC_BYTES) throw new InputError(`${file} is too large to check (${(buf.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_SPEC_BYTES / 1048576} MiB)`);
  if (buf.includes(0)) throw new InputError(`${file} is not a text file (it contains NUL bytes)`);
  // Editors hide a BOM; strip it so that columns match what the user sees.
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
