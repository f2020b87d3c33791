import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText, type CheckOptions } from '../../../core/check';
import { buildAddressMap } from '../../../core/map/model';
import { shortCount } from '../../../core/map/scale';
import type { AddressMap, MapBar, MapElement } from '../../../core/map/types';

function mapOf(text: string, opts: CheckOptions = {}): { map: AddressMap; text: string } {
  const r = checkText(text, opts);
  return { map: buildAddressMap(r.facts, r.findings), text };
}

function bar(map: AddressMap, net: string, family: 4 | 6 = 4): MapBar {
  const b = map.networks.find((n) => n.name === net)?.bars.find((x) => x.family === family);
  assert.ok(b, `a bar for ${net} IPv${family}`);
  return b;
}

const spanText = (text: string, e: { span?: { start: number; end: number } }) => (e.span ? text.slice(e.span.start, e.span.end) : undefined);
const byRole = (b: MapBar, role: string) => b.elements.filter((e) => e.role === role);
const count = (es: MapElement[]) => es.reduce((n, e) => n + BigInt(e.count), 0n);

const seed = readFileSync(join(__dirname, '../../../examples/seed.macvlan.yaml'), 'utf8');

test('seed example, vlan10: every reserved, static, excluded, pooled and free address in its place, with its spec offsets', () => {
  const { map, text } = mapOf(seed);
  assert.deepEqual(map.networks.map((n) => [n.name, n.bars.map((b) => b.subnet)]), [['vlan10', ['198.51.100.0/24']], ['vlan20', ['203.0.113.0/24', '2001:db8:20::/64']]]);
  const b = bar(map, 'vlan10');
  assert.equal(spanText(text, b), '198.51.100.0/24');
  assert.deepEqual([b.first, b.last, b.size, b.usable], ['198.51.100.0', '198.51.100.255', '256', '254']);
  const points = b.elements.filter((e) => e.count === '1').map((e) => [e.role, e.first, spanText(text, e)]);
  assert.deepEqual(points, [
    ['network', '198.51.100.0', '198.51.100.0/24'],
    ['gateway', '198.51.100.1', '198.51.100.1'],
    ['aux', '198.51.100.2', '198.51.100.2'],
    ['static', '198.51.100.10', '198.51.100.10'],
    ['broadcast', '198.51.100.255', '198.51.100.0/24'],
  ]);
  const [exclude] = byRole(b, 'exclude');
  assert.deepEqual([exclude.first, exclude.last, exclude.count, spanText(text, exclude)], ['198.51.100.100', '198.51.100.119', '20', '198.51.100.100-198.51.100.119']);
  const [pool] = byRole(b, 'pool');
  // The usable part of ip_range 198.51.100.128/25: the broadcast address is not handed out.
  assert.deepEqual([pool.first, pool.last, pool.count, spanText(text, pool)], ['198.51.100.128', '198.51.100.254', '127', '198.51.100.128/25']);
  assert.deepEqual(byRole(b, 'free').map((e) => `${e.first}-${e.last}`), ['198.51.100.3-198.51.100.9', '198.51.100.11-198.51.100.99', '198.51.100.120-198.51.100.127']);
  assert.equal(b.free, '104');
  assert.equal(count(byRole(b, 'free')), 104n);
  // Together the elements cover the subnet exactly once.
  assert.equal(count(b.elements), 256n);
  assert.equal(byRole(b, 'static')[0].label, 'container db (ipv4_address)');
  // Positions are fractions of the /24.
  assert.equal(exclude.from, 100 / 256);
  assert.equal(exclude.to, 120 / 256);
  assert.deepEqual(b.lanes, ['addresses']);
  assert.ok(b.elements.every((e) => e.severity === undefined), 'the seed has no findings');
});

test('seed example, vlan20 IPv6 /64: no broadcast, points at their exact fraction, one free run up to the last address', () => {
  const { map, text } = mapOf(seed);
  const b = bar(map, 'vlan20', 6);
  assert.deepEqual([b.size, b.usable], [(1n << 64n).toString(), ((1n << 64n) - 1n).toString()]);
  assert.equal(byRole(b, 'broadcast').length, 0);
  const [st] = byRole(b, 'static');
  assert.deepEqual([st.first, spanText(text, st)], ['2001:db8:20::10', '"2001:db8:20::10"']);
  assert.equal(st.from, 16 / 2 ** 64);
  const free = byRole(b, 'free');
  assert.equal(free.at(-1)!.last, '2001:db8:20:0:ffff:ffff:ffff:ffff');
  assert.equal(free.at(-1)!.to, 1);
  assert.equal(b.free, ((1n << 64n) - 3n).toString());
  assert.equal(shortCount(b.free), '2^64 − 3');
});

