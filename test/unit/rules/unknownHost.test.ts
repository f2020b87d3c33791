import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const twoHosts = `
    version: 1
    hosts:
      lab1: { docker: "ssh://ops@lab1.example" }
      lab2: { docker: "ssh://ops@lab2.example" }`;

test("MV502 fires on a container's host: that hosts: does not define, suggesting a close name", () => {
  const r = check(`${twoHosts}
    containers:
      web: { image: x, host: lb1 }
  `);
  const [f, ...rest] = r.of('MV502');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), 'lb1');
  assert.deepEqual(f.path, ['containers', 'web', 'host']);
  assert.match(f.message, /container web runs on host lb1, which hosts: does not define — did you mean lab1\?/);
  assert.deepEqual(f.data, { fix: 'replaceValue', value: 'lab1', title: 'Change to lab1' });
});

test("MV502 fires on a network's hosts: entry and an ip_range map key naming an undeclared host", () => {
  const r = check(`${twoHosts}
    networks:
      vlan10:
        parent: eth0.10
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        hosts: [lab1, storage]
        ip_range: { lab1: 192.0.2.128/26, backup: 192.0.2.192/26 }
  `);
  const found = r.of('MV502');
  assert.deepEqual(found.map((f) => r.textAt(f)), ['storage', 'backup']);
  assert.deepEqual(found[0].path, ['networks', 'vlan10', 'hosts', 1]);
  assert.deepEqual(found[1].path, ['networks', 'vlan10', 'ip_range', 'backup']);
  assert.match(found[0].message, /define it under hosts: or use one of lab1, lab2/);
  assert.equal(found[0].data, undefined);
});

test('MV502 fires on a container without host: when there are several hosts, underlining its key', () => {
  const r = check(`${twoHosts}
    containers:
      web: { image: x }
  `);
  const [f] = r.of('MV502');
  assert.equal(r.textAt(f), 'web');
  assert.deepEqual(f.path, ['containers', 'web']);
  assert.match(f.message, /hosts: defines 2 \(lab1, lab2\)/);
});

test('MV502 without hosts: the implicit host "local" is the only one', () => {
  const implicit = (host: string): string => `
    version: 1
    networks:
      vlan10: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1, hosts: [local], ip_range: { local: 192.0.2.128/25 } }
    containers:
      web: { image: x, host: ${host} }
  `;
  assert.deepEqual(check(implicit('local')).of('MV502'), []);
  const r = check(implicit('lab1'));
  const [f, ...rest] = r.of('MV502');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), 'lab1');
  assert.match(f.message, /the spec has no hosts:, so its only host is the implicit "local"/);
});

test('MV502 near misses: a declared host; a single declared host and no host:', () => {
  assert.deepEqual(check(`${twoHosts}
    containers:
      web: { image: x, host: lab2 }
  `).of('MV502'), []);
  assert.deepEqual(check(`
    version: 1
    hosts:
      lab1: { docker: "ssh://ops@lab1.example" }
    containers:
      web: { image: x }
  `).of('MV502'), []);
});
