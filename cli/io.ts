import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_SPEC_CHARS } from '../core/spec/parse';

/** Files larger than this are refused with a message before decoding (parseSpec has the same cap for editors). */
export const MAX_SPEC_BYTES = MAX_SPEC_CHARS;

export class InputError extends Error {}

export function readSpecFile(file: string): string {
  return readSpecBytes(file).text;
}

/**
 * The text of a spec file, and whether its bytes were valid UTF-8: invalid bytes decode to
 * U+FFFD, so writing the text back (`check --fix`) would replace them for good.
 */
export function readSpecBytes(file: string): { text: string; utf8: boolean } {
  let buf: Buffer;
  let size: number;
  try {
    const st = statSync(file);
    if (st.isSocket() || st.isBlockDevice()) throw new InputError(`${file} is not a regular file (${st.isSocket() ? 'a socket' : 'a block device'}) — write the spec to a file and check that`);
    ({ buf, size } = readAtMost(file, MAX_SPEC_BYTES + 1, st.isFIFO()));
    if (st.isFIFO() && size === 0) throw new InputError(`nothing to read from ${file} (a named pipe with no writer) — write the spec to a file and check that`);
  } catch (err) {
    if (err instanceof InputError) throw err;
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
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, utf8: isUtf8(buf) };
}

/**
 * At most `limit` bytes of a file, and its size (`limit` for a stream that had more). Not
 * readFileSync: `check /dev/zero` or a pipe that never ends read until memory ran out.
 */
function readAtMost(file: string, limit: number, fifo = false): { buf: Buffer; size: number } {
  // A FIFO opens without waiting for a writer (a plain open blocks until one comes, for ever if
  // none does); reads then wait for data while a writer is there, and end when none is.
  const fd = openSync(file, fifo ? constants.O_RDONLY | constants.O_NONBLOCK : 'r');
  try {
    const st = fstatSync(fd);
    // A regular file says how big it is: refuse a big one without reading it.
    if (st.isFile() && st.size >= limit) return { buf: Buffer.alloc(0), size: st.size };
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
      const n = readWaiting(fd, chunk);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return { buf: Buffer.concat(chunks, total), size: total };
  } finally {
    closeSync(fd);
  }
}

/** readSync that waits out EAGAIN (a non-blocking FIFO whose writer has not written yet). */
function readWaiting(fd: number, chunk: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));
