import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const NETS = `
networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
`;

describe('MV002 unsupportedVersion', () => {
  it('reports a newer version on its value', () => {
    const c = check(`version: 2\n${NETS}`);
    const [f, ...more] = c.of('MV002');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), '2');
    assert.deepEqual(f.path, ['version']);
    assert.match(f.message, /^version 2 is newer than this release of macvlan-spec reads \(only version 1\)/);
    assert.match(f.message, /update macvlan-spec/);
    assert.deepEqual(f.related, []);
    assert.equal(f.data, undefined);
  });

  it('reports version 0 as a version that never existed', () => {
    const c = check(`version: 0\n${NETS}`);
    const [f] = c.of('MV002');
    assert.equal(c.textAt(f), '0');
    assert.match(f.message, /^version 0 does not exist: the only format version is 1/);
  });

  it('is quiet on version 1 (also written 1.0, which YAML reads as 1)', () => {
    assert.deepEqual(check(`version: 1\n${NETS}`).findings, []);
    assert.deepEqual(check(`version: 1.0\n${NETS}`).of('MV002'), []);
  });

  it('leaves a non-integer or missing version to the schema (MV001), not twice', () => {
    for (const v of ['"1"', '"2"', '1.5', 'null']) {
      const c = check(`version: ${v}\n${NETS}`);
      assert.deepEqual(c.of('MV002'), [], v);
      assert.ok(c.of('MV001').some((f) => f.path[0] === 'version'), v);
    }
    const missing = check(NETS);
    assert.deepEqual(missing.of('MV002'), []);
    assert.ok(missing.of('MV001').length > 0);
  });
});
