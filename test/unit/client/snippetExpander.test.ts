import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandSnippet, snippetChoices } from './snippetExpander';

test('placeholders take their defaults, mirrors copy them, $0 vanishes', () => {
  assert.equal(expandSnippet(['${1:lan}:', '  parent: ${2:eth0}', '  vlan: $1', '$0']), 'lan:\n  parent: eth0\n  vlan: lan\n');
});

test('a mirror before its placeholder still gets the default', () => {
  assert.equal(expandSnippet('$1 ${1:x} ${1}'), 'x x x');
});

test('nested placeholders and choices', () => {
  assert.equal(expandSnippet('${1:vlan${2:10}} $2 ${3|l3,l3s|}'), 'vlan10 10 l3');
  assert.deepEqual([...snippetChoices('${3|l3,l3s|}')], [[3, ['l3', 'l3s']]]);
});

test('overrides replace a tabstop everywhere', () => {
  assert.equal(expandSnippet('${1|a,b|} $1', { values: new Map([[1, 'b']]) }), 'b b');
});

test('escapes and lone dollars are text', () => {
  assert.equal(expandSnippet('\\${1:x} \\} $ {a}'), '${1:x} } $ {a}');
});

test('variables and broken placeholders are refused', () => {
  assert.throws(() => expandSnippet('$TM_FILENAME'), /variables/);
  assert.throws(() => expandSnippet('${1:open'), /expected "}"/);
  assert.throws(() => expandSnippet('${1|a,b'), /unterminated choice/);
});
