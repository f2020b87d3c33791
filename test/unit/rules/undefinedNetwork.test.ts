import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (attach: string): string => `
  version: 1
  networks:
    vlan10:
      parent: eth0
      vlan: 10
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
  containers:
    web:
      image: nginx:alpine
      networks:
        ${attach}:
          ipv4_address: 192.0.2.10
`;

test('MV401 fires on an undefined network, underlines the attachment key and suggests a close name', () => {
  const r = check(spec('vlan01'));
  const [f, ...rest] = r.of('MV401');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), 'vlan01');
  assert.deepEqual(f.path, ['containers', 'web', 'networks', 'vlan01']);
  assert.match(f.message, /did you mean vlan10\?/);
  assert.deepEqual(f.data, { fix: 'replaceValue', value: 'vlan10', title: 'Change to vlan10' });
});

test('MV401 explains Docker built-in networks instead of suggesting a name', () => {
  const r = check(spec('bridge'));
  const [f] = r.of('MV401');
  assert.equal(r.textAt(f), 'bridge');
  assert.match(f.message, /Docker built-in network/);
  // no name to suggest: the one fix that resolves it is dropping the attachment
  assert.deepEqual(f.data, { fix: 'removeKey', title: "Remove web's attachment to bridge" });
});

test('MV401 without any suggestion when nothing is close, or no networks at all', () => {
  const r = check(spec('storage'));
  const [f] = r.of('MV401');
  assert.equal(r.textAt(f), 'storage');
  assert.doesNotMatch(f.message, /did you mean/);
  assert.deepEqual(f.data, { fix: 'removeKey', title: "Remove web's attachment to storage" });

  const none = check(`
    version: 1
    containers:
      web:
        image: nginx:alpine
        networks:
          lan:
  `);
  const [g] = none.of('MV401');
  assert.equal(none.textAt(g), 'lan');
  assert.match(g.message, /defines no networks/);
});

test('MV401 near miss: a defined network does not fire, nor do its other rules through MV401', () => {
  const r = check(spec('vlan10'));
  assert.deepEqual(r.of('MV401'), []);
});
