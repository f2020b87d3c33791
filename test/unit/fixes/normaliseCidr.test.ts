import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAndRecheck, fixCase } from './helpers';

test('normaliseCidr: host bits in a quoted subnet are cleared, quotes kept; safe and preferred', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: "192.0.2.5/24"
        gateway: 192.0.2.1
  `, 'MV102');
  assert.equal(c.fixes.length, 1);
  const [fix] = c.fixes;
  assert.equal(fix.title, 'Normalise to 192.0.2.0/24');
  assert.equal(fix.safe, true);
  assert.equal(fix.isPreferred, true);
  const after = applyAndRecheck(c);
  assert.match(after, /subnet: "192\.0\.2\.0\/24"\n/);
});

test('normaliseCidr: ip_range in a per-host map, plain scalar', () => {
  const c = fixCase(`
    version: 1
    hosts:
      h1: { docker: "unix:///var/run/docker.sock" }
      h2: { docker: "ssh://ops@h2.example" }
    networks:
      lan:
        parent: eth0
        subnet: 198.51.100.0/24
        gateway: 198.51.100.1
        ip_range: { h1: 198.51.100.130/26, h2: 198.51.100.192/26 }
  `, 'MV102');
  const after = applyAndRecheck(c);
  assert.match(after, /ip_range: \{ h1: 198\.51\.100\.128\/26, h2: 198\.51\.100\.192\/26 \}/);
});

test('normaliseCidr: IPv6 subnet', () => {
  const c = fixCase(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ipv6: { subnet: "2001:db8:10::5/64", gateway: "2001:db8:10::1" }
  `, 'MV102');
  const after = applyAndRecheck(c);
  assert.match(after, /subnet: "2001:db8:10::\/64"/);
});