const twoHosts = `version: 1
hosts:
  lab1: { engine: "27.3" }
  lab2: { engine: "27.3" }
networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
    ip_range:
      lab1: 192.0.2.128/26
      lab2: 192.0.2.192/26
  other:
    parent: eth1
    hosts: [lab2]
    subnet: 192.0.2.0/25
containers:
  a:
    image: busybox
    host: lab1
    networks: { lan: { ipv4_address: 192.0.2.10 } }
`;

test('an ip_range per host: one pool lane per host, both pools taken out of the free space', () => {
  const { map, text } = mapOf(twoHosts);
  const b = bar(map, 'lan');
  assert.deepEqual(b.lanes, ['addresses', 'pool lab1', 'pool lab2', 'overlaps']);
  const pools = byRole(b, 'pool').map((e) => [b.lanes[e.lane], e.first, e.last, spanText(text, e)]);
  assert.deepEqual(pools, [
    ['addresses', '192.0.2.128', '192.0.2.254', 'ip_range'],
    ['pool lab1', '192.0.2.128', '192.0.2.191', '192.0.2.128/26'],
    ['pool lab2', '192.0.2.192', '192.0.2.254', '192.0.2.192/26'],
  ]);
  assert.equal(b.free, String(254 - 1 - 1 - 127));
});

test('overlaps: only between networks on a shared host, drawn in the severity of the MV201 finding', () => {
  const { map, text } = mapOf(twoHosts);
  // lan (both hosts) and other (lab2) overlap on lab2: other lies inside lan.
  const lan = bar(map, 'lan');
  const [o] = byRole(lan, 'overlap');
  assert.equal(lan.lanes[o.lane], 'overlaps');
  assert.deepEqual([o.first, o.last, o.severity, o.codes], ['192.0.2.0', '192.0.2.127', 'error', ['MV201']]);
  assert.equal(spanText(text, o), '192.0.2.0/25', 'a click goes to the finding, on the later network');
  assert.match(o.label, /subnet 192\.0\.2\.0\/25 of network other lies here/);
  const [inner] = byRole(bar(map, 'other'), 'overlap');
  assert.deepEqual([inner.from, inner.to, inner.severity], [0, 1, 'error']);
  assert.match(inner.label, /inside subnet 192\.0\.2\.0\/24 of network lan/);

  const warned = mapOf(twoHosts, { settings: { severity: { MV201: 'warning' } } }).map;
  assert.equal(byRole(bar(warned, 'lan'), 'overlap')[0].severity, 'warning');
  const off = mapOf(twoHosts, { settings: { severity: { MV201: 'off' } } }).map;
  const [plain] = byRole(bar(off, 'lan'), 'overlap');
  assert.equal(plain.severity, undefined, 'still drawn, without a diagnostic colour');

  // The same blocks on different hosts are different IPAM spaces: nothing to draw.
  const apart = mapOf(twoHosts.replace('    parent: eth0\n', '    parent: eth0\n    hosts: [lab1]\n')).map;
  assert.deepEqual(bar(apart, 'lan').lanes, ['addresses', 'pool lab1']);
  assert.equal(byRole(bar(apart, 'other'), 'overlap').length, 0);
});

test('findings on an element colour it: a static address on the gateway (MV403), a duplicate (MV404)', () => {
  const text = `version: 1
networks:
  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
containers:
  a: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.1 } } }
  b: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.7 } } }
  c: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.7 } } }
`;
  const { map } = mapOf(text);
  const statics = byRole(bar(map, 'lan'), 'static').map((e) => [e.label, e.first, e.severity, e.codes]);
  assert.deepEqual(byRole(bar(map, 'lan'), 'gateway').map((e) => e.codes), [['MV403']], 'the gateway a container took');
  assert.deepEqual(statics, [
    ['container a (ipv4_address)', '192.0.2.1', 'error', ['MV403']],
    ['container b (ipv4_address)', '192.0.2.7', 'error', ['MV404']], // the related side of c's finding
    ['container c (ipv4_address)', '192.0.2.7', 'error', ['MV404']],
  ]);
});

