import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const net = (parent: string, vlan: string): string => `
version: 1
networks:
  vlan10:
    parent: ${parent}
    vlan: ${vlan}
    subnet: 192.0.2.0/24
`;

describe('MV302 parentVlanMismatch', () => {
  it('fires on the parent when its VLAN suffix and vlan: disagree, with splitParent data', () => {
    const c = check(net('eth0.10', '20'));
    const [f, ...more] = c.of('MV302');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'eth0.10');
    assert.deepEqual(f.path, ['networks', 'vlan10', 'parent']);
    assert.equal(f.related.length, 1);
    assert.equal(c.textAt(f.related[0]), '20');
    assert.deepEqual(f.related[0].path, ['networks', 'vlan10', 'vlan']);
    assert.deepEqual(f.data, { fix: 'splitParent', network: 'vlan10' });
    assert.equal(f.message, 'parent eth0.10 of network vlan10 names VLAN 10, but vlan: is 20 (line 5) — write parent: eth0 with the vlan: you mean');
  });

  it('stays quiet when they agree, without a suffix, and when the suffix or vlan: is invalid (MV301 / MV001)', () => {
    assert.deepEqual(check(net('eth0.10', '10')).of('MV302'), []);
    assert.deepEqual(check(net('eth0', '20')).of('MV302'), []);
    const badSuffix = check(net('eth0.x', '20'));
    assert.deepEqual(badSuffix.of('MV302'), []);
    assert.equal(badSuffix.of('MV301').length, 1);
    const badVlan = check(net('eth0.10', '5000'));
    assert.deepEqual(badVlan.of('MV302'), []);
    assert.equal(badVlan.of('MV001').length, 1);
  });
});
