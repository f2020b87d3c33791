import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

/** `n` containers on `net` without static addresses, optionally on `host`. */
function dynamic(n: number, net = 'vlan10', host?: string, prefix = 'd'): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`  ${prefix}${i}: { image: x,${host ? ` host: ${host},` : ''} networks: { ${net}: {} } }`);
  return out.join('\n');
}

const simple = (net: string, n: number, extra = ''): string =>
  ['version: 1', 'networks:', `  vlan10: { parent: eth0.10, ${net} }`, 'containers:', extra, dynamic(n)].filter((l) => l !== '').join('\n');

test('MV410 fires when dynamic containers outnumber the free addresses of ip_range; both numbers in the message', () => {
  const r = check(simple('subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: 192.0.2.128/30', 5));
  const [f, ...rest] = r.of('MV410');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '192.0.2.128/30');
  assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range']);
  assert.match(f.message, /has 4 free addresses/);
  assert.match(f.message, /but 5 containers there have no ipv4_address \(d0, d1, d2, … 2 more\)/);
  assert.doesNotMatch(f.message, /on host/);
  assert.equal(f.related.length, 5);
  assert.deepEqual(f.related[0].path, ['containers', 'd0', 'networks', 'vlan10']);
  assert.equal(r.textAt(f.related[0]), 'vlan10');
});

test('MV410 takes gateway, aux, exclude and static addresses out of the pool (interval math)', () => {
  // .128-.135 = 8; minus aux .129, exclude .130-.131, static .132 (and the gateway .128) = 3 free.
  const net = 'subnet: 192.0.2.0/24, gateway: 192.0.2.128, ip_range: 192.0.2.128/29, aux_addresses: { r2: 192.0.2.129 }, exclude: [192.0.2.130-192.0.2.131]';
  const fixed = '  s: { image: x, networks: { vlan10: { ipv4_address: 192.0.2.132 } } }';
  const r = check(simple(net, 4, fixed));
  const [f] = r.of('MV410');
  assert.match(f.message, /has 3 free addresses/);
  assert.match(f.message, /but 4 containers/);
  assert.deepEqual(check(simple(net, 3, fixed)).of('MV410'), []);
});

test('MV410 near miss: exactly as many dynamic containers as free addresses', () => {
  assert.deepEqual(check(simple('subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: 192.0.2.128/30', 4)).of('MV410'), []);
});

test('MV410 without ip_range: the subnet is the pool and is underlined', () => {
  const r = check(simple('subnet: 192.0.2.0/30, gateway: 192.0.2.1', 2));
  const [f] = r.of('MV410');
  assert.equal(r.textAt(f), '192.0.2.0/30');
  assert.deepEqual(f.path, ['networks', 'vlan10', 'subnet']);
  assert.match(f.message, /has 1 free address /);
  assert.match(f.message, /use a larger subnet/);
  assert.deepEqual(check(simple('subnet: 192.0.2.0/30, gateway: 192.0.2.1', 1)).of('MV410'), []);
});

const withEngine = (engine: string): string =>
  [
    'version: 1',
    'hosts:',
    `  lab1: { docker: "ssh://ops@lab1.example", engine: "${engine}" }`,
    'networks:',
    '  vlan10: { parent: eth0.10, subnet: 192.0.2.0/24, ip_range: 192.0.2.128/30 }',
    'containers:',
    dynamic(4),
  ].join('\n');

test('MV410 before engine 29 without a gateway, Docker takes one pool address itself', () => {
  const r = check(withEngine('27.3'));
  const [f] = r.of('MV410');
  assert.match(f.message, /has 3 free addresses on host lab1/);
  assert.match(f.message, /Docker Engine 27\.3 takes its first address as gateway/);
  assert.deepEqual(check(withEngine('29.0')).of('MV410'), []);
});

test('MV410 per-host ip_range: counted per host, the host entry underlined', () => {
  const text = [
    'version: 1',
    'hosts:',
    '  lab1: { docker: "ssh://ops@lab1.example" }',
    '  lab2: { docker: "ssh://ops@lab2.example" }',
    'networks:',
    '  vlan10: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: { lab1: 192.0.2.128/31, lab2: 192.0.2.130/31 } }',
    'containers:',
    dynamic(3, 'vlan10', 'lab1', 'a'),
    dynamic(2, 'vlan10', 'lab2', 'b'),
  ].join('\n');
  const r = check(text);
  const [f, ...rest] = r.of('MV410');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '192.0.2.128/31');
  assert.deepEqual(f.path, ['networks', 'vlan10', 'ip_range', 'lab1']);
  assert.match(f.message, /ip_range of host lab1 192\.0\.2\.128\/31 of network vlan10 has 2 free addresses on host lab1/);
});

test('MV410 IPv6: containers without ipv6_address on a dual-stack network draw from the ipv6 pool', () => {
  const text = [
    'version: 1',
    'networks:',
    '  v6: { parent: eth0.10, subnet: 10.1.0.0/16, ipv6: { subnet: "2001:db8:1::/64", gateway: "2001:db8:1::1", ip_range: "2001:db8:1::/126" } }',
    'containers:',
    '  a: { image: x, networks: { v6: { ipv4_address: 10.1.0.10 } } }',
    '  b: { image: x, networks: { v6: { ipv4_address: 10.1.0.11 } } }',
    '  c: { image: x, networks: { v6: { ipv4_address: 10.1.0.12 } } }',
  ].join('\n');
  const r = check(text);
  const [f, ...rest] = r.of('MV410');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '"2001:db8:1::/126"');
  assert.deepEqual(f.path, ['networks', 'v6', 'ipv6', 'ip_range']);
  assert.match(f.message, /has 2 free addresses .* 3 containers there have no ipv6_address/);
});

test('MV410 huge pools are counted, not enumerated', () => {
  const text = [
    'version: 1',
    'networks:',
    '  big: { parent: eth0, subnet: 10.0.0.0/8, gateway: 10.0.0.1, exclude: [10.0.0.0/9, "2001:db8::/65"], ipv6: { subnet: "2001:db8::/64" } }',
    'containers:',
    '  a: { image: x, networks: { big: {} } }',
  ].join('\n');
  assert.deepEqual(check(text).of('MV410'), []);
  // A /8 with all but one address excluded: 1 free, 2 needed.
  const tight = [
    'version: 1',
    'networks:',
    '  big: { parent: eth0, subnet: 10.0.0.0/8, gateway: 10.255.255.254, exclude: [10.0.0.0-10.255.255.252] }',
    'containers:',
    dynamic(2, 'big'),
  ].join('\n');
  const [f] = check(tight).of('MV410');
  assert.match(f.message, /has 1 free address .*but 2 containers/);
});
