import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase } from './helpers';

test('moveGateway: a gateway outside its subnet moves to the first usable address (MV104)', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 198.51.100.1
  `, 'MV104');
  assert.equal(c.fixes.length, 1);
  assert.equal(c.fixes[0].title, 'Set gateway to 192.0.2.1 (first usable address of 192.0.2.0/24)');
  assert.equal(c.fixes[0].safe, true);
  const after = applyAndRecheck(c);
  assert.match(after, /gateway: 192\.0\.2\.1\n/);
});

test('moveGateway: skips addresses taken by aux, exclude and containers (MV105), keeps quotes', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: "192.0.2.0"
        aux_addresses: { router2: 192.0.2.1 }
        exclude: [192.0.2.2-192.0.2.4]
    containers:
      web:
        image: nginx
        networks:
          lan: { ipv4_address: 192.0.2.5 }
  `, 'MV105');
  assert.equal(c.fixes[0].title, 'Set gateway to 192.0.2.6 (first free address of 192.0.2.0/24)');
  const after = applyAndRecheck(c);
  assert.match(after, /gateway: "192\.0\.2\.6"\n/);
});

test('moveGateway: IPv6 gateway outside the ipv6 subnet', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ipv6:
          subnet: "2001:db8:10::/64"
          gateway: "2001:db8:20::1"
  `, 'MV104');
  assert.equal(c.fixes[0].title, 'Set gateway to 2001:db8:10::1 (first usable address of 2001:db8:10::/64)');
  const after = applyAndRecheck(c);
  assert.match(after, /gateway: "2001:db8:10::1"\n/);
});
