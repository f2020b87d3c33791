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

test('LineIndex.edited equals a fresh index after random edits (seeded)', () => {
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let text = Array.from({ length: 200 }, (_, i) => `line ${i}: ${'x'.repeat(i % 7)}`).join('\n');
  let index = new LineIndex(text);
  for (let step = 0; step < 500; step++) {
    const from = Math.floor(r() * text.length);
    const oldTo = Math.min(text.length, from + Math.floor(r() * 30));
    const insert = ['', 'a', '\n', 'b\nc', '\n\n', 'xyz'][Math.floor(r() * 6)];
    const next = text.slice(0, from) + insert + text.slice(oldTo);
    const edited = LineIndex.edited(index, next, from, oldTo, from + insert.length);
    const fresh = new LineIndex(next);
    assert.equal(edited.lineCount, fresh.lineCount, `step ${step}`);
    for (let l = 0; l < fresh.lineCount; l++) assert.equal(edited.lineStart(l), fresh.lineStart(l), `step ${step} line ${l}`);
    text = next;
    index = edited;
  }
});
