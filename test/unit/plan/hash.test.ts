import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, stableHash } from '../../../core/plan/hash';
import { splitCommand } from '../../../core/plan/command';
import { factsOf } from './helpers';
import { desiredFor } from '../../../core/plan/desired';
import { HASH_LABEL } from '../../../core/observed';

describe('stableHash', () => {
  it('ignores key order and undefined values, not array order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } }), '{"a":{"d":[1,2]},"b":1}');
    assert.equal(stableHash({ a: 1, b: 2 }), stableHash({ b: 2, a: 1 }));
    assert.notEqual(stableHash([1, 2]), stableHash([2, 1]));
    assert.match(stableHash('x'), /^[0-9a-f]{16}$/);
    assert.equal(stableHash(''), '07cc7607b4949e25'); // FNV-1a 64 of the two bytes '""' (checked with Python)
  });

  it('gives the same network hash for the same definition written differently', () => {
    const a = `version: 1\nnetworks:\n  n:\n    parent: eth0.10\n    subnet: 192.0.2.0/24\n    gateway: 192.0.2.1\n    labels: { b: "2", a: "1" }\n    ipv6: { subnet: "2001:db8:0:0::/64" }\n`;
    const b = `version: 1\nnetworks:\n  n:\n    labels: { a: "1", b: "2" }\n    ipv6: { subnet: "2001:db8::/64" }\n    gateway: 192.0.2.1\n    subnet: 192.0.2.0/24\n    vlan: 10\n    parent: eth0\n    mode: bridge\n    driver: macvlan\n`;
    const ha = desiredFor(factsOf(a), 'local').networks[0].labels[HASH_LABEL];
    const hb = desiredFor(factsOf(b), 'local').networks[0].labels[HASH_LABEL];
    assert.equal(ha, hb);
  });
});

describe('splitCommand', () => {
  it('splits like a shell, without one', () => {
    assert.deepEqual(splitCommand('nginx -g "daemon off;"'), ['nginx', '-g', 'daemon off;']);
    assert.deepEqual(splitCommand(`sh -c 'echo "$HOME"'  x\\ y ""`), ['sh', '-c', 'echo "$HOME"', 'x y', '']);
    assert.deepEqual(splitCommand('  sleep\t3600\n'), ['sleep', '3600']);
    assert.deepEqual(splitCommand('a "b\\"c"'), ['a', 'b"c']);
    assert.deepEqual(splitCommand('unbalanced "rest of it'), ['unbalanced', 'rest of it']);
    assert.deepEqual(splitCommand(''), []);
  });
});
