import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpecDocuments } from '../../../core/service';

const text = ['version: 1', 'networks:', '  n: { parent: eth0, subnet: 192.0.2.0/24 }', ''].join('\n');

test('one parse per version; a settings change re-checks on the same parse', () => {
  const docs = new SpecDocuments();
  const settings = {};
  const a = docs.get('u', 1, text, { settings });
  const parsed = a.parsed;
  const result = a.result;
  assert.equal(result.findings.map((f) => f.code).join(), 'MV109');
  const again = docs.get('u', 1, text, { settings });
  assert.equal(again, a);
  assert.equal(again.result, result, 'same options objects: the check is not run again');
  assert.equal(again.isChecked, true);

  const off = docs.get('u', 1, text, { settings: { severity: { MV109: 'off' } } });
  assert.equal(off, a);
  assert.equal(off.isChecked, false);
  assert.deepEqual(off.result.findings, []);
  assert.equal(off.parsed, parsed, 'the parse is reused');
  assert.equal(off.result.parsed, parsed);
});

test('a new version replaces the cached one; an older version never evicts a newer one', () => {
  const docs = new SpecDocuments();
  const v2 = docs.get('u', 2, text, {});
  const v1 = docs.get('u', 1, `${text}\n`, {});
  assert.notEqual(v1, v2);
  assert.equal(docs.peek('u'), v2);
  const v3 = docs.get('u', 3, `${text}# x\n`, {});
  assert.equal(docs.peek('u'), v3);
  docs.delete('u');
  assert.equal(docs.peek('u'), undefined);
});
