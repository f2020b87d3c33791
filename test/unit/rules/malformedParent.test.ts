import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const withParent = (parent: string, extra = ''): string => `
version: 1
networks:
  lan:
    parent: ${parent}
    subnet: 192.0.2.0/24${extra}
`;

describe('MV301 malformedParent', () => {
  it('fires for more than one dot, without fix data', () => {
    const c = check(withParent('eth0.10.20'));
    const [f, ...more] = c.of('MV301');
    assert.equal(more.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(c.textAt(f), 'eth0.10.20');
    assert.deepEqual(f.path, ['networks', 'lan', 'parent']);
    assert.deepEqual(f.related, []);
    assert.equal(f.data, undefined);
    assert.equal(
      f.message,
      "parent eth0.10.20 of network lan: more than one '.': Docker reads the parent as name.vlan_id (eth0.10) — use parent: eth0 and vlan:",
    );
  });

  it('says what is wrong with the VLAN id', () => {
    const msg = (parent: string): string | undefined => check(withParent(parent)).of('MV301')[0]?.message;
    assert.equal(msg('eth0.abc'), "parent eth0.abc of network lan: VLAN id 'abc' is not a number (expected name.vlan_id, e.g. eth0.10)");
    assert.equal(msg('eth0.5000'), 'parent eth0.5000 of network lan: VLAN id 5000 is outside 1..4094');
    assert.equal(msg('eth0.0'), 'parent eth0.0 of network lan: VLAN id 0 is outside 1..4094');
    assert.equal(msg('eth0.'), "parent eth0. of network lan: missing VLAN id after '.' (expected name.vlan_id, e.g. eth0.10)");
    assert.equal(msg('".10"'), "parent .10 of network lan: missing interface name before '.' (expected name.vlan_id, e.g. eth0.10)");
  });

  it('offers splitParent for a leading zero, the one case with a sound VLAN id', () => {
    const [f] = check(withParent('eth0.010')).of('MV301');
    assert.equal(f.message, 'parent eth0.010 of network lan: leading zero in VLAN id 010 — write eth0.10');
    assert.deepEqual(f.data, { fix: 'splitParent', network: 'lan' });
  });

  it('fires for names the kernel refuses, counting the VLAN suffix Docker appends', () => {
    const msg = (parent: string, extra = ''): string | undefined => check(withParent(parent, extra)).of('MV301')[0]?.message;
    assert.equal(msg('enp0s31f6verylong'), "parent enp0s31f6verylong of network lan: the name is longer than 15 characters, the kernel's limit");
    assert.equal(
      msg('enp0s31f6abcd', '\n    vlan: 100'),
      "parent enp0s31f6abcd of network lan: the link name enp0s31f6abcd.100 Docker would create is longer than 15 characters, the kernel's limit",
    );
    assert.equal(msg('"eth 0"'), 'parent eth 0 of network lan: interface names cannot contain whitespace');
  });

  it('stays quiet for well-formed parents', () => {
    for (const [parent, extra] of [['eth0', ''], ['eth0.10', ''], ['bond0', '\n    vlan: 4094'], ['enp0s31f6.4094', ''], ['eth0.10', '\n    vlan: 20']]) {
      const c = check(withParent(parent, extra));
      assert.deepEqual(c.of('MV301'), [], parent);
    }
  });
});
