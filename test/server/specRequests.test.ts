// The requests the extension's Docker features make instead of parsing specs themselves:
// specInfo, drift, applyPlan and addToSpec, answered from the server's own parse and settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedHostDetail } from '../../core/plan/types';
import type { AddToSpecAnswer, ApplyPlanAnswer, DriftAnswer, SpecInfo } from '../../server/protocol';
import { hostAfterApply } from '../unit/plan/helpers';
import { startInProcess, type TestClient } from './harness';

let client: TestClient;
before(async () => {
  client = await startInProcess();
});
after(() => client.dispose());

const SPEC = [
  'version: 1',
  'hosts:',
  '  lab1: { docker: "ssh://ops@lab1" }',
  '  lab2: { context: lab2 }',
  'networks:',
  '  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1, hosts: [lab1] }',
  'containers:',
  '  web: { image: "nginx:alpine", host: lab1, networks: { lan: { ipv4_address: 192.0.2.10 } } }',
  '',
].join('\n');

const ask = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;

test('macvlan/specInfo: name (from the URI), hosts with their connection, containers, the error count; null for a closed spec', async () => {
  const uri = 'file:///srv/Home%20Lab/macvlan.yaml';
  client.open(uri, SPEC);
  await client.diagnostics(uri);
  const info = await ask<SpecInfo>('macvlan/specInfo', { uri });
  assert.deepEqual(info, {
    uri,
    version: 1,
    name: 'homelab',
    hostsDeclared: true,
    hosts: [{ name: 'lab1', offset: SPEC.indexOf('lab1:'), docker: 'ssh://ops@lab1' }, { name: 'lab2', offset: SPEC.indexOf('lab2:'), context: 'lab2' }],
    containers: [{ name: 'web', image: 'nginx:alpine' }],
    errors: 0,
  });
  client.change(uri, SPEC.replace('gateway: 192.0.2.1', 'gateway: 203.0.113.1'), 2);
  await client.diagnostics(uri);
  const after = await ask<SpecInfo>('macvlan/specInfo', { uri });
  assert.equal(after.version, 2);
  assert.equal(after.errors, 1);
  assert.equal(await ask('macvlan/specInfo', { uri: 'file:///nope/macvlan.yaml' }), null);
});

test('macvlan/drift and macvlan/applyPlan: the tree and apply get the same answer from the same parse', async () => {
  const uri = 'file:///srv/lab/lab.macvlan.yaml';
  const text = SPEC.replace(/hosts:\n(?: {2}.*\n){2}/, '').replace(', hosts: [lab1]', '').replace(', host: lab1', '');
  client.open(uri, text);
  await client.diagnostics(uri);
  const host: ObservedHostDetail = { ...hostAfterApply(text.replace('version: 1', 'version: 1\nname: lab')), images: { 'nginx:alpine': true } };
  const drift = await ask<DriftAnswer>('macvlan/drift', { uri, host: 'local', networks: host.networks });
  assert.equal(drift?.spec, 'lab');
  assert.deepEqual(Object.values(drift?.byId ?? {}).map((d) => d.state), ['inSync']);
  const live = { engine: '20.10.24', networks: [] };
  const plans = await ask<ApplyPlanAnswer>('macvlan/applyPlan', { uri, hosts: [{ host: 'local', live, detail: host }], variants: [{}, { prune: true }] });
  assert.deepEqual(plans?.errors, []);
  assert.equal(plans?.plans[0].length, 2);
  assert.deepEqual(plans?.plans[0][0].steps, []);
  assert.equal(plans?.plans[0][0].spec, 'lab');
  // against a live host with an overlapping network that is not the spec's: MV208, no plans
  const theirs = { id: 'x', name: 'theirs', driver: 'bridge', subnets: ['192.0.2.0/25'], labels: {} };
  const refused = await ask<ApplyPlanAnswer>('macvlan/applyPlan', { uri, hosts: [{ host: 'local', live: { engine: '20.10.24', networks: [theirs] }, detail: host }], variants: [{}] });
  assert.deepEqual(refused?.errors.map((e) => [e.code, e.line]), [['MV208', 2]]);
  assert.deepEqual(refused?.plans, []);
});

test('macvlan/addToSpec: one edit against the version it was made for, keeping the text around it', async () => {
  const uri = 'file:///srv/add/macvlan.yaml';
  const text = '# my lab\nversion: 1\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24 }\n';
  client.open(uri, text, 3);
  await client.diagnostics(uri);
  const imported = 'version: 1\nnetworks:\n  extra:\n    driver: macvlan\n    parent: eth1\n    subnet: 198.51.100.0/24\n';
  const r = await ask<AddToSpecAnswer>('macvlan/addToSpec', { uri, imported, host: 'local' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.version, 3);
  assert.deepEqual(r.networks, ['extra']);
  const after = text.slice(0, r.edit.start) + r.edit.text + text.slice(r.edit.end);
  assert.match(after, /^# my lab\nversion: 1\nnetworks:\n {2}lan: \{ parent: eth0, subnet: 192\.0\.2\.0\/24 \}\n {2}extra:\n {4}driver: macvlan\n/);
  const dup = await ask<AddToSpecAnswer>('macvlan/addToSpec', { uri, imported: imported.replace('extra', 'lan'), host: 'local' });
  assert.ok(dup.ok);
  assert.deepEqual(dup.networks, []);
  assert.match(dup.skipped.join(' '), /lan/);
});

test('macvlan/drift with swarmManagers: a missing swarm network shows as only in the spec on its manager, not on a worker', async () => {
  const uri = 'file:///srv/swarm/sw.macvlan.yaml';
  const text = [
    'version: 1',
    'hosts: { n1: {}, n2: {} }',
    'networks:',
    '  sw: { scope: swarm, parent: eth1, subnet: 203.0.113.0/24, gateway: 203.0.113.1, ip_range: { n1: 203.0.113.64/27, n2: 203.0.113.96/27 } }',
    '',
  ].join('\n');
  client.open(uri, text);
  await client.diagnostics(uri);
  const onManager = await ask<DriftAnswer>('macvlan/drift', { uri, host: 'n1', networks: [], swarmManagers: ['n1'] });
  assert.deepEqual(onManager?.onlyInSpec.map((o) => o.def.name), ['sw-config', 'sw']);
  const onWorker = await ask<DriftAnswer>('macvlan/drift', { uri, host: 'n2', networks: [], swarmManagers: ['n1'] });
  assert.deepEqual(onWorker?.onlyInSpec.map((o) => o.def.name), ['sw-config']);
});
