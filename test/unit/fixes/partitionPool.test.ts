import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase, lines } from './helpers';

const hosts = (n: number) =>
  ['    hosts:', ...Array.from({ length: n }, (_, i) => `      h${i + 1}: { docker: "ssh://ops@h${i + 1}.example" }`)].join('\n');

test('partitionPool: a shared ip_range becomes one half per host, block style', () => {
  const c = fixCase(`
    version: 1
${hosts(2)}
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: 192.0.2.128/25
        aux_addresses: { sw: 192.0.2.2 }
  `, 'MV207');
  assert.equal(c.fixes.length, 1);
  const [fix] = c.fixes;
  assert.equal(fix.title, 'Give each host of lan its own pool: h1 192.0.2.128/26, h2 192.0.2.192/26');
  assert.equal(fix.safe, false);
  const after = applyAndRecheck(c);
  assert.equal(after.split('networks:')[1], lines(
    '',
    '  lan:',
    '    parent: eth0',
    '    subnet: 192.0.2.0/24',
    '    gateway: 192.0.2.1',
    '    ip_range:',
    '      h1: 192.0.2.128/26',
    '      h2: 192.0.2.192/26',
    '    aux_addresses: { sw: 192.0.2.2 }',
    '',
  ));
});

test('partitionPool: no ip_range on three hosts: blocks of the subnet that keep static addresses out', () => {
  const c = fixCase(`
    version: 1
${hosts(3)}
    networks:
      lan: { parent: eth0, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }
    containers:
      dns:
        image: coredns
        host: h1
        networks:
          lan: { ipv4_address: 198.51.100.10 }
  `, 'MV207');
  assert.equal(c.fixes[0].title, 'Give each host of lan its own pool: h1 198.51.100.64/26, h2 198.51.100.128/26, h3 198.51.100.192/26');
  const after = applyAndRecheck(c);
  assert.match(after, /lan: \{ parent: eth0, subnet: 198\.51\.100\.0\/24, ip_range: \{ h1: 198\.51\.100\.64\/26, h2: 198\.51\.100\.128\/26, h3: 198\.51\.100\.192\/26 \}, gateway: 198\.51\.100\.1 \}/);
});

test('partitionPool: statics spread over every large block: halves again to keep them out of the pools', () => {
  const c = fixCase(`
    version: 1
${hosts(2)}
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
    containers:
      a: { image: nginx, host: h1, networks: { lan: { ipv4_address: 192.0.2.10 } } }
      b: { image: nginx, host: h2, networks: { lan: { ipv4_address: 192.0.2.130 } } }
  `, 'MV207');
  assert.equal(c.fixes[0].title, 'Give each host of lan its own pool: h1 192.0.2.64/26, h2 192.0.2.192/26');
  const after = applyAndRecheck(c);
  assert.match(after, /subnet: 192\.0\.2\.0\/24\n {4}ip_range:\n {6}h1: 192\.0\.2\.64\/26\n {6}h2: 192\.0\.2\.192\/26\n {4}gateway: 192\.0\.2\.1\n/);
});

test('partitionPool: an overlapping per-host map is rewritten in place', () => {
  const c = fixCase(`
    version: 1
${hosts(2)}
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range:
          h1: 192.0.2.128/25
          h2: 192.0.2.128/25
        internal: false
  `, 'MV207');
  const after = applyAndRecheck(c);
  assert.match(after, /ip_range:\n {6}h1: 192\.0\.2\.0\/25\n {6}h2: 192\.0\.2\.128\/25\n {4}internal: false/);
});

test('partitionPool: on a scope: swarm network the title speaks of Swarm nodes', () => {
  const c = fixCase(`
    version: 1
${hosts(2)}
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: 192.0.2.128/25
        scope: swarm
  `, 'MV207');
  assert.equal(c.fixes[0].title, 'Give each Swarm node of lan its own pool: h1 192.0.2.128/26, h2 192.0.2.192/26');
});
