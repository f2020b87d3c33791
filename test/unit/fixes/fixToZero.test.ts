import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeActions } from '../../../core/service/codeActions';
import { SpecDocument } from '../../../core/service/document';

const MISTAKES = path.resolve(__dirname, '../../../examples/mistakes.macvlan.yaml');

/** Applies LSP-style edits (offsets in the text they were made for), last first. */
function apply(text: string, edits: { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

test('examples/mistakes.macvlan.yaml is fixed to zero errors by quick fixes alone (the first offered for each error, in turn)', () => {
  let text = readFileSync(MISTAKES, 'utf8');
  const applied: string[] = [];
  for (let round = 0; round < 60; round++) {
    const doc = new SpecDocument(text, { uri: 'file:///examples/mistakes.macvlan.yaml', version: round, options: { specPath: '/examples/mistakes.macvlan.yaml' } });
    const errors = doc.result.findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) break;
    const f = errors[0];
    const fix = codeActions(doc, { diagnostics: [{ code: f.code, span: f.span, data: f.data }] }).find((a) => a.kind === 'quickfix' && !a.disabled && a.edits.length > 0 && !a.title.startsWith('Disable') && !a.title.startsWith('Fix all'));
    assert.ok(fix, `no quick fix for ${f.code}: ${f.message}\nafter: ${applied.join('; ')}`);
    applied.push(`${f.code}: ${fix.title}`);
    text = apply(text, fix.edits);
  }
  const final = new SpecDocument(text, { options: { specPath: '/examples/mistakes.macvlan.yaml' } }).result.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(final.map((f) => `${f.code} ${f.message}`), [], `applied: ${applied.join('; ')}`);
  assert.ok(applied.length >= 18, `one fix per error at least (${applied.length})`);
});
