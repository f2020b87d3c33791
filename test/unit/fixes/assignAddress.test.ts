import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase } from './helpers';

const base = (second: string, third = '') => `
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: 192.0.2.128/25
        aux_addresses: { sw: 192.0.2.2 }
        exclude: [192.0.2.3-192.0.2.9]
    containers:
      web:
        image: nginx
        networks:
          lan: { ipv4_address: 192.0.2.10 }
      api:
        image: nginx
        networks:
          lan: { ipv4_address: ${second} }
${third}`;

test('assignAddress: a duplicate gets the lowest free address outside gateway, aux, exclude, others and the pool (MV404)', () => {
  const c = fixCase(base('"192.0.2.10"'), 'MV404');
  assert.deepEqual(c.finding.data, { fix: 'assignAddress', container: 'api', network: 'lan', family: 4 });
  assert.equal(c.fixes.length, 1);
  const [fix] = c.fixes;
  assert.equal(fix.title, 'Give api the free address 192.0.2.11');
  assert.equal(fix.safe, false);
  const after = applyAndRecheck(c);
  assert.match(after, /lan: \{ ipv4_address: "192\.0\.2\.11" \}/);
});

test('assignAddress: outside the subnet (MV402), inside the pool (MV405), on the gateway (MV403)', () => {
  for (const [addr, code] of [['198.51.100.7', 'MV402'], ['192.0.2.200', 'MV405'], ['192.0.2.1', 'MV403']] as const) {
    const c = fixCase(base(addr), code);
    assert.equal(c.fixes[0].title, 'Give api the free address 192.0.2.11', code);
    const after = applyAndRecheck(c);
    assert.match(after, /lan: \{ ipv4_address: 192\.0\.2\.11 \}/, code);
  }
});

test('assignAddress: stays out of every host\'s pool and skips addresses used on the same segment by another network', () => {
  const c = fixCase(`
    version: 1
    hosts:
      h1: { docker: "unix:///var/run/docker.sock" }
      h2: { docker: "ssh://ops@h2.example" }
    networks:
      lan:
        parent: eth0.10
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: { h1: 192.0.2.0/26, h2: 192.0.2.64/26 }
      lan2:
        parent: eth0
        vlan: 10
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        hosts: [h2]
    containers:
      db:
        image: postgres
        host: h1
        networks:
          lan: { ipv4_address: 192.0.2.128 }
      web:
        image: nginx
        host: h2
        networks:
          lan:
            ipv4_address: 192.0.2.70
  `, 'MV405', { path: ['containers', 'web', 'networks', 'lan', 'ipv4_address'] });
  assert.equal(c.fixes[0].title, 'Give web the free address 192.0.2.129');
  const after = applyAndRecheck(c);
  assert.match(after, /ipv4_address: 192\.0\.2\.129\n/);
});

test('assignAddress: when only pool addresses are free, says so', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/29
        gateway: 192.0.2.1
        ip_range: 192.0.2.0/29
    containers:
      web:
        image: nginx
        networks:
          lan: { ipv4_address: 192.0.2.1 }
  `, 'MV403');
  assert.equal(c.fixes[0].title, 'Give web the free address 192.0.2.2 (inside the dynamic pool: no free address outside it)');
});

test('assignAddress: IPv6 address', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" }
    containers:
      web:
        image: nginx
        networks:
          lan: { ipv4_address: 192.0.2.10, ipv6_address: "2001:db8:20::10" }
  `, 'MV402');
  assert.equal(c.fixes[0].title, 'Give web the free address 2001:db8:10::2');
  applyAndRecheck(c);
});

test('assignAddress: before engine 29, with no gateway and no ip_range, skips the address Docker takes as gateway (as completion does)', () => {
  const spec = `
    version: 1
    hosts:
      h1: { engine: "27.3" }
    networks:
      lan: { parent: eth0, subnet: 192.0.2.0/24 }
    containers:
      web:
        image: nginx
        networks:
          lan: { ipv4_address: 198.51.100.7 }
  `;
  const c = fixCase(spec, 'MV402');
  assert.equal(c.fixes[0]?.title, 'Give web the free address 192.0.2.2');
  const after = applyAndRecheck(c);
  assert.match(after, /ipv4_address: 192\.0\.2\.2 \}/);
});
