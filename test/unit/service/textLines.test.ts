import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyOf } from '../../../core/service/textLines';

/** The regular expression keyOf used to be: the reference on short strings, where it is fast. */
const OLD_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],:-][^#]*?|-[^\s#'"{}[\],:][^#]*?)[ \t]*:(?=[ \t]|$)/;
function oldKeyOf(body: string): { key: string; rest: string; length: number } | undefined {
  const m = OLD_KEY.exec(body);
  if (!m) return undefined;
  const raw = m[1].trim();
  const key = raw.length >= 2 && raw[0] === '"' && raw.endsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.length >= 2 && raw[0] === "'" && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
  return { key, rest: body.slice(m[0].length), length: m[0].length };
}

test('keyOf: the linear scan agrees with the old regular expression on seeded random lines', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const alphabet = ['a', 'b', '0', ' ', ' ', '\t', ':', ':', '#', '"', "'", '\\', '-', '{', '[', ',', '.', '/'];
  for (let i = 0; i < 50_000; i++) {
    let body = '';
    const n = 1 + rnd(12);
    for (let j = 0; j < n; j++) body += alphabet[rnd(alphabet.length)];
    if (body.startsWith(' ') || body.startsWith('\t')) continue; // keyOf gets lines without their indentation
    assert.deepEqual(keyOf(body), oldKeyOf(body), JSON.stringify(body));
  }
  for (const body of ['name: x', 'a:b: c', '"quoted key" : v', "'it''s': v", '-dash: v', '- item: v', 'key:', 'url: http://x', 'k #c: v', '"a\\"b": v']) {
    assert.deepEqual(keyOf(body), oldKeyOf(body), body);
  }
});

test('keyOf on 200,000-character lines of spaces, colons and quotes ends (the old expression took minutes)', { timeout: 20_000 }, () => {
  assert.equal(keyOf('a' + ': '.repeat(100_000))?.key, 'a');
  assert.equal(keyOf('a' + ' :'.repeat(100_000))?.key, 'a');
  assert.equal(keyOf('a' + ':'.repeat(200_000))?.key, 'a' + ':'.repeat(199_999));
  assert.equal(keyOf('"' + ' '.repeat(200_000)), undefined);
  assert.equal(keyOf("'" + "''".repeat(100_000)), undefined);
  assert.equal(keyOf('-a' + '\t'.repeat(200_000) + ':x'), undefined);
  assert.equal(keyOf('a' + '#'.repeat(200_000) + ': v'), undefined);
  assert.equal(keyOf('a' + ' '.repeat(200_000)), undefined);
  assert.equal(keyOf('a' + ' '.repeat(200_000) + ': v')?.rest, ' v');
});
