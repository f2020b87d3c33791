import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Scalar, YAMLMap, YAMLSeq, Pair } from 'yaml';
import { parseSpec } from '../../../core/spec/parse';
import { factoryWorks, nodeFactory, type NodeFactory } from '../../../core/spec/yamlNodeFactory';

test('the node factory passes its own check with the installed yaml package, so specs take the fast path', () => {
  assert.ok(nodeFactory, 'nodeFactory failed its load-time check: every parse would take the slow path');
  assert.equal(factoryWorks(nodeFactory), true);
  assert.equal(parseSpec('version: 1\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24 }\n').fast, true);
});

test('the check refuses a factory whose nodes the package does not recognise (what a changed yaml internal would do)', () => {
  const plainObjects: NodeFactory = {
    scalar: (value, type, source, range) => ({ value, type, source, range }) as unknown as Scalar,
    map: () => ({ items: [] }) as unknown as YAMLMap,
    seq: () => ({ items: [] }) as unknown as YAMLSeq,
    pair: (key, value) => ({ key, value }) as unknown as Pair,
  };
  assert.equal(factoryWorks(plainObjects), false);
  // The package's own constructors are the reference: they must pass.
  const constructors: NodeFactory = {
    scalar: (value, type, source, range) => Object.assign(new Scalar(value), { type, source, range }),
    map: () => new YAMLMap(),
    seq: () => new YAMLSeq(),
    pair: (key, value) => new Pair(key, value),
  };
  assert.equal(factoryWorks(constructors), true);
});
