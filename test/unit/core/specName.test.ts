import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { complete, hover } from '../../../core/service';
import { SpecDocuments, uriPath } from '../../../core/service/document';
import { defaultSpecName, specName } from '../../../core/spec/specName';
import { docAt } from '../service/helpers';

test('the default name: file name without .macvlan.yaml, the folder for a plain macvlan.yaml, compose-style cleaned', () => {
  assert.equal(defaultSpecName('/srv/specs/lab.macvlan.yaml'), 'lab');
  assert.equal(defaultSpecName('lab.macvlan.yml'), 'lab');
  assert.equal(defaultSpecName('/home/ops/Home Lab/macvlan.yaml'), 'homelab');
  assert.equal(defaultSpecName('C:\\specs\\Edge_1\\macvlan.yml'), 'edge_1');
  assert.equal(defaultSpecName('/srv/My.Spec.macvlan.yaml'), 'myspec');
  assert.equal(defaultSpecName('/srv/%C3%A9t%C3%A9.macvlan.yaml'), 't', 'decoded, then only [a-z0-9_-] kept');
  assert.equal(defaultSpecName('/macvlan.yaml'), undefined, 'no folder to take it from');
  assert.equal(defaultSpecName('/srv/-.macvlan.yaml'), undefined);
  assert.equal(defaultSpecName('/srv/compose.yaml'), undefined);
  assert.equal(defaultSpecName(undefined), undefined);
  assert.equal(defaultSpecName(`/srv/${'a'.repeat(80)}.macvlan.yaml`)?.length, 63);
});

test("name: wins when valid; an invalid one is the schema's error and the file's name stands in", () => {
  assert.equal(specName({ name: { value: 'homelab', span: { start: 0, end: 0 }, path: ['name'] } }, '/x/lab.macvlan.yaml'), 'homelab');
  assert.equal(specName({ name: { value: 'Home Lab', span: { start: 0, end: 0 }, path: ['name'] } }, '/x/lab.macvlan.yaml'), 'lab');
  assert.equal(specName({}, undefined), 'default');
  const bad = checkText('version: 1\nname: Home Lab\n', { specPath: '/x/lab.macvlan.yaml' });
  assert.deepEqual(bad.findings.map((f) => [f.code, f.path]), [['MV001', ['name']]]);
  assert.equal(bad.facts.specName, 'lab');
  assert.equal(checkText('version: 1\nname: edge-2\n').facts.specName, 'edge-2');
});

test('an editor document takes its default name from its URI', () => {
  assert.equal(uriPath('file:///home/ops/Home%20Lab/macvlan.yaml'), '/home/ops/Home%20Lab/macvlan.yaml');
  const docs = new SpecDocuments();
  const d = docs.get('file:///home/ops/Home%20Lab/macvlan.yaml', 1, 'version: 1\n', {});
  assert.equal(d.result.facts.specName, 'homelab');
  assert.equal(docs.get('untitled:Untitled-1', 1, 'version: 1\n', {}).result.facts.specName, 'default');
});

test('completion offers the name the file gives the spec; hover says where the name comes from and what apply does with it', () => {
  const { doc, offset } = docAt(['version: 1', 'name: ¦'], { specPath: '/srv/lab.macvlan.yaml' });
  const items = complete(doc, offset);
  assert.deepEqual(items.map((i) => i.label), ['lab']);
  assert.match(items[0].documentation ?? '', /io\.macvlan-spec\.spec=lab/);

  const named = docAt(['version: 1', 'name: home¦lab'], { specPath: '/srv/lab.macvlan.yaml' });
  const h = hover(named.doc, named.offset);
  assert.match(h?.markdown ?? '', /^\*\*Spec `homelab`\*\* \(set by `name:`\)\n\nEverything apply creates carries the label `io\.macvlan-spec\.spec=homelab`/);
  const unnamed = docAt(['vers¦ion: 1'], { specPath: '/srv/lab.macvlan.yaml' });
  assert.match(hover(unnamed.doc, unnamed.offset)?.markdown ?? '', /\*\*Spec `lab`\*\* \(from the file name; set `name:` to choose another\)/);
});
