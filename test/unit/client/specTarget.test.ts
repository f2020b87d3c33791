import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveSpecTarget } from '../../../client/specTarget';
import { isSpecFileName } from '../../../core/spec/specName';

test('spec file names are the ones the language contribution recognises', () => {
  for (const n of ['macvlan.yaml', 'macvlan.yml', 'edge.macvlan.yaml', 'a.b.macvlan.yml']) assert.ok(isSpecFileName(n), n);
  for (const n of ['macvlan.json', 'spec.yaml', '.macvlan.yaml', 'macvlan.yaml.bak']) assert.ok(!isSpecFileName(n), n);
});

test('a spec file name is used as given, relative to the folder', () => {
  assert.deepEqual(resolveSpecTarget('macvlan.yaml'), { segments: ['macvlan.yaml'], path: 'macvlan.yaml' });
  assert.deepEqual(resolveSpecTarget(' lab/./edge.macvlan.yml '), { segments: ['lab', 'edge.macvlan.yml'], path: 'lab/edge.macvlan.yml' });
  assert.deepEqual(resolveSpecTarget('lab\\macvlan.yaml'), { segments: ['lab', 'macvlan.yaml'], path: 'lab/macvlan.yaml' });
});

test('an empty answer or a folder gets macvlan.yaml', () => {
  assert.deepEqual(resolveSpecTarget(''), { segments: ['macvlan.yaml'], path: 'macvlan.yaml' });
  assert.deepEqual(resolveSpecTarget('./'), { segments: ['macvlan.yaml'], path: 'macvlan.yaml' });
  assert.deepEqual(resolveSpecTarget('infra/lab'), { segments: ['infra', 'lab', 'macvlan.yaml'], path: 'infra/lab/macvlan.yaml' });
  assert.deepEqual(resolveSpecTarget('edge.v2/'), { segments: ['edge.v2', 'macvlan.yaml'], path: 'edge.v2/macvlan.yaml' });
});

test('names that would not be checked, and paths leaving the folder, are refused', () => {
  assert.deepEqual(resolveSpecTarget('net.yaml'), { error: 'Only macvlan.yaml, macvlan.yml or *.macvlan.yaml are checked as specs: try net.macvlan.yaml.' });
  assert.ok('error' in resolveSpecTarget('spec.json'));
  assert.ok('error' in resolveSpecTarget('../macvlan.yaml'));
  assert.ok('error' in resolveSpecTarget('a/../../macvlan.yaml'));
  assert.ok('error' in resolveSpecTarget('/etc/macvlan.yaml'));
  assert.ok('error' in resolveSpecTarget('C:\\specs\\macvlan.yaml'));
});
