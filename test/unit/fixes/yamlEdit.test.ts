import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdits, editsConflict } from '../../../core/fixes/edits';
import { formatScalar, insertKey, removeKey, replaceScalar, scalarText, setMapValue, type YamlText } from '../../../core/fixes/yamlEdit';
import type { TextEdit } from '../../../core/fixes/types';

const y = (lines: string[]): YamlText => {
  const text = lines.join('\n');
  return { text, doc: parseDocument(text) };
};
const apply = (t: YamlText, e: TextEdit | undefined): string => {
  assert.ok(e, 'expected an edit');
  return applyEdits(t.text, [e]);
};
const spanOf = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `${needle} not in text`);
  return { start, end: start + needle.length };
};

test('applyEdits: any order in, position order applied; same-offset inserts keep their order', () => {
  const text = 'abcdef';
  const out = applyEdits(text, [
    { span: { start: 4, end: 6 }, newText: 'EF' },
    { span: { start: 0, end: 1 }, newText: 'A' },
    { span: { start: 2, end: 2 }, newText: '1' },
    { span: { start: 2, end: 2 }, newText: '2' },
  ]);
  assert.equal(out, 'Ab12cdEF');
});

test('applyEdits: overlapping edits throw instead of corrupting the text', () => {
  assert.throws(() => applyEdits('abcdef', [{ span: { start: 0, end: 3 }, newText: '' }, { span: { start: 2, end: 4 }, newText: '' }]), RangeError);
  assert.throws(() => applyEdits('abc', [{ span: { start: 2, end: 9 }, newText: '' }]), RangeError);
});

test('editsConflict: overlap and same insertion point conflict; touching ranges do not', () => {
  const e = (start: number, end: number): TextEdit => ({ span: { start, end }, newText: 'x' });
  assert.equal(editsConflict(e(0, 3), e(2, 4)), true);
  assert.equal(editsConflict(e(5, 5), e(5, 5)), true);
  assert.equal(editsConflict(e(0, 3), e(3, 5)), false);
  assert.equal(editsConflict(e(4, 4), e(0, 3)), false);
});

test('scalarText/replaceScalar keep the quoting style', () => {
  const text = `a: "10.0.0.5/24"\nb: '10.0.0.6'\nc: 10.0.0.7\n`;
  assert.deepEqual(scalarText(text, spanOf(text, '"10.0.0.5/24"')).value, '10.0.0.5/24');
  assert.equal(applyEdits(text, [replaceScalar(text, spanOf(text, '"10.0.0.5/24"'), '10.0.0.0/24')]), `a: "10.0.0.0/24"\nb: '10.0.0.6'\nc: 10.0.0.7\n`);
  assert.equal(applyEdits(text, [replaceScalar(text, spanOf(text, "'10.0.0.6'"), "it's")]), `a: "10.0.0.5/24"\nb: 'it''s'\nc: 10.0.0.7\n`);
  assert.equal(applyEdits(text, [replaceScalar(text, spanOf(text, '10.0.0.7'), 'eth0')]), `a: "10.0.0.5/24"\nb: '10.0.0.6'\nc: eth0\n`);
  // A plain scalar that would read back as another type gets quotes.
  assert.equal(applyEdits(text, [replaceScalar(text, spanOf(text, '10.0.0.7'), '10')]), `a: "10.0.0.5/24"\nb: '10.0.0.6'\nc: "10"\n`);
  assert.equal(applyEdits(text, [replaceScalar(text, spanOf(text, '10.0.0.7'), 10)]), `a: "10.0.0.5/24"\nb: '10.0.0.6'\nc: 10\n`);
});

