import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AUTO, connectionKey, hostNameFor, resolveConnection, tlsAllowKey } from '../../../../client/docker/connection';
import { listDockerContexts } from '../../../../client/docker/contextList';

const home = mkdtempSync(path.join(os.tmpdir(), 'mvs-conn-'));
const env = { HOME: home } as NodeJS.ProcessEnv;

function addContext(name: string, host: string, description?: string): void {
  const id = createHash('sha256').update(name).digest('hex');
  const dir = path.join(home, '.docker', 'contexts', 'meta', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: description }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
}
addContext('lab', 'ssh://ops@lab1.example', 'the lab');
addContext('edge', 'tcp://edge.example:2376');

test('without a spec: setting, else DOCKER_HOST, else the default socket', () => {
  const r = resolveConnection({ choice: AUTO, setting: 'unix:///tmp/d.sock', trusted: true, env, home });
  assert.ok(r.ok);
  assert.equal(r.target.url, 'unix:///tmp/d.sock');
  assert.equal(r.origin, 'setting macvlan.docker.host');
  const e = resolveConnection({ choice: AUTO, setting: '', trusted: true, env: { ...env, DOCKER_HOST: 'tcp://192.0.2.5:2375' }, home });
  assert.ok(e.ok && e.target.url === 'tcp://192.0.2.5:2375' && e.origin === 'DOCKER_HOST');
  const d = resolveConnection({ choice: AUTO, trusted: true, env, home });
  assert.ok(d.ok && d.target.url === 'unix:///var/run/docker.sock' && d.origin === 'the default socket');
});

test('the choice "DOCKER_HOST" skips the setting; a chosen context is used', () => {
  const e = resolveConnection({ choice: { kind: 'env' }, setting: 'unix:///tmp/d.sock', trusted: true, env: { ...env, DOCKER_HOST: 'unix:///tmp/env.sock' }, home });
  assert.ok(e.ok && e.target.url === 'unix:///tmp/env.sock');
  const c = resolveConnection({ choice: { kind: 'context', name: 'lab' }, setting: 'unix:///tmp/d.sock', trusted: true, env, home });
  assert.ok(c.ok);
  assert.equal(c.target.url, 'ssh://ops@lab1.example');
  assert.equal(c.origin, 'docker context lab (selected)');
});

test('a spec host with docker:/context: wins, with tls: relative to the spec', () => {
  const r = resolveConnection({ specHost: { name: 'lab1', docker: 'tcp://lab1.example:2376', tls: { ca: 'certs/ca.pem' } }, specDir: '/srv/specs', choice: { kind: 'context', name: 'edge' }, setting: 'unix:///tmp/d.sock', trusted: true, env, home });
  assert.ok(r.ok);
  assert.equal(r.target.url, 'tcp://lab1.example:2376');
  assert.equal(r.target.tls?.ca, '/srv/specs/certs/ca.pem');
  assert.equal(r.origin, 'host lab1 of the spec (docker: tcp://lab1.example:2376)');
  // A spec host without either follows the choice.
  const plain = resolveConnection({ specHost: { name: 'local' }, choice: AUTO, setting: 'unix:///tmp/d.sock', trusted: true, env, home });
  assert.ok(plain.ok && plain.target.url === 'unix:///tmp/d.sock');
});

test('in Restricted Mode a spec does not choose the daemon', () => {
  const r = resolveConnection({ specHost: { name: 'lab1', docker: 'ssh://ops@lab1.example' }, choice: AUTO, trusted: false, env, home });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.reason === 'restricted');
  assert.match(!r.ok ? r.message : '', /not connecting to host lab1 of the spec \(docker: ssh:\/\/ops@lab1\.example\)/);
  const implicit = resolveConnection({ specHost: { name: 'local' }, choice: AUTO, setting: 'unix:///tmp/d.sock', trusted: false, env, home });
  assert.ok(implicit.ok, 'the user\'s own setting still counts');
});

