import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase, lines } from './helpers';

test('addGateway: inserts gateway after subnet in a block map, same indentation; not safe', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24   # office LAN
        aux_addresses: { sw: 192.0.2.1 }
  `, 'MV109');
  assert.equal(c.fixes.length, 1);
  const [fix] = c.fixes;
  assert.equal(fix.safe, false);
  assert.equal(fix.title, "Add gateway 192.0.2.2 (check it is the LAN's router)");
  const after = applyAndRecheck(c);
  assert.equal(after, lines(
    'version: 1',
    'networks:',
    '  lan:',
    '    parent: eth0',
    '    subnet: 192.0.2.0/24   # office LAN',
    '    gateway: 192.0.2.2',
    '    aux_addresses: { sw: 192.0.2.1 }',
    '',
  ));
});

test('addGateway: flow-style network map', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 198.51.100.0/24 }
  `, 'MV109');
  const after = applyAndRecheck(c);
  assert.match(after, /lan: \{ parent: eth0, subnet: 198\.51\.100\.0\/24, gateway: 198\.51\.100\.1 \}/);
});
