import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (mode: string, hostB: string): string => `
  version: 1
  hosts:
    lab1: { docker: "ssh://ops@lab1.example" }
    lab2: { docker: "ssh://ops@lab2.example" }
  networks:
    pt: { parent: eth1, mode: ${mode}, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
  containers:
    a: { image: x, host: lab1, networks: { pt: { ipv4_address: 192.0.2.10 } } }
    b: { image: x, host: ${hostB}, networks: { pt: { ipv4_address: 192.0.2.11 } } }
    c: { image: x, host: ${hostB}, networks: { pt: { ipv4_address: 192.0.2.12 } } }
`;

test('MV409 fires on the second and later containers on a passthru network of one host', () => {
  const r = check(spec('passthru', 'lab1'));
  const found = r.of('MV409');
  assert.equal(found.length, 2);
  const [f, g] = found;
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), 'pt');
  assert.deepEqual(f.path, ['containers', 'b', 'networks', 'pt']);
  assert.deepEqual(g.path, ['containers', 'c', 'networks', 'pt']);
  assert.deepEqual(f.related[0].path, ['containers', 'a', 'networks', 'pt']);
  assert.deepEqual(g.related[0].path, ['containers', 'a', 'networks', 'pt']);
  assert.match(f.message, /second container on passthru network pt on host lab1, which container a already takes \(line 8\)/);
});

test('MV409 near misses: one container per host; bridge mode', () => {
  const perHost = check(spec('passthru', 'lab2'));
  // b and c share lab2, so only c fires; a on lab1 is alone.
  assert.deepEqual(perHost.of('MV409').map((f) => f.path[1]), ['c']);
  assert.deepEqual(check(spec('bridge', 'lab1')).of('MV409'), []);
});
