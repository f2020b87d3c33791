import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { applyEdits } from '../../../core/fixes';
import { definitionAt, prepareRename, referencesAt, rename } from '../../../core/service';
import { docOf, offsetOf, slice } from './helpers';

const spec = [
  'version: 1',
  'hosts:',
  '  lab1: { docker: ssh://ops@lab1.example }',
  '  "lab2": { docker: ssh://ops@lab2.example }',
  'networks:',
  '  vlan10:',
  '    parent: eth0.10',
  '    subnet: 192.0.2.0/24',
  '    gateway: 192.0.2.1',
  '    hosts: [lab1, lab2]',
  '    ip_range: { lab1: 192.0.2.128/26, lab2: 192.0.2.192/26 }',
  '  other: { parent: eth1, subnet: 198.51.100.0/24, gateway: 198.51.100.1, hosts: [lab2] }',
  'containers:',
  '  web:',
  '    image: nginx',
  '    host: lab1',
  '    networks:',
  '      vlan10:',
  '        ipv4_address: 192.0.2.10',
  '  api:',
  '    image: api',
  '    host: "lab2"',
  '    networks: { vlan10: { ipv4_address: 192.0.2.11 }, other: {} }',
];
const doc = docOf(spec);
const text = doc.text;
const texts = (spans: { start: number; end: number }[]): string[] => spans.map((s) => `${slice(text, s)}@${text.slice(0, s.start).split('\n').length}`);

test('definition and references of a network name, from the definition or a use', () => {
  const fromUse = offsetOf(text, 'vlan10: {', 2);
  assert.equal(slice(text, definitionAt(doc, fromUse)!), 'vlan10');
  assert.deepEqual(texts(referencesAt(doc, fromUse, true)), ['vlan10@6', 'vlan10@18', 'vlan10@23']);
  assert.deepEqual(texts(referencesAt(doc, offsetOf(text, 'vlan10:'), false)), ['vlan10@18', 'vlan10@23']);
});

test('references of a host name: container host, network hosts lists, ip_range keys', () => {
  const refs = referencesAt(doc, offsetOf(text, 'lab2', 1), true);
  assert.deepEqual(texts(refs), ['"lab2"@4', 'lab2@10', 'lab2@11', 'lab2@12', '"lab2"@22']);
  assert.equal(slice(text, definitionAt(doc, offsetOf(text, 'host: lab1', 7))!), 'lab1');
  assert.deepEqual(referencesAt(doc, offsetOf(text, 'nginx'), true), [], 'not a name');
});

test('renaming a network updates its definition and every attachment; the spec still checks clean', () => {
  const before = checkText(text).findings.map((f) => f.code);
  const r = rename(doc, offsetOf(text, 'vlan10', 1, 1), 'lan10');
  assert.ok(r && 'edits' in r);
  assert.equal(r.edits.length, 3);
  const out = applyEdits(text, r.edits);
  assert.equal((out.match(/lan10/g) ?? []).length, 3);
  assert.ok(!out.includes('vlan10'));
  assert.deepEqual(checkText(out).findings.map((f) => f.code), before);
});

test('renaming a host updates all references and keeps quotes where they were', () => {
  const r = rename(doc, offsetOf(text, 'ip_range: { lab1', 13), 'rack-1');
  assert.ok(r && 'edits' in r);
  const out = applyEdits(text, r.edits);
  assert.ok(!/\blab1\b(?!\.example)/.test(out), out);
  assert.match(out, /^ {2}rack-1: \{ docker/m);
  assert.match(out, /hosts: \[rack-1, lab2\]/);
  assert.match(out, /ip_range: \{ rack-1: 192/);
  assert.match(out, /host: rack-1/);
  const r2 = rename(doc, offsetOf(text, 'host: "lab2"', 8), 'lab-b');
  assert.ok(r2 && 'edits' in r2);
  const out2 = applyEdits(text, r2.edits);
  assert.match(out2, /^ {2}"lab-b": \{/m);
  assert.match(out2, /host: "lab-b"/);
  assert.equal(checkText(out2).findings.filter((f) => f.code === 'MV502').length, 0);
});

test('rename checks the new name and the place', () => {
  const at = offsetOf(text, 'other:', 1);
  assert.deepEqual(prepareRename(doc, at), { span: { start: offsetOf(text, 'other:'), end: offsetOf(text, 'other:') + 5 }, placeholder: 'other' });
  assert.deepEqual(prepareRename(doc, offsetOf(text, '"lab2":', 2)), { span: { start: offsetOf(text, '"lab2":', 1), end: offsetOf(text, '"lab2":', 5) }, placeholder: 'lab2' });
  assert.match((rename(doc, at, 'bad name') as { error: string }).error, /not a valid network name/);
  assert.match((rename(doc, at, 'vlan10') as { error: string }).error, /a network named "vlan10" already exists/);
  assert.equal(prepareRename(doc, offsetOf(text, 'nginx')), undefined);
  const implicit = docOf(['version: 1', 'networks: { n: { parent: eth0 } }', 'containers:', '  c1: { image: i, host: local }']);
  assert.match((prepareRename(implicit, offsetOf(implicit.text, 'local', 1)) as { error: string }).error, /not defined under hosts/);
});
