import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../../core/service';
import { docAt, docOf, offsetOf, slice } from './helpers';

const spec = [
  'version: 1',
  'hosts:',
  '  lab1: { docker: ssh://ops@lab1.example }',
  '  lab2: { docker: ssh://ops@lab2.example }',
  'networks:',
  '  vlan10:',
  '    parent: eth0',
  '    vlan: 10',
  '    subnet: 192.0.2.0/24',
  '    gateway: 192.0.2.1',
  '    ip_range: 192.0.2.128/25',
  '    aux_addresses: { router2: 192.0.2.2 }',
  '    exclude: [192.0.2.100-192.0.2.119, 192.0.2.250]',
  '    ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" }',
  '  half:',
  '    parent: eth0.20',
  '    subnet: 192.0.2.128/26',
  '    hosts: [lab1]',
  '  elsewhere:',
  '    parent: eth0.30',
  '    subnet: 198.51.100.0/24',
  'containers:',
  '  web:',
  '    image: nginx',
  '    host: lab1',
  '    networks:',
  '      vlan10:',
  '        ipv4_address: 192.0.2.10',
  '  api:',
  '    image: api',
  '    host: lab2',
  '    networks:',
  '      vlan10: { ipv4_address: 192.0.2.130 }',
];
const doc = docOf(spec);
const text = doc.text;

test('hover on a subnet: network, broadcast, first/last usable, usable count, overlaps per host', () => {
  const h = hover(doc, offsetOf(text, '192.0.2.0/24', 3))!;
  assert.equal(slice(text, h.span), '192.0.2.0/24');
  const md = h.markdown;
  assert.match(md, /IPv4 subnet of `vlan10`/);
  assert.match(md, /network address: `192\.0\.2\.0`/);
  assert.match(md, /broadcast: `192\.0\.2\.255`/);
  assert.match(md, /first usable: `192\.0\.2\.1`/);
  assert.match(md, /last usable: `192\.0\.2\.254`/);
  assert.match(md, /usable addresses: 254 of 256/);
  assert.match(md, /\*\*Overlaps on `lab1`:\*\* `half` \(`192\.0\.2\.128\/26`\)/);
  assert.match(md, /No other network on `lab2` overlaps it\./);
});

test('hover on an IPv6 subnet counts exactly and has no broadcast', () => {
  const md = hover(doc, offsetOf(text, '2001:db8:10::/64', 2))!.markdown;
  assert.match(md, /IPv6 subnet/);
  assert.match(md, /last address: `2001:db8:10:0:ffff:ffff:ffff:ffff`/);
  assert.match(md, /usable addresses: 18,446,744,073,709,551,615 of 18,446,744,073,709,551,616/);
  assert.doesNotMatch(md, /broadcast/);
});

test('hover on a subnet overlapping a network the host already has', () => {
  const observed = { hosts: { lab2: { networks: [{ id: 'x', name: 'legacy', driver: 'macvlan', subnets: ['198.51.100.0/25'], labels: {} }] } } };
  const d = docOf(spec, { observed });
  const md = hover(d, offsetOf(text, '198.51.100.0/24', 1))!.markdown;
  assert.match(md, /Overlaps on `lab2`:\*\* `legacy` on the host \(`198\.51\.100\.0\/25`\)/);
});

test('hover on addresses says what they are', () => {
  const gw = hover(doc, offsetOf(text, 'gateway: 192.0.2.1', 10))!.markdown;
  assert.match(gw, /In `vlan10` \(`192\.0\.2\.0\/24` on `eth0\.10`\):/);
  assert.match(gw, /- the gateway of `vlan10`/);
  assert.match(gw, /- outside the dynamic pool/);

  const aux = hover(doc, offsetOf(text, '192.0.2.2 }', 1))!.markdown;
  assert.match(aux, /- aux address `router2`/);

  const web = hover(doc, offsetOf(text, 'ipv4_address: 192.0.2.10', 16))!.markdown;
  assert.match(web, /- static address of container `web` on host `lab1`/);
  assert.match(web, /- outside the dynamic pool/);

  const api = hover(doc, offsetOf(text, '192.0.2.130', 1))!.markdown;
  assert.match(api, /- static address of container `api` on host `lab2`/);
  assert.match(api, /- in the dynamic pool `192\.0\.2\.128\/25`/);
  assert.match(api, /In `half` \(`192\.0\.2\.128\/26` on `eth0\.20`\):/, 'another network holding the address is named too');

  const excluded = hover(doc, offsetOf(text, '192.0.2.250', 1))!.markdown;
  assert.match(excluded, /- excluded \(`192\.0\.2\.250`\)/);
  assert.match(excluded, /- in the dynamic pool `192\.0\.2\.128\/25`/);
});

test('hover on an address outside its network says so', () => {
  const d = docOf(['version: 1', 'networks:', '  n: { subnet: 192.0.2.0/24, gateway: 198.51.100.1 }']);
  const md = hover(d, offsetOf(d.text, '198.51.100.1', 2))!.markdown;
  assert.match(md, /Outside the subnet of `n` \(`192\.0\.2\.0\/24`\)/);
});

test('hover on a VLAN: the parent segment and the networks on it', () => {
  const md = hover(doc, offsetOf(text, 'vlan: 10', 7))!.markdown;
  assert.match(md, /\*\*VLAN 10\*\* on `eth0`: Docker's parent is `eth0\.10`/);
  assert.match(md, /- `vlan10` — macvlan, `192\.0\.2\.0\/24`, hosts `lab1`, `lab2`/);
  assert.match(md, /Other VLANs on `eth0`: 20 \(`half`\), 30 \(`elsewhere`\)/);
});

test('hover on a key shows the schema documentation; on an enum value its description', () => {
  const md = hover(doc, offsetOf(text, 'ip_range:', 2))!.markdown;
  assert.match(md, /Pool Docker hands out addresses from/);
  const d = docOf(['version: 1', 'networks:', '  n:', '    driver: ipvlan']);
  const e = hover(d, offsetOf(d.text, 'ipvlan', 2))!;
  assert.match(e.markdown, /^\*\*`ipvlan`\*\*: /);
});

test('hover on names: network, host and container summaries', () => {
  assert.match(hover(doc, offsetOf(text, 'vlan10:', 2, 1))!.markdown, /\*\*network `vlan10`\*\* — macvlan bridge[\s\S]*containers: `web`, `api`/);
  assert.match(hover(doc, offsetOf(text, 'host: lab1', 7))!.markdown, /\*\*host `lab1`\*\* — `ssh:\/\/ops@lab1\.example`, engine 29\.0 \(assumed\)[\s\S]*networks: `vlan10`, `half`, `elsewhere`/);
  assert.match(hover(doc, offsetOf(text, 'web:', 1))!.markdown, /\*\*container `web`\*\* — `nginx`/);
  assert.equal(hover(doc, offsetOf(text, '  lab1:')), undefined, 'nothing on indentation');
});

test('hover writes a subnet the way the diagnostics do: normalised (host bits cleared)', () => {
  const { doc, offset } = docAt(['version: 1', 'networks:', '  lan:', '    parent: eth0', '    subnet: 192.0.2.5/24', '    gateway: 198.51.1¦00.1']);
  const h = hover(doc, offset);
  assert.match(h?.markdown ?? '', /Outside the subnet of `lan` \(`192\.0\.2\.0\/24`\)/);
});
