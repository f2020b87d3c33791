import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { before, test } from 'node:test';
import { codes, spawnStdioServer } from '../../server/harness';
import { ensureBuilt, readJson, readText, ROOT } from './dist';
import { referencedFiles, type Manifest } from './manifest';

interface Metafile {
  inputs: Record<string, unknown>;
}

/** Docker's client library and what only it pulls in; none of it may load with the editor or the server. */
const DOCKER_PACKAGES = /(^|\/)node_modules\/(dockerode|docker-modem|ssh2|cpu-features)\//;

/** Top-level entries a .vsix may hold; README.md is required once the repository has one. */
const ALLOWED_TOP = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json', 'schemas', 'snippets'];

// One file for the .vsix and the bundles: node --test runs files in parallel, and two
// ensureBuilt() calls in two processes would write dist/ at the same time.
let shipped: string[] = [];

before(() => {
  ensureBuilt();
  // `vsce ls` applies .vscodeignore exactly as `vsce package` does, without writing a .vsix.
  // --no-dependencies: the bundles already contain what they need from node_modules.
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, `vsce ls failed:\n${r.stdout}\n${r.stderr}`);
  shipped = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
});

test('the .vsix ships only the allowed top-level paths', () => {
  const top = [...new Set(shipped.map((f) => f.split('/')[0]))].sort();
  const required = ALLOWED_TOP.filter((t) => t !== 'README.md' || existsSync(join(ROOT, 'README.md')));
  assert.deepEqual(top, required);
});

test('the .vsix ships no source maps, build metadata or sources', () => {
  const bad = shipped.filter((f) => /\.(map|meta\.json|ts)$/.test(f) || /(^|\/)node_modules\//.test(f));
  assert.deepEqual(bad, []);
});

test('every file the manifest references is in the .vsix', () => {
  const manifest = readJson<Manifest>('package.json');
  const missing = referencedFiles(manifest).filter((f) => !shipped.includes(f));
  assert.deepEqual(missing, []);
});

test('the language server bundle the client starts is in the .vsix', () => {
  assert.ok(shipped.includes('dist/server.js'), shipped.join('\n'));
});

test('dist/client.js requires nothing but vscode and Node built-ins', () => {
  const src = readText('dist/client.js');
  const literal = [...src.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]);
  const allowed = new Set(['vscode', ...builtinModules, ...builtinModules.map((b) => `node:${b}`)]);
  assert.deepEqual([...new Set(literal.filter((id) => !allowed.has(id)))], []);
  // The one computed require is the lazy Docker loader (client/dockerFeatures.ts); any other
  // would load a file the .vsix might not ship.
  const computed = [...src.matchAll(/(\S{0,8})\brequire\(\s*(?!["'`])([^)]{0,40})\)/g)].map((m) => `${m[1]}require(${m[2]})`);
  assert.ok(computed.length === 1 && /module\.require\(\w+\)$/.test(computed[0]), `computed requires: ${computed.join(', ')}`);
});

test('dist/client.js holds neither Docker code nor the Docker features (loaded lazily)', () => {
  const inputs = Object.keys(readJson<Metafile>('dist/client.js.meta.json').inputs);
  assert.ok(inputs.includes('client/extension.ts'), 'metafile lists the sources');
  assert.deepEqual(inputs.filter((i) => DOCKER_PACKAGES.test(i) || /^(client\/)?docker\//.test(i)), []);
});

test('dist/server.js does not include dockerode', () => {
  const inputs = Object.keys(readJson<Metafile>('dist/server.js.meta.json').inputs);
  assert.ok(inputs.length > 0);
  assert.deepEqual(inputs.filter((i) => DOCKER_PACKAGES.test(i) || /^docker\//.test(i)), []);
});

/**
 * Preload for a bundle's process: on exit, writes the files Node's CommonJS loader loaded (the
 * require cache) to $MVS_LOADED_OUT. Builtins are not files and do not appear.
 */
const LOADED_HOOK = `const fs = require('node:fs');
process.on('exit', () => fs.writeFileSync(process.env.MVS_LOADED_OUT, JSON.stringify(Object.keys(require.cache).filter((f) => f !== __filename))));
`;

function withHook<T>(fn: (hook: string, out: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mvs-loaded-'));
  const hook = join(dir, 'hook.cjs');
  writeFileSync(hook, LOADED_HOOK);
  return fn(hook, join(dir, 'loaded.json')).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const loadedFiles = (out: string): string[] => (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((f) => relative(ROOT, f)).sort();

test('the running language server loads no file but dist/server.js (so no dockerode)', { timeout: 60_000 }, () =>
  withHook(async (hook, out) => {
    const server = await spawnStdioServer({ nodeArgs: ['--require', hook], env: { ...process.env, MVS_LOADED_OUT: out } });
    const { client } = server;
    try {
      // A spec that reaches the rules, the schema and the host-related ones (docker host given).
      const uri = 'file:///lab/loaded/macvlan.yaml';
      client.open(uri, ['version: 1', 'hosts:', '  h1: { docker: "tcp://192.0.2.10:2375" }', 'networks:', '  a: { host: h1, parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }', '  b: { host: h1, parent: eth1, subnet: 192.0.2.0/25, gateway: 192.0.2.1 }', ''].join('\n'));
      const d = await client.diagnostics(uri);
      assert.ok(codes(d).includes('MV201'), `the server checked the spec: ${codes(d).join(', ')}`);
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 45 } });
      assert.equal(await server.shutdown(), 0);
    } finally {
      server.dispose();
    }
    assert.deepEqual(loadedFiles(out), ['dist/server.js']);
  }),
);

test('loading dist/client.js loads no other file (dist/docker.js waits for first use)', { timeout: 60_000 }, () =>
  withHook(async (hook, out) => {
    // `vscode` exists only in the extension host: a stand-in that answers every property.
    const script = `const Module = require('node:module');
const stub = new Proxy(function () {}, { get: (_t, k) => (k === 'prototype' ? {} : stub), apply: () => stub, construct: () => ({}) });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const ext = require(process.argv[1]);
if (typeof ext.activate !== 'function' || typeof ext.deactivate !== 'function') throw new Error('no activate/deactivate export');
`;
    const child = spawn(process.execPath, ['--require', hook, '-e', script, join(ROOT, 'dist/client.js')], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, MVS_LOADED_OUT: out },
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.deepEqual(loadedFiles(out), ['dist/client.js']);
  }),
);
