import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import type { Finding } from '../../../core/findings';
import { applyEdits } from '../../../core/fixes';
import { codeActions, FIX_ALL_KIND, minimalEdit, type DiagnosticRef } from '../../../core/service';
import { docOf } from './helpers';

const spec = [
  'version: 1',
  'networks:',
  '  a:',
  '    parent: eth0',
  '    subnet: 192.0.2.5/24',
  '    gateway: 192.0.2.1',
  '    ip_range: 192.0.2.128/25',
  'containers:',
  '  web:',
  '    image: nginx',
  '    networks:',
  '      a: { ipv4_address: 192.0.2.200 }',
  '',
];
const doc = docOf(spec);
const text = doc.text;
const asDiagnostic = (f: Finding): DiagnosticRef => JSON.parse(JSON.stringify({ code: f.code, span: f.span, data: f.data })) as DiagnosticRef;
const finding = (code: string): Finding => doc.result.findings.find((f) => f.code === code)!;

test('quick fixes bound to each diagnostic, matched on code, span and data', () => {
  const diags = [asDiagnostic(finding('MV102')), asDiagnostic(finding('MV405'))];
  const actions = codeActions(doc, { diagnostics: diags });
  assert.deepEqual(actions.map((a) => [a.title, a.kind, a.diagnostics, a.isPreferred ?? false]), [
    ['Normalise to 192.0.2.0/24', 'quickfix', [0], true],
    ['Give web the free address 192.0.2.2', 'quickfix', [1], false],
    ['Fix all safe problems in file', 'quickfix', [], false],
    ['Disable MV102 for this line', 'quickfix', [0], false],
    ['Disable MV405 for this line', 'quickfix', [1], false],
  ]);
  // Each action, applied, makes its finding go away.
  for (const [i, code] of [[0, 'MV102'], [1, 'MV405'], [3, 'MV102'], [4, 'MV405']] as const) {
    const out = applyEdits(text, actions[i].edits);
    assert.ok(!checkText(out).findings.some((f) => f.code === code), `${actions[i].title} removes ${code}`);
  }
  assert.match(applyEdits(text, actions[4].edits), /a: \{ ipv4_address: 192\.0\.2\.200 \} {2}# macvlan-disable-line MV405\n/);
});

test('a diagnostic whose data does not match any finding gets no fix', () => {
  const d = { ...asDiagnostic(finding('MV102')), data: { fix: 'normaliseCidr', normalised: '10.0.0.0/8' } };
  assert.deepEqual(codeActions(doc, { diagnostics: [d] }), []);
  const unknown: DiagnosticRef = { code: 'MV102', span: { start: 0, end: 1 }, data: { fix: 'toString' } };
  assert.deepEqual(codeActions(doc, { diagnostics: [unknown] }), []);
});

test('fix all as a source action when asked by kind, and only the safe fixes in it', () => {
  const actions = codeActions(doc, { diagnostics: [], only: ['source.fixAll'] });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, FIX_ALL_KIND);
  const out = applyEdits(text, actions[0].edits);
  const codes = checkText(out).findings.map((f) => f.code);
  assert.ok(!codes.includes('MV102'));
  assert.ok(codes.includes('MV405'), 'unsafe fixes are not part of fix-all');
  assert.deepEqual(codeActions(doc, { diagnostics: [asDiagnostic(finding('MV102'))], only: ['refactor'] }), []);
  const clean = docOf(['version: 1', '']);
  assert.deepEqual(codeActions(clean, { diagnostics: [], only: [FIX_ALL_KIND] }), []);
});

test('a minimal edit covers only what changed', () => {
  assert.deepEqual(minimalEdit('a: 1\nb: 2\n', 'a: 1\nb: 3\n'), { span: { start: 8, end: 9 }, newText: '3' });
  assert.deepEqual(minimalEdit('aaa', 'aaaa'), { span: { start: 3, end: 3 }, newText: 'a' });
  assert.deepEqual(minimalEdit('abc', ''), { span: { start: 0, end: 3 }, newText: '' });
});