test('formatScalar: every value it writes reads back as the same string (seeded)', () => {
  // Numbers in other notations, YAML 1.2 specials and YAML 1.1 bools were written plain and read back as numbers/bools.
  const tricky = ['0x1F', '0o17', '1e3', '1E-3', '+12', '-0', '.5', '.inf', '-.Inf', '.NaN', 'null', 'Null', '~', 'true', 'False',
    'yes', 'No', 'on', 'OFF', 'y', 'n', '1_000', '010', '1.', '192.0.2.1', '02:00:c0:a8:0a:0a', 'eth0.10', '2001:db8::', ':x', 'a#b', 'a #b', '-', '- a', '? a', ''];
  for (const v of tricky) assert.deepEqual(parseDocument(`k: ${formatScalar(v)}`).toJS(), { k: v }, v);
  for (const v of ['0x1F', '1e3', '.inf', '0o17', 'null']) assert.equal(formatScalar(v), JSON.stringify(v), v);
  let seed = 0x9e3779b9;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
  const alphabet = '0123456789abcdefxoEe.+-_:/~ nulltrueyfas#';
  for (let i = 0; i < 20000; i++) {
    let v = '';
    const n = 1 + Math.floor(rnd() * 6);
    for (let j = 0; j < n; j++) v += alphabet[Math.floor(rnd() * alphabet.length)];
    const doc = parseDocument(`k: ${formatScalar(v)}`);
    assert.equal(doc.errors.length, 0, `${JSON.stringify(v)} → ${formatScalar(v)}`);
    assert.deepEqual(doc.toJS(), { k: v }, `${JSON.stringify(v)} → ${formatScalar(v)}`);
  }
});

test('formatScalar: addresses stay plain, ambiguous text is quoted', () => {
  assert.equal(formatScalar('192.168.10.0/24'), '192.168.10.0/24');
  assert.equal(formatScalar('2001:db8:10::1'), '2001:db8:10::1');
  assert.equal(formatScalar('fd00::/64'), 'fd00::/64');
  assert.equal(formatScalar('::1'), '::1');
  assert.equal(formatScalar('2001:db8::'), '"2001:db8::"');
  assert.equal(formatScalar('1.5'), '"1.5"');
  assert.equal(formatScalar('yes'), '"yes"');
  assert.equal(formatScalar('a b'), '"a b"');
  for (const v of ['192.168.10.0/24', '2001:db8:10::1', '::1', '2001:db8::', '1.5', 'yes', 'a: b']) {
    assert.deepEqual(parseDocument(`k: ${formatScalar(v)}`).toJS(), { k: v }, v);
  }
});

test('insertKey: block map, after the sibling line (its comment stays), same indentation', () => {
  const t = y(['networks:', '  lan:', '    subnet: 10.1.0.0/24   # office', '    parent: eth0', '']);
  assert.equal(apply(t, insertKey(t, ['networks', 'lan'], 'subnet', 'gateway', '10.1.0.1')),
    ['networks:', '  lan:', '    subnet: 10.1.0.0/24   # office', '    gateway: 10.1.0.1', '    parent: eth0', ''].join('\n'));
});

test('insertKey: last key at end of file without a newline; CRLF files get CRLF', () => {
  const t = y(['networks:', '  lan:', '    subnet: 10.1.0.0/24']);
  assert.equal(apply(t, insertKey(t, ['networks', 'lan'], 'subnet', 'gateway', '10.1.0.1')),
    ['networks:', '  lan:', '    subnet: 10.1.0.0/24', '    gateway: 10.1.0.1', ''].join('\n'));
  const crlf = { text: 'networks:\r\n  lan:\r\n    subnet: 10.1.0.0/24\r\n    parent: eth0\r\n', doc: parseDocument('networks:\r\n  lan:\r\n    subnet: 10.1.0.0/24\r\n    parent: eth0\r\n') };
  assert.equal(apply(crlf, insertKey(crlf, ['networks', 'lan'], 'subnet', 'gateway', '10.1.0.1')),
    'networks:\r\n  lan:\r\n    subnet: 10.1.0.0/24\r\n    gateway: 10.1.0.1\r\n    parent: eth0\r\n');
});

test('insertKey: after a sibling whose value is a block map', () => {
  const t = y(['networks:', '  lan:', '    parent: eth0', '    aux_addresses:', '      r: 10.1.0.2', '', '    subnet: 10.1.0.0/24', '']);
  assert.equal(apply(t, insertKey(t, ['networks', 'lan'], 'aux_addresses', 'vlan', 10)),
    ['networks:', '  lan:', '    parent: eth0', '    aux_addresses:', '      r: 10.1.0.2', '    vlan: 10', '', '    subnet: 10.1.0.0/24', ''].join('\n'));
});

test('insertKey: flow maps get ", key: value" after the sibling; empty flow map too', () => {
  const t = y(['networks:', '  lan: { subnet: 10.1.0.0/24, parent: eth0 }', '']);
  assert.equal(apply(t, insertKey(t, ['networks', 'lan'], 'subnet', 'gateway', '10.1.0.1')),
    ['networks:', '  lan: { subnet: 10.1.0.0/24, gateway: 10.1.0.1, parent: eth0 }', ''].join('\n'));
  const e = y(['networks:', '  lan: {}', '']);
  const out = apply(e, insertKey(e, ['networks', 'lan'], undefined, 'parent', 'eth0'));
  assert.deepEqual(parseDocument(out).toJS(), { networks: { lan: { parent: 'eth0' } } });
});

