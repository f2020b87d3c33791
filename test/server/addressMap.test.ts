// macvlan/addressMap: the address map of an open spec, from the server's own check (the
// extension draws it and never parses the spec).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressMapAnswer } from '../../server/protocol';
import { startInProcess, type TestClient } from './harness';

let client: TestClient;
before(async () => {
  client = await startInProcess();
});
after(() => client.dispose());

const SPEC = [
  'version: 1',
  'networks:',
  '  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }',
  '  lab: { parent: eth1, subnet: 192.0.2.128/25 }',
  'containers:',
  '  web: { image: "nginx:alpine", networks: { lan: { ipv4_address: 192.0.2.10 } } }',
  '',
].join('\n');

const ask = (uri: string) => client.connection.sendRequest('macvlan/addressMap', { uri }) as Promise<AddressMapAnswer>;

test('macvlan/addressMap: the map of the version the server has, with the diagnostics\' severities; null for a closed spec', async () => {
  const uri = 'file:///srv/lab/lab.macvlan.yaml';
  client.open(uri, SPEC);
  await client.diagnostics(uri);
  const first = await ask(uri);
  assert.ok(first);
  assert.equal(first.version, 1);
  assert.equal(first.map.spec, 'lab');
  const lan = first.map.networks[0].bars[0];
  const roles = (role: string) => lan.elements.filter((e) => e.role === role);
  assert.deepEqual(roles('gateway').map((e) => [e.first, SPEC.slice(e.span!.start, e.span!.end)]), [['192.0.2.1', '192.0.2.1']]);
  assert.deepEqual(roles('static').map((e) => [e.first, e.label]), [['192.0.2.10', 'container web (ipv4_address)']]);
  assert.deepEqual(roles('overlap').map((e) => [e.first, e.last, e.severity]), [['192.0.2.128', '192.0.2.255', 'error']]);

  // An edit: the next answer describes the new version.
  const moved = SPEC.replace('ipv4_address: 192.0.2.10', 'ipv4_address: 192.0.2.20');
  client.change(uri, moved, 2);
  await client.diagnostics(uri);
  const second = await ask(uri);
  assert.equal(second?.version, 2);
  const st = second!.map.networks[0].bars[0].elements.find((e) => e.role === 'static')!;
  assert.equal(st.first, '192.0.2.20');
  assert.equal(moved.slice(st.span!.start, st.span!.end), '192.0.2.20');

  // The document's severity settings colour the overlap as its diagnostic does.
  client.settings = { severity: { MV201: 'warning' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.diagnostics(uri);
  const warned = await ask(uri);
  assert.equal(warned?.map.networks[0].bars[0].elements.find((e) => e.role === 'overlap')?.severity, 'warning');
  client.settings = {};

  // Filter and limit: the panel asks for at most so many networks matching its filter box.
  const one = (await client.connection.sendRequest('macvlan/addressMap', { uri, filter: 'LA', limit: 1 })) as AddressMapAnswer;
  assert.deepEqual([one?.map.networks.map((n) => n.name), one?.map.matched, one?.map.total], [['lan'], 2, 2]);

  assert.equal(await ask('file:///nope/macvlan.yaml'), null);
});
