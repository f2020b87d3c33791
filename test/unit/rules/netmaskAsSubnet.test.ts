import { it } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase } from '../fixes/helpers';
import { check } from './helpers';

it('MV101: a netmask typed as the subnet (255.255.255.0/24) is said once, at the subnet, with the subnet the gateway points at', () => {
  const c = check(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 255.255.255.0/24, gateway: 192.168.10.1 }
  `);
  const found = c.findings.filter((f) => /netmask/.test(f.message));
  assert.equal(found.length, 1);
  const [f] = found;
  assert.equal(f.code, 'MV101');
  assert.equal(f.severity, 'error');
  assert.equal(c.textAt(f), '255.255.255.0/24');
  assert.equal(f.message, 'subnet 255.255.255.0/24 of network lan looks like the netmask 255.255.255.0 written where the network address belongs — from its gateway 192.168.10.1 the subnet is probably 192.168.10.0/24');
  assert.deepEqual(f.data, { fix: 'replaceValue', value: '192.168.10.0/24', title: 'Change to 192.168.10.0/24' });
});

it('MV101 netmask: without a gateway the first static address tells; with neither, an example', () => {
  const byContainer = check(`
    version: 1
    networks:
      lan: { parent: eth0, subnet: 255.255.0.0/16, internal: true }
    containers:
      web: { image: nginx, networks: { lan: { ipv4_address: 172.20.3.4 } } }
  `).findings.find((f) => /netmask/.test(f.message));
  assert.match(byContainer?.message ?? '', /from the address 172\.20\.3\.4 of container web the subnet is probably 172\.20\.0\.0\/16$/);
  const bare = check('version: 1\nnetworks:\n  lan: { parent: eth0, subnet: 255.255.0.0/16, internal: true }\n').findings.find((f) => /netmask/.test(f.message));
  assert.equal(bare?.message, "subnet 255.255.0.0/16 of network lan looks like the netmask 255.255.0.0 written where the network address belongs — write the network's address with /16, e.g. 192.168.1.0/16");
  assert.equal(bare?.data, undefined);
});

it('MV101 netmask near misses: a mask with another prefix, a real subnet, IPv6', () => {
  for (const subnet of ['255.255.255.0/16', '192.168.10.0/24', '255.255.255.128/24']) {
    const c = check(`version: 1\nnetworks:\n  lan: { parent: eth0, subnet: ${subnet}, gateway: 192.168.10.1 }\n`);
    assert.deepEqual(c.findings.filter((f) => /netmask/.test(f.message)), [], subnet);
  }
});

it('MV101 netmask: the quick fix writes the likely subnet, and the symptoms go with it', () => {
  const c = fixCase('version: 1\nnetworks:\n  lan: { parent: eth0, subnet: 255.255.255.0/24, gateway: 192.168.10.1 }\n', 'MV101');
  assert.equal(c.fixes[0]?.title, 'Change to 192.168.10.0/24');
  const after = applyAndRecheck(c);
  assert.match(after, /subnet: 192\.168\.10\.0\/24/);
});
