import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../core/check';
import { STARTER_SPEC } from '../../../client/starterSpec';

test('the starter spec of macvlan.newSpec has no findings at all', () => {
  assert.deepEqual(checkText(STARTER_SPEC).findings, []);
});

test('the starter spec uses documentation addresses only', () => {
  const v4 = [...STARTER_SPEC.matchAll(/\b\d+\.\d+\.\d+\.\d+\b/g)].map((m) => m[0]);
  assert.ok(v4.length > 0);
  for (const a of v4) assert.match(a, /^(192\.0\.2|198\.51\.100|203\.0\.113)\./, a);
});
