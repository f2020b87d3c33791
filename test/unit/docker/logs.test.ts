import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demuxLogs } from '../../../docker/logs';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
}

test('frames of stdout and stderr become one text in their order, headers gone', () => {
  const raw = Buffer.concat([frame(1, 'first\n'), frame(2, 'oops ü\n'), frame(1, 'last\n')]);
  assert.equal(demuxLogs(raw), 'first\noops ü\nlast\n');
});

test('a TTY log (no frame headers) is the text itself', () => {
  assert.equal(demuxLogs(Buffer.from('plain text\nsecond line\n')), 'plain text\nsecond line\n');
  assert.equal(demuxLogs(Buffer.alloc(0)), '');
});

test('a frame cut short keeps what arrived', () => {
  const whole = frame(1, 'abcdef');
  assert.equal(demuxLogs(whole.subarray(0, whole.length - 2)), 'abcd');
});
