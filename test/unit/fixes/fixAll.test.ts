import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { fixAll, fixesFor } from '../../../core/fixes';
import { dedent, errorKeys } from './helpers';

const messy = dedent(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.7/24
        gateway: "192.0.2.0"
        aux_addresses: { sw: 192.0.2.1 }
        ipv6: { subnet: "2001:db8:10::9/64", gateway: "2001:db8:99::1" }
      dmz:
        parent: eth1.10
        vlan: 20
        subnet: 198.51.100.0/24
        gateway: 203.0.113.1
      guest:
        parent: eth2
        subnet: 198.51.100.0/25
        gateway: 198.51.100.1
  `);

test('fixAll: applies every safe fix, re-checks, converges and leaves only what needs a decision', () => {
  const before = checkText(messy).findings;
  assert.deepEqual([...new Set(before.map((f) => f.code))].sort(), ['MV102', 'MV104', 'MV105', 'MV201', 'MV302']);
  const out = fixAll(messy);
  assert.deepEqual(out.applied.map((a) => a.code).sort(), ['MV102', 'MV102', 'MV104', 'MV104', 'MV105']);
  assert.match(out.text, /subnet: 192\.0\.2\.0\/24\n {4}gateway: "192\.0\.2\.2"\n/);
  assert.match(out.text, /ipv6: \{ subnet: "2001:db8:10::\/64", gateway: "2001:db8:10::1" \}/);
  assert.match(out.text, /subnet: 198\.51\.100\.0\/24\n {4}gateway: 198\.51\.100\.1\n/);
  // MV201 (renumber) and MV302 (which VLAN?) have only unsafe fixes: they stay.
  assert.deepEqual([...new Set(out.remaining.map((f) => f.code))].sort(), ['MV201', 'MV302']);
  assert.deepEqual(out.remaining, checkText(out.text).findings);
  // Nothing safe is left, so a second run changes nothing.
  for (const f of out.remaining) assert.equal(fixesFor(f, checkText(out.text)).some((x) => x.safe), false);
  const again = fixAll(out.text);
  assert.equal(again.text, out.text);
  assert.deepEqual(again.applied, []);
  // No error the fixes introduced.
  const added = [...errorKeys(out.remaining)].filter((k) => !errorKeys(before).has(k));
  assert.deepEqual(added, []);
});

test('fixAll: a clean spec is returned unchanged', () => {
  const clean = dedent(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
  `);
  assert.deepEqual(fixAll(clean), { text: clean, applied: [], remaining: [] });
});

test('fixAll: stops after maxRounds', () => {
  const out = fixAll(messy, {}, 0);
  assert.equal(out.text, messy);
  assert.deepEqual(out.applied, []);
});