test('a bad URL or an unknown context is an error result, not an exception', () => {
  const bad = resolveConnection({ choice: AUTO, setting: 'ftp://x', trusted: true, env, home });
  assert.ok(!bad.ok && bad.reason === 'invalid');
  assert.match(!bad.ok ? bad.message : '', /unsupported scheme ftp:\/\//);
  const ctx = resolveConnection({ specHost: { name: 'x', context: 'nope' }, choice: AUTO, trusted: true, env, home });
  assert.ok(!ctx.ok && /docker context "nope" not found/.test(ctx.message));
});

test('keys tell connections apart; import names hosts after them', () => {
  const a = resolveConnection({ choice: AUTO, setting: 'unix:///tmp/a.sock', trusted: true, env, home });
  const b = resolveConnection({ choice: AUTO, setting: 'unix:///tmp/b.sock', trusted: true, env, home });
  assert.notEqual(connectionKey(a), connectionKey(b));
  assert.equal(connectionKey(a), connectionKey(resolveConnection({ choice: AUTO, setting: 'unix:///tmp/a.sock', trusted: true, env, home })));
  assert.ok(a.ok && b.ok);
  const c = resolveConnection({ choice: { kind: 'context', name: 'lab' }, trusted: true, env, home });
  assert.ok(c.ok);
  assert.equal(hostNameFor(c.target), 'lab');
  const t = resolveConnection({ choice: AUTO, setting: 'tcp://[2001:db8::5]:2376', trusted: true, env, home });
  assert.ok(t.ok);
  assert.equal(hostNameFor(t.target), '2001-db8-5');
});

test('a spec host whose tls: files leave the workspace resolves to tlsOutside until they are allowed', () => {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mvs-conn-ws-')));
  const specDir = path.join(ws, 'specs');
  const specHost = { name: 'lab1', docker: 'tcp://lab1.example:2376', tls: { ca: '../shared/ca.pem', cert: 'certs/cert.pem', key: '../../key.pem' } };
  const base = { specHost, specDir, choice: AUTO, trusted: true, env, home };
  // Root = the workspace folder: ../shared/ca.pem is in it, ../../key.pem is not.
  const r = resolveConnection({ ...base, tlsRoot: ws });
  assert.ok(!r.ok && r.reason === 'tlsOutside', JSON.stringify(r));
  const key = path.join(path.dirname(ws), 'key.pem');
  assert.deepEqual(r.outside, [{ field: 'key', file: key }]);
  assert.deepEqual(r.files, [`tls.key (../../key.pem) is ${key}`]);
  assert.equal(r.message, `host lab1 of the spec reads TLS files outside the workspace: tls.key (../../key.pem) is ${key}`);
  assert.equal(r.url, 'tcp://lab1.example:2376');
  assert.equal(r.target.tls?.key, key, 'the target to use once allowed');
  assert.equal(r.origin, 'host lab1 of the spec (docker: tcp://lab1.example:2376)');
  // Root = the spec's folder (no workspace folder): ../shared/ca.pem is outside as well.
  const narrow = resolveConnection(base);
  assert.ok(!narrow.ok && narrow.reason === 'tlsOutside');
  assert.deepEqual(narrow.outside.map((o) => o.field), ['ca', 'key']);
  // Allowed files no longer count; the key changes, so the view reconnects.
  const allowed = resolveConnection({ ...base, tlsRoot: ws, tlsAllowed: new Set(r.outside.map(tlsAllowKey)) });
  assert.ok(allowed.ok);
  assert.equal(allowed.target.tls?.key, key);
  assert.notEqual(connectionKey(allowed), connectionKey(r));
  // Allowing one file does not allow another.
  const other = resolveConnection({ ...base, tlsRoot: specDir, tlsAllowed: new Set(r.outside.map(tlsAllowKey)) });
  assert.ok(!other.ok && other.reason === 'tlsOutside');
  assert.deepEqual(other.outside.map((o) => o.field), ['ca']);
  // No root at all (an untitled spec outside any workspace): every tls: file asks.
  const none = resolveConnection({ ...base, specDir: undefined, specHost: { ...specHost, tls: { ca: 'certs/ca.pem' } } });
  assert.ok(!none.ok && none.reason === 'tlsOutside');
  assert.deepEqual(none.outside, [{ field: 'ca', file: path.resolve('certs/ca.pem') }]);
  // Files inside, and Restricted Mode (refused before any path is looked at).
  assert.ok(resolveConnection({ ...base, specHost: { ...specHost, tls: { ca: 'certs/ca.pem' } }, tlsRoot: ws }).ok);
  const restricted = resolveConnection({ ...base, tlsRoot: ws, trusted: false });
  assert.ok(!restricted.ok && restricted.reason === 'restricted');
});

test('tls: files of a docker context or DOCKER_CERT_PATH are the user\'s: never asked about', () => {
  const certs = path.join(home, 'certs');
  const r = resolveConnection({ choice: AUTO, setting: 'tcp://edge.example:2376', trusted: true, env: { ...env, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, home, tlsRoot: '/nowhere' });
  assert.ok(r.ok);
  // A spec's context: takes its files from the context store, outside any workspace.
  const tlsDir = path.join(home, '.docker', 'contexts', 'tls', createHash('sha256').update('edge').digest('hex'), 'docker');
  mkdirSync(tlsDir, { recursive: true });
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(tlsDir, f), 'not a real pem');
  const c = resolveConnection({ specHost: { name: 'edge', context: 'edge' }, specDir: '/srv/specs', choice: AUTO, trusted: true, env, home, tlsRoot: '/srv/specs' });
  assert.ok(c.ok, JSON.stringify(c));
  assert.equal(c.target.source, 'spec');
  assert.equal(c.target.tls?.key, path.join(tlsDir, 'key.pem'));
});

test('docker contexts are listed by name with their endpoints', () => {
  assert.deepEqual(listDockerContexts(env, home), [
    { name: 'edge', host: 'tcp://edge.example:2376', description: undefined },
    { name: 'lab', host: 'ssh://ops@lab1.example', description: 'the lab' },
  ]);
  assert.deepEqual(listDockerContexts({ DOCKER_CONFIG: path.join(home, 'none') }, home), []);
});
