import type { IncomingMessage } from 'node:http';
import { DockerError } from './errors';

/** A log read whole is capped: 500 lines of a chatty container, not its whole history. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

/**
 * A container's log as the Engine API returns it without a TTY: frames of an 8-byte header
 * (stream 0/1/2, three zero bytes, big-endian length) and the payload. With a TTY (or from a
 * proxy that already joined the streams) there are no headers and the bytes are the text.
 */
export function demuxLogs(raw: Buffer): string {
  if (!isMultiplexed(raw)) return raw.toString('utf8');
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, Math.min(raw.length, at + 8 + size)));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

function isMultiplexed(b: Buffer): boolean {
  return b.length >= 8 && b[0] <= 2 && b[1] === 0 && b[2] === 0 && b[3] === 0;
}

/** The whole body of a finished (not followed) log response, within `timeoutMs` and the cap. */
export function readAll(res: IncomingMessage, timeoutMs: number, signal: AbortSignal | undefined, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        res.destroy();
        reject(err);
      } else resolve(Buffer.concat(chunks));
    };
    const onAbort = () => done(new DockerError('cancelled', `${what}: cancelled`));
    const timer = setTimeout(() => done(new DockerError('timeout', `${what}: no end within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_LOG_BYTES) {
        // Enough to show: keep what came and stop reading.
        chunks.push(c.subarray(0, c.length - (size - MAX_LOG_BYTES)));
        done();
        res.destroy();
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => done());
    res.on('error', (e) => done(e));
  });
}
