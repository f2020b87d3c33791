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
});

test('warm-up rounds: the incremental check after the edit finds what a fresh check of the edited text finds, and completion/hover answer', () => {
  for (let i = 0; i < 3; i++) {
    const round = warmUpRound(i);
    const fresh = checkText(round.text).findings.map((f) => `${f.code} ${f.span.start}-${f.span.end} ${f.message}`);
    assert.deepEqual(round.result.findings.map((f) => `${f.code} ${f.span.start}-${f.span.end} ${f.message}`), fresh, `round ${i}`);
    assert.ok(round.completions > 0, `round ${i}: completion right after the edit offers something`);
    assert.ok(round.hovered, `round ${i}: hover on a subnet answers`);
  }
  // The edit puts a container outside its subnet (round 0: a leading zero): the incremental path must see it.
  assert.deepEqual(warmUpRound(0).result.findings.map((f) => f.code), ['MV101']);
  assert.deepEqual(warmUpRound(7).result.findings.map((f) => f.code), ['MV402']);
});
