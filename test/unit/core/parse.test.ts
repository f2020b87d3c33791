import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { MAX_SPEC_CHARS, parseSpec } from '../../../core/spec/parse';

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

test('parse: model keeps offsets of keys and values', () => {
  const text = [
    'version: 1',
    'networks:',
    '  vlan10:',
    '    parent: eth0.10',
    '    subnet: "192.0.2.0/24"',
    '    ip_range: { h1: 192.0.2.0/25, h2: 192.0.2.128/25 }',
    '    aux_addresses: { sw: 192.0.2.2 }',
    'containers:',
    '  web:',
    '    image: nginx',
    '    networks:',
    '      vlan10: { ipv4_address: 192.0.2.10 }',
    '      other:',
    '',
  ].join('\n');
  const { model, syntax } = parseSpec(text);
  assert.deepEqual(syntax, []);
  const n = model.networks[0];
  assert.equal(n.name, 'vlan10');
  assert.equal(at(text, n.keySpan), 'vlan10');
  assert.equal(at(text, n.subnet!.span), '"192.0.2.0/24"');
  assert.equal(n.subnet!.value, '192.0.2.0/24');
  assert.deepEqual(n.subnet!.path, ['networks', 'vlan10', 'subnet']);
  assert.deepEqual(n.ipRangeByHost!.map((r) => [r.host, r.range.value]), [['h1', '192.0.2.0/25'], ['h2', '192.0.2.128/25']]);
  assert.equal(at(text, n.aux[0].value.span), '192.0.2.2');
  assert.equal(model.hostsDeclared, false);
  assert.deepEqual(model.hosts.map((h) => h.name), ['local']);
  const c = model.containers[0];
  assert.deepEqual(c.networks.map((a) => a.name), ['vlan10', 'other']);
  assert.equal(at(text, c.networks[0].ipv4!.span), '192.0.2.10');
  assert.equal(c.networks[1].ipv4, undefined);
});

test('parse: duplicate keys are MV000 at the second key, with the first as related', () => {
  const text = 'version: 1\nnetworks:\n  a:\n    subnet: 192.0.2.0/24\n    subnet: 198.51.100.0/24\n';
  const { syntax } = parseSpec(text);
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].code, 'MV000');
  assert.equal(syntax[0].span.start, text.lastIndexOf('subnet'));
  assert.deepEqual(syntax[0].path, ['networks', 'a', 'subnet']);
  assert.equal(syntax[0].related[0].span.start, text.indexOf('subnet'));
});

test('parse: syntax errors and a non-mapping top are MV000', () => {
  const bad = parseSpec('version: 1\nnetworks: [\n');
  assert.ok(bad.syntax.length >= 1);
  assert.ok(bad.syntax.every((f) => f.code === 'MV000' && f.span.end <= 'version: 1\nnetworks: [\n'.length));
  const list = parseSpec('- a\n- b\n');
  assert.equal(list.syntax.length, 1);
  assert.match(list.syntax[0].message, /mapping at the top/);
  assert.equal(list.value, undefined);
});

test('parse: alias bombs are refused, not expanded', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) lines.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill('*' + 'abcdefghij'[i - 1]).join(', ')}]`);
  const { syntax } = parseSpec(lines.join('\n') + '\n');
  assert.ok(syntax.some((f) => f.code === 'MV000' && /alias|Excessive/i.test(f.message)), JSON.stringify(syntax));
});

test('parse: an empty file is an empty mapping', () => {
  const r = parseSpec('');
  assert.deepEqual(r.syntax, []);
  assert.deepEqual(r.value, {});
  assert.equal(r.model.networks.length, 0);
});

test('past the size cap parseSpec reads nothing: one MV000 on the first line, an empty model (CLI, server and extension host alike)', () => {
  const text = 'version: 1\nnetworks:\n' + '#'.repeat(MAX_SPEC_CHARS);
  const p = parseSpec(text);
  assert.equal(p.text, text);
  assert.equal(p.value, undefined);
  assert.deepEqual(p.model.networks, []);
  assert.deepEqual(p.syntax.map((f) => [f.code, f.span]), [['MV000', { start: 0, end: 'version: 1'.length }]]);
  assert.match(p.syntax[0].message, /^this spec is too large to check \(20\.0 MiB; the limit is 20 MiB\)/);
  assert.deepEqual(checkText(text).findings.map((f) => f.code), ['MV000']);
});

test('more than 100 YAML syntax errors: the first 100 one by one, then one finding that counts the rest', () => {
  const text = 'version: 1\nnetworks:\n  lan:\n    parent: ' + "'a' 'b'".repeat(300) + '\n';
  const p = parseSpec(text);
  const syntax = p.syntax.filter((f) => f.message.startsWith('YAML syntax error'));
  assert.equal(syntax.length, 100);
  const more = p.syntax.filter((f) => / more YAML syntax errors from here on are not listed — fix the ones above first$/.test(f.message));
  assert.equal(more.length, 1);
  assert.ok(more[0].span.start >= syntax[99].span.start);
});
