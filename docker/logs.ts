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
