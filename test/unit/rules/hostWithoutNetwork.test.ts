import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (host: string, netHosts = '[lab1]'): string => `
  version: 1
  hosts:
    lab1: { docker: "ssh://ops@lab1.example" }
    lab2: { docker: "ssh://ops@lab2.example" }
  networks:
    vlan10: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1, hosts: ${netHosts} }
  containers:
    web:
      image: nginx:alpine
      host: ${host}
      networks:
        vlan10: { ipv4_address: 192.0.2.10 }
`;

test("MV408 fires when the container's host does not get the network", () => {
  const r = check(spec('lab2'));
  const [f, ...rest] = r.of('MV408');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), 'vlan10');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan10']);
  assert.equal(r.textAt(f.related[0]), 'vlan10');
  assert.deepEqual(f.related[0].path, ['networks', 'vlan10']);
  assert.match(f.message, /runs on host lab2, but network vlan10 is created on only lab1/);
});

test("MV408 near misses: the host is listed; no hosts: on the network means every host; an unknown host is MV502's", () => {
  assert.deepEqual(check(spec('lab1')).of('MV408'), []);
  assert.deepEqual(check(spec('lab2', '[lab1, lab2]')).of('MV408'), []);
  const noList = check(`
    version: 1
    hosts:
      lab1: { docker: "ssh://ops@lab1.example" }
      lab2: { docker: "ssh://ops@lab2.example" }
    networks:
      vlan10: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      web: { image: x, host: lab2, networks: { vlan10: { ipv4_address: 192.0.2.10 } } }
  `);
  assert.deepEqual(noList.of('MV408'), []);
  const unknown = check(spec('lab9'));
  assert.deepEqual(unknown.of('MV408'), []);
  assert.equal(unknown.of('MV502').length, 1);
});
