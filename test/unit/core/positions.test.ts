import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../core/text/positions';

test('positions: LF, CRLF and lone CR line breaks', () => {
  const text = 'ab\ncd\r\nef\rgh';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(text.indexOf('e')), { line: 2, character: 0 });
  assert.deepEqual(idx.positionAt(text.indexOf('g')), { line: 3, character: 0 });
  assert.equal(idx.lineEnd(1), text.indexOf('\r\n'));
});

test('positions: offsetAt is the inverse of positionAt and clamps', () => {
  const text = 'version: 1\r\nnetworks:\r\n  a: {}\n';
  const idx = new LineIndex(text);
  for (let o = 0; o <= text.length; o++) {
    const p = idx.positionAt(o);
    const back = idx.offsetAt(p);
    // Offsets inside a CRLF pair map to the end of the line's content.
    assert.ok(back === o || (text[o - 1] === '\r' && back === o - 1), `offset ${o}`);
  }
  assert.equal(idx.offsetAt({ line: 0, character: 999 }), 10);
  assert.equal(idx.offsetAt({ line: 99, character: 0 }), text.length);
  assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
});

test('positions: characters are UTF-16 code units (as LSP counts them)', () => {
  const text = 'labels: { note: "😀x" }\nnext';
  const idx = new LineIndex(text);
  const x = text.indexOf('x');
  assert.deepEqual(idx.positionAt(x), { line: 0, character: 19 });
  assert.deepEqual(idx.rangeOf({ start: x, end: x + 1 }), { start: { line: 0, character: 19 }, end: { line: 0, character: 20 } });
});
