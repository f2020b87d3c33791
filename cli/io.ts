import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_SPEC_CHARS } from '../core/spec/parse';

/** Files larger than this are refused with a message before decoding (parseSpec has the same cap for editors). */
export const MAX_SPEC_BYTES = MAX_SPEC_CHARS;

export class InputError extends Error {}

export function readSpecFile(file: string): string {
  let buf: Buffer;
  let size: number;
  try {
    ({ buf, size } = readAtMost(file, MAX_SPEC_BYTES + 1));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    throw new InputError(`cannot read ${file}: ${why}`);
  }
  if (size > MAX_SPEC_BYTES) {
    const limit = `${MAX_SPEC_BYTES / 1048576} MiB`;
    // A file says how big it is; a stream was only read up to the limit.
    const how = buf.length < size ? `${(size / 1048576).toFixed(1)} MiB; the limit is ${limit}` : `more than the limit of ${limit}`;
    throw new InputError(`${file} is too large to check (${how})`);
  }
  if (buf.includes(0)) throw new InputError(`${file} is not a text file (it contains NUL bytes)`);
  // Editors hide a BOM; strip it so that columns match what the user sees.
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * At most `limit` bytes of a file, and its size (`limit` for a stream that had more). Not
 * readFileSync: `check /dev/zero` or a pipe that never ends read until memory ran out.
 */
function readAtMost(file: string, limit: number): { buf: Buffer; size: number } {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    // A regular file says how big it is: refuse a big one without reading it.
    if (st.isFile() && st.size >= limit) return { buf: Buffer.alloc(0), size: st.size };
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return { buf: Buffer.concat(chunks, total), size: total };
  } finally {
    closeSync(fd);
  }
}
