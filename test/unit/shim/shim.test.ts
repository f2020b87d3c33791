import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../core/check';
import { formatShims, shimLinks } from '../../../core/shim/shim';

const spec = [
  'version: 1',
  'hosts:',
  '  lab1: {}',
  '  lab2: {}',
  'networks:',
  '  storage-network-vlan20:',
  '    parent: bond0',
  '    vlan: 20',
  '    subnet: 198.51.100.0/24',
  '    gateway: 198.51.100.1',
  '    ip_range: { lab1: 198.51.100.64/27, lab2: 198.51.100.96/27 }',
  '    host_shim: { lab1: 198.51.100.251, lab2: 198.51.100.252 }',
  '  iv:',
  '    driver: ipvlan',
  '    parent: eth1',
  '    subnet: 203.0.113.0/24',
  '    gateway: 203.0.113.1',
  '    host_shim: 203.0.113.250',
  '    aux_addresses: { shim: 203.0.113.250 }',
  '    hosts: [lab1]',
  'containers:',
  '  db: { image: postgres, host: lab1, networks: { storage-network-vlan20: { ipv4_address: 198.51.100.10 } } }',
  '  other: { image: nginx, host: lab2, networks: { storage-network-vlan20: { ipv4_address: 198.51.100.11 } } }',
  '',
].join('\n');

test('shim links per host: the VLAN parent, the host\'s own pool, its containers only, names within 15 characters', () => {
  const { facts, findings } = checkText(spec);
  assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.code), []);
  const lab1 = shimLinks(facts, 'lab1');
  assert.deepEqual(lab1, [
    { network: 'storage-network-vlan20', link: 'mvs-storage-net', parent: 'bond0.20', kind: 'macvlan', address: '198.51.100.251', routes: ['198.51.100.64/27', '198.51.100.10/32'] },
    { network: 'iv', link: 'mvs-iv', parent: 'eth1', kind: 'ipvlan', address: '203.0.113.250', routes: ['203.0.113.0/24'] },
  ]);
  assert.deepEqual(shimLinks(facts, 'lab2')[0].routes, ['198.51.100.96/27', '198.51.100.11/32']);
});

test('shim formats: sh, systemd-networkd and nmcli say the same link, address and routes', () => {
  const { facts } = checkText(spec);
  const links = shimLinks(facts, 'lab1');
  const sh = formatShims(links, 'lab1', 'sh');
  assert.match(sh, /^ip link add mvs-storage-net link bond0\.20 type macvlan mode bridge$/m);
  assert.match(sh, /^ip link add mvs-iv link eth1 type ipvlan mode l2$/m);
  assert.match(sh, /^ip addr add 198\.51\.100\.251\/32 dev mvs-storage-net$/m);
  assert.match(sh, /^ip route add 198\.51\.100\.10\/32 dev mvs-storage-net$/m);
  const nd = formatShims(links, 'lab1', 'networkd');
  assert.match(nd, /\[NetDev\]\nName=mvs-storage-net\nKind=macvlan\n\n\[MACVLAN\]\nMode=bridge/);
  assert.match(nd, /\[NetDev\]\nName=mvs-iv\nKind=ipvlan\n\n\[IPVLAN\]\nMode=L2/);
  assert.match(nd, /\[Route\]\nDestination=198\.51\.100\.64\/27/);
  const nm = formatShims(links, 'lab1', 'nmcli');
  assert.match(nm, /^nmcli connection add type macvlan con-name mvs-storage-net ifname mvs-storage-net dev bond0\.20 macvlan\.mode bridge ipv4\.method manual ipv4\.addresses 198\.51\.100\.251\/32 ipv4\.routes "198\.51\.100\.64\/27, 198\.51\.100\.10\/32"$/m);
  assert.equal(formatShims([], 'lab9', 'sh'), '# host lab9: no network of the spec has a host_shim on this host\n');
});

test('a plan for a host with a shim says that apply does not make it, and how to', async () => {
  const { planApply } = await import('../../../core/plan/plan.js');
  const { facts } = checkText(spec);
  const plan = planApply(facts, 'lab1', { engine: '27.3', apiVersion: '1.47', networks: [], containers: [], images: [] } as never);
  assert.deepEqual(
    plan.warnings.filter((w) => w.includes('host_shim')),
    [
      "network storage-network-vlan20 has a host_shim (198.51.100.251) on host lab1: apply does not create the host's own link mvs-storage-net — print the commands with `macvlan-spec shim SPEC --host lab1` and run them on the host",
      "network iv has a host_shim (203.0.113.250) on host lab1: apply does not create the host's own link mvs-iv — print the commands with `macvlan-spec shim SPEC --host lab1` and run them on the host",
    ],
  );
});
