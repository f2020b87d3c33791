import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase } from './helpers';

const mismatch = `
    version: 1
    networks:
      lan:
        parent: "eth0.10"
        vlan: 20
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
  `;

test('splitParent (MV302): two unsafe fixes, one per reading', () => {
  const c = fixCase(mismatch, 'MV302');
  assert.deepEqual(c.finding.data, { fix: 'splitParent', network: 'lan' });
  assert.deepEqual(c.fixes.map((f) => [f.title, f.safe]), [
    ['Use VLAN 10 from the parent (parent: eth0, vlan: 10)', false],
    ['Use vlan: 20 (parent: eth0)', false],
  ]);
  const fromParent = applyAndRecheck(c, c.fixes[0]);
  assert.match(fromParent, /parent: "eth0"\n {4}vlan: 10\n/);
  const fromVlan = applyAndRecheck(c, c.fixes[1]);
  assert.match(fromVlan, /parent: "eth0"\n {4}vlan: 20\n/);
});

test('splitParent (MV301): eth0.010 → parent: eth0 + vlan: 10, inserted after parent; safe', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0.010
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
  `, 'MV301');
  assert.deepEqual(c.fixes.map((f) => [f.title, f.safe]), [['Split parent into parent: eth0 and vlan: 10', true]]);
  const after = applyAndRecheck(c);
  assert.match(after, /parent: eth0\n {4}vlan: 10\n {4}subnet:/);
});

test('splitParent (MV301): flow map; a conflicting vlan: makes both readings unsafe', () => {
  const flow = fixCase(`
    version: 1
    networks:
      lan: { parent: eth0.010, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
  `, 'MV301');
  assert.match(applyAndRecheck(flow), /lan: \{ parent: eth0, vlan: 10, subnet: 192\.0\.2\.0\/24, gateway: 192\.0\.2\.1 \}/);
  const both = fixCase(`
    version: 1
    networks:
      lan: { parent: eth0.010, vlan: 20, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
  `, 'MV301');
  assert.deepEqual(both.fixes.map((f) => [f.title, f.safe]), [
    ['Use VLAN 10 from the parent (parent: eth0, vlan: 10)', false],
    ['Use vlan: 20 (parent: eth0)', false],
  ]);
  assert.match(applyAndRecheck(both, both.fixes[0]), /\{ parent: eth0, vlan: 10, subnet/);
});
