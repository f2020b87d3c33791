import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { fixesFor } from '../../../core/fixes';
import { applyAndRecheck, fixCase } from './helpers';

test('fixesFor: no data, no fix; matching is on data, not on the message', () => {
  const r = checkText('version: 7\n');
  const f = r.findings.find((x) => x.code === 'MV002');
  assert.ok(f);
  assert.deepEqual(fixesFor(f, r), []);
  const c = fixCase(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 192.0.2.5/24, gateway: 192.0.2.1 }
  `, 'MV102');
  assert.equal(fixesFor({ ...c.finding, message: 'something else entirely' }, c.result)[0].title, 'Normalise to 192.0.2.0/24');
});

test('removeKey hint: ipv6_address on a network without an ipv6 subnet (MV407)', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      web:
        image: nginx
        networks:
          lan:
            ipv4_address: 192.0.2.10
            ipv6_address: "2001:db8::10"
  `, 'MV407');
  assert.deepEqual(c.fixes.map((f) => [f.title, f.safe]), [['Remove ipv6_address', false]]);
  const after = applyAndRecheck(c);
  assert.match(after, /ipv4_address: 192\.0\.2\.10\n$/);
});

test('replaceValue hint: a misspelt network name (MV401)', () => {
  const c = fixCase(`
    version: 1
    networks:
      office: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      web:
        image: nginx
        networks:
          ofice: { ipv4_address: 192.0.2.10 }
  `, 'MV401');
  assert.deepEqual(c.fixes.map((f) => [f.title, f.safe]), [['Change to office', false]]);
  const after = applyAndRecheck(c);
  assert.match(after, / {6}office: \{ ipv4_address: 192\.0\.2\.10 \}/);
});

test('fixesFor: unknown or inherited hint names from a stale client find nothing', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 192.0.2.5/24, gateway: 192.0.2.1 }
  `, 'MV102');
  for (const fix of ['toString', '__proto__', 'nope']) {
    const data = { fix } as unknown as typeof c.finding.data;
    assert.deepEqual(fixesFor({ ...c.finding, data }, c.result), []);
  }
});