test('no gateway on an engine before 29: the address Docker takes itself is drawn as the implicit gateway', () => {
  const text = `version: 1
hosts: { h: { engine: "28.1" } }
networks:
  lan: { parent: eth0, subnet: 192.0.2.0/24, ip_range: 192.0.2.64/26 }
`;
  const [gw] = byRole(bar(mapOf(text).map, 'lan'), 'auto-gateway');
  assert.equal(gw.first, '192.0.2.64', 'the first address of the pool');
  const newer = byRole(bar(mapOf(text.replace('28.1', '29.0')).map, 'lan'), 'auto-gateway');
  assert.deepEqual(newer, []);
});

test('host_shim, the hosts\' own addresses and addresses outside the subnet', () => {
  const text = `version: 1
hosts:
  h: { interfaces: { eth0: 192.0.2.2/24 } }
networks:
  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1, host_shim: 192.0.2.250, exclude: [192.0.1.250-192.0.2.3] }
containers:
  far: { image: busybox, networks: { lan: { ipv4_address: 198.51.100.7 } } }
`;
  const b = bar(mapOf(text).map, 'lan');
  assert.deepEqual(byRole(b, 'shim').map((e) => e.first), ['192.0.2.250']);
  assert.deepEqual(byRole(b, 'host').map((e) => [e.first, e.label]), [['192.0.2.2', 'address of host h on eth0']]);
  assert.deepEqual(byRole(b, 'static'), [], 'MV402 reports an address outside the subnet; the bar has no place for it');
  assert.deepEqual(byRole(b, 'exclude').map((e) => `${e.first}-${e.last}`), ['192.0.2.0-192.0.2.3'], 'clipped to the subnet');
});

test('a network without a subnet has no bars; a /31 has no usable addresses and no free space', () => {
  const text = `version: 1
networks:
  none: { parent: eth0 }
  p2p: { parent: eth1, subnet: 192.0.2.0/31 }
`;
  const { map } = mapOf(text);
  assert.deepEqual(map.networks.find((n) => n.name === 'none')!.bars, []);
  const b = bar(map, 'p2p');
  assert.deepEqual([b.usable, b.free, byRole(b, 'free').length], ['0', '0', 0]);
});

test('thousands of networks on one subnet: overlap records stay linear (no pairs), and the map is built quickly', () => {
  const n = 3000;
  const lines = ['version: 1', 'networks:'];
  for (let i = 0; i < n; i++) lines.push(`  n${i}: { parent: eth${i}, subnet: 10.0.0.0/16 }`);
  const r = checkText(lines.join('\n') + '\n');
  const t0 = performance.now();
  const map = buildAddressMap(r.facts, r.findings);
  const ms = performance.now() - t0;
  const overlaps = map.networks.reduce((k, net) => k + net.bars[0].elements.filter((e) => e.role === 'overlap').length, 0);
  // Identical blocks chain: each has the one before it around it and the one after it inside.
  assert.equal(overlaps, 2 * (n - 1));
  assert.match(byRole(map.networks[2].bars[0], 'overlap')[0].label, /inside subnet 10\.0\.0\.0\/16 of network n1 and 1 more/);
  assert.ok(ms < 3000, `${ms.toFixed(0)} ms for ${n} networks`);
});

test('shortCount: exact below a million, powers of two for whole blocks, else scientific', () => {
  assert.equal(shortCount('254'), '254');
  assert.equal(shortCount('999999'), '999999');
  assert.equal(shortCount(String(1n << 64n)), '2^64');
  assert.equal(shortCount(String((1n << 64n) - 1n)), '2^64 − 1');
  assert.equal(shortCount(String((1n << 80n) + 5n)), '2^80 + 5');
  assert.equal(shortCount('123456789'), '1.2e8');
});

test('filter and limit: only matching networks, at most the limit, with the totals for the status line', () => {
  const lines = ['version: 1', 'networks:'];
  for (let i = 0; i < 30; i++) lines.push(`  ${i % 2 ? 'lab' : 'lan'}${i}: { parent: eth${i}, subnet: 10.${i}.0.0/24 }`);
  const r = checkText(lines.join('\n') + '\n');
  const all = buildAddressMap(r.facts, r.findings);
  assert.deepEqual([all.networks.length, all.total, all.matched], [30, 30, 30]);
  const some = buildAddressMap(r.facts, r.findings, { filter: ' LAB ', limit: 4 });
  assert.deepEqual(some.networks.map((n) => n.name), ['lab1', 'lab3', 'lab5', 'lab7']);
  assert.deepEqual([some.total, some.matched], [30, 15]);
  assert.deepEqual(buildAddressMap(r.facts, r.findings, { filter: 'nope' }).networks, []);
});
