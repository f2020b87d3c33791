import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { before, test } from 'node:test';
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
