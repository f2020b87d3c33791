import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedState } from '../../../core/observed';
import { applyAndRecheck, fixCase, lines } from './helpers';

test('renumberNetwork: skips a taken next block and shifts gateway, pool, aux, exclude and containers', () => {
  const c = fixCase(`
    version: 1
    networks:
      a:
        parent: eth0
        subnet: 10.1.0.0/24
        gateway: 10.1.0.1
      c:
        parent: eth2
        subnet: 10.1.1.0/24
        gateway: 10.1.1.1
      b:
        parent: eth1
        subnet: "10.1.0.0/24"
        gateway: '10.1.0.1'
        ip_range: 10.1.0.128/25
        aux_addresses: { router2: 10.1.0.2 }
        exclude: [10.1.0.100-10.1.0.119, 10.1.0.20, 10.1.0.24/30]
    containers:
      web:
        image: nginx
        networks:
          b: { ipv4_address: "10.1.0.10" }
      db:
        image: postgres
        networks:
          b:
            ipv4_address: 10.1.0.11
  `, 'MV201');
  assert.deepEqual(c.finding.data, { fix: 'renumberNetwork', network: 'b', family: 4 });
  assert.equal(c.fixes.length, 1);
  const [fix] = c.fixes;
  assert.equal(fix.title, 'Renumber b to 10.1.2.0/24, shifting 8 addresses/ranges with it');
  assert.equal(fix.safe, false);
  assert.equal(fix.isPreferred, true);
  const after = applyAndRecheck(c);
  assert.equal(after, lines(
    'version: 1',
    'networks:',
    '  a:',
    '    parent: eth0',
    '    subnet: 10.1.0.0/24',
    '    gateway: 10.1.0.1',
    '  c:',
    '    parent: eth2',
    '    subnet: 10.1.1.0/24',
    '    gateway: 10.1.1.1',
    '  b:',
    '    parent: eth1',
    '    subnet: "10.1.2.0/24"',
    "    gateway: '10.1.2.1'",
    '    ip_range: 10.1.2.128/25',
    '    aux_addresses: { router2: 10.1.2.2 }',
    '    exclude: [10.1.2.100-10.1.2.119, 10.1.2.20, 10.1.2.24/30]',
    'containers:',
    '  web:',
    '    image: nginx',
    '    networks:',
    '      b: { ipv4_address: "10.1.2.10" }',
    '  db:',
    '    image: postgres',
    '    networks:',
    '      b:',
    '        ipv4_address: 10.1.2.11',
    '',
  ));
});

test('renumberNetwork: flow map network, per-host ranges, and a block only taken on another host avoided', () => {
  const c = fixCase(`
    version: 1
    hosts:
      h1: { docker: "unix:///var/run/docker.sock" }
      h2: { docker: "ssh://ops@h2.example" }
    networks:
      a: { parent: eth0, subnet: 172.16.5.0/24, gateway: 172.16.5.1, hosts: [h1] }
      far: { parent: eth3, subnet: 172.16.6.0/24, gateway: 172.16.6.1, hosts: [h2] }
      b: { parent: eth1, subnet: 172.16.5.0/25, gateway: 172.16.5.1, ip_range: { h1: 172.16.5.64/27, h2: 172.16.5.96/27 } }
  `, 'MV201');
  assert.equal(c.fixes[0].title, 'Renumber b to 172.16.7.0/25, shifting 3 addresses/ranges with it');
  const after = applyAndRecheck(c);
  assert.match(after, /b: \{ parent: eth1, subnet: 172\.16\.7\.0\/25, gateway: 172\.16\.7\.1, ip_range: \{ h1: 172\.16\.7\.64\/27, h2: 172\.16\.7\.96\/27 \} \}/);
});

test('renumberNetwork: wraps around inside its private range and avoids observed networks', () => {
  const spec = `
    version: 1
    networks:
      a: { parent: eth0, subnet: 192.168.255.0/24, gateway: 192.168.255.1 }
      b: { parent: eth1, subnet: 192.168.255.0/24, gateway: 192.168.255.254 }
  `;
  const plain = fixCase(spec, 'MV201');
  assert.equal(plain.fixes[0].title, 'Renumber b to 192.168.0.0/24, shifting 1 address/range with it');
  applyAndRecheck(plain);

  const observed: ObservedState = {
    hosts: { local: { networks: [{ id: 'x', name: 'legacy', driver: 'bridge', subnets: ['192.168.0.0/24'], labels: {} }] } },
  };
  const live = fixCase(spec, 'MV201', { observed });
  assert.equal(live.fixes[0].title, 'Renumber b to 192.168.1.0/24, shifting 1 address/range with it');
  const after = applyAndRecheck(live, live.fixes[0], { observed });
  assert.match(after, /b: \{ parent: eth1, subnet: 192\.168\.1\.0\/24, gateway: 192\.168\.1\.254 \}/);
});

test('renumberNetwork: IPv6 subnets, gateway and container addresses', () => {
  const c = fixCase(`
    version: 1
    networks:
      a:
        parent: eth0
        subnet: 10.20.0.0/24
        gateway: 10.20.0.1
        ipv6: { subnet: "fd00:1::/64", gateway: "fd00:1::1" }
      b:
        parent: eth1
        subnet: 10.21.0.0/24
        gateway: 10.21.0.1
        ipv6: { subnet: "fd00:1::/64", gateway: "fd00:1::1" }
    containers:
      web:
        image: nginx
        networks:
          b: { ipv4_address: 10.21.0.10, ipv6_address: "fd00:1::10" }
  `, 'MV201');
  assert.deepEqual(c.finding.data, { fix: 'renumberNetwork', network: 'b', family: 6 });
  const after = applyAndRecheck(c);
  assert.match(after, /b:\n {4}parent: eth1\n {4}subnet: 10\.21\.0\.0\/24\n {4}gateway: 10\.21\.0\.1\n {4}ipv6: \{ subnet: "fd00:1:0:1::\/64", gateway: "fd00:1:0:1::1" \}/);
  assert.match(after, /b: \{ ipv4_address: 10\.21\.0\.10, ipv6_address: "fd00:1:0:1::10" \}/);
});

test('renumberNetwork: with every documentation range taken, it looks in the private blocks (the mistakes example)', () => {
  const c = fixCase(
    `
    version: 1
    networks:
      a: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
      b: { parent: eth1, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }
      c: { parent: eth2, subnet: 203.0.113.0/24, gateway: 203.0.113.1 }
      d: { parent: eth3, subnet: 192.0.2.128/25, gateway: 192.0.2.129 }
  `,
    'MV201',
  );
  assert.equal(c.fixes[0]?.title, 'Renumber d to 10.0.0.0/25, shifting 1 address/range with it');
  applyAndRecheck(c);
});

test('renumberNetwork: when no block is free anywhere it may look, the fix is there, disabled, with the reason', () => {
  const c = fixCase(
    `
    version: 1
    networks:
      a: { parent: eth0, subnet: 10.0.0.0/8, gateway: 10.0.0.1 }
      b: { parent: eth1, subnet: 10.0.0.0/8, gateway: 10.0.0.2 }
  `,
    'MV201',
  );
  assert.equal(c.fixes.length, 1);
  const [fix] = c.fixes;
  assert.deepEqual(fix.edits, []);
  assert.equal(fix.title, 'Renumber b');
  assert.equal(fix.disabled, 'no free /8 in 10.0.0.0/8: other networks of the spec use them all — pick a subnet by hand');
});
