import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { parseSpec } from '../../../core/spec/parse';
import { reparse } from '../../../core/spec/reparse';
import { warmUpRound, warmUpSpec } from '../../../core/service/warmUp';

test('warm-up spec: a clean block-style spec that takes the fast and the incremental path', () => {
  const text = warmUpSpec();
  const errors = checkText(text).findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => `${f.code} ${f.message}`), []);
  const parsed = parseSpec(text);
  assert.equal(parsed.fast, true);
  const at = text.indexOf('ipv4_address: ', text.length / 2) + 'ipv4_address: 192.0.'.length;
  assert.ok(reparse(parsed, text.slice(0, at) + '7' + text.slice(at + 1)), 'the warm-up edit is re-read incrementally');
  for (let i = 0; i < 3; i++) warmUpRound(i);
});