test('insertKey: a map value follows the document indentation step (4 spaces here)', () => {
  const t = y(['networks:', '    lan:', '        subnet: 10.1.0.0/24', '        parent: eth0', '']);
  const out = apply(t, insertKey(t, ['networks', 'lan'], 'subnet', 'ip_range', [['h1', '10.1.0.0/25'], ['h2', '10.1.0.128/25']]));
  assert.equal(out, ['networks:', '    lan:', '        subnet: 10.1.0.0/24', '        ip_range:', '            h1: 10.1.0.0/25', '            h2: 10.1.0.128/25', '        parent: eth0', ''].join('\n'));
});

test('setMapValue: scalar under a block map becomes a nested block map, comment kept', () => {
  const t = y(['networks:', '  lan:', '    ip_range: 10.1.0.128/25  # pool', '    parent: eth0', '']);
  assert.equal(apply(t, setMapValue(t, ['networks', 'lan'], 'ip_range', [['h1', '10.1.0.128/26'], ['h2', '10.1.0.192/26']])),
    ['networks:', '  lan:', '    ip_range:', '      h1: 10.1.0.128/26', '      h2: 10.1.0.192/26  # pool', '    parent: eth0', ''].join('\n'));
});

test('setMapValue: a block map keeps its indentation; flow stays flow', () => {
  const t = y(['networks:', '  lan:', '    ip_range:', '      h1: 10.1.0.0/25', '      h2: 10.1.0.0/25', '', '    parent: eth0', '']);
  assert.equal(apply(t, setMapValue(t, ['networks', 'lan'], 'ip_range', [['h1', '10.1.0.0/25'], ['h2', '10.1.0.128/25']])),
    ['networks:', '  lan:', '    ip_range:', '      h1: 10.1.0.0/25', '      h2: 10.1.0.128/25', '', '    parent: eth0', ''].join('\n'));
  const f = y(['networks:', '  lan:', '    ip_range: { h1: 10.1.0.0/25, h2: 10.1.0.0/25 }', '']);
  assert.equal(apply(f, setMapValue(f, ['networks', 'lan'], 'ip_range', [['h1', '10.1.0.0/25'], ['h2', '10.1.0.128/25']])),
    ['networks:', '  lan:', '    ip_range: { h1: 10.1.0.0/25, h2: 10.1.0.128/25 }', ''].join('\n'));
  const p = y(['networks:', '  lan: { subnet: 10.1.0.0/24, ip_range: 10.1.0.0/24 }', '']);
  assert.equal(apply(p, setMapValue(p, ['networks', 'lan'], 'ip_range', [['h1', '10.1.0.0/25'], ['h2', '10.1.0.128/25']])),
    ['networks:', '  lan: { subnet: 10.1.0.0/24, ip_range: { h1: 10.1.0.0/25, h2: 10.1.0.128/25 } }', ''].join('\n'));
});

test('removeKey: whole lines in block maps (nested value too), one comma in flow maps', () => {
  const t = y(['networks:', '  lan:', '    colour: blue', '    labels:', '      a: b', '    parent: eth0', '']);
  assert.equal(apply(t, removeKey(t, ['networks', 'lan', 'colour'])), ['networks:', '  lan:', '    labels:', '      a: b', '    parent: eth0', ''].join('\n'));
  assert.equal(apply(t, removeKey(t, ['networks', 'lan', 'labels'])), ['networks:', '  lan:', '    colour: blue', '    parent: eth0', ''].join('\n'));
  const f = y(['lan: { a: 1, b: 2, c: 3 }']);
  assert.equal(apply(f, removeKey(f, ['lan', 'a'])), 'lan: { b: 2, c: 3 }');
  assert.equal(apply(f, removeKey(f, ['lan', 'b'])), 'lan: { a: 1, c: 3 }');
  assert.equal(apply(f, removeKey(f, ['lan', 'c'])), 'lan: { a: 1, b: 2 }');
  assert.equal(removeKey(f, ['lan', 'zzz']), undefined);
});
