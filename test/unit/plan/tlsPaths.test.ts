import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveTarget } from '../../../docker/connect';
import type { DockerTarget } from '../../../docker/target';
import { describeOutside, inside, specTlsFiles, tlsFilesOutside } from '../../../docker/tlsPaths';

// realpath: the temp folder itself may sit behind a symlink (macOS /var → /private/var).
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'mvs-tlspaths-')));
after(() => rmSync(dir, { recursive: true, force: true }));
const specDir = path.join(dir, 'ws', 'specs');
mkdirSync(path.join(specDir, 'certs'), { recursive: true });
mkdirSync(path.join(dir, 'outside'), { recursive: true });
writeFileSync(path.join(specDir, 'certs', 'ca.pem'), 'inside');
writeFileSync(path.join(dir, 'outside', 'key.pem'), 'outside');
symlinkSync(path.join(dir, 'outside'), path.join(specDir, 'certs', 'elsewhere'));
symlinkSync(path.join(specDir, 'certs', 'ca.pem'), path.join(specDir, 'ca-link.pem'));

/** The spec's tls: resolved as plan/apply resolve it (connect.ts), then judged. */
const judge = (tls: { ca?: string; cert?: string; key?: string }, root = specDir) => {
  const t = resolveTarget({ spec: { docker: 'tcp://lab1.example:2376', tls }, specDir, env: {}, home: dir });
  return tlsFilesOutside(t.tls, root);
};

test('tlsFilesOutside: files in or below the folder pass, whether they exist or not', () => {
  assert.deepEqual(judge({ ca: 'certs/ca.pem', cert: './certs/missing.pem', key: 'certs/../certs/key.pem' }), []);
  assert.deepEqual(judge({ ca: path.join(specDir, 'certs', 'ca.pem') }), [], 'an absolute path that lands inside is inside');
  assert.deepEqual(judge({ ca: 'ca-link.pem' }), [], 'a symlink that stays inside is inside');
  assert.deepEqual(tlsFilesOutside(undefined, specDir), []);
});

test('tlsFilesOutside: absolute paths, ".." and symlinks that lead out are named, with the resolved path', () => {
  assert.deepEqual(judge({ ca: '/etc/ssl/ca.pem', cert: '../cert.pem', key: 'certs/../../../outside/key.pem' }), [
    { field: 'ca', file: '/etc/ssl/ca.pem' },
    { field: 'cert', file: path.join(dir, 'ws', 'cert.pem') },
    { field: 'key', file: path.join(dir, 'outside', 'key.pem') },
  ]);
  assert.deepEqual(judge({ key: 'certs/elsewhere/key.pem' }), [
    { field: 'key', file: path.join(specDir, 'certs', 'elsewhere', 'key.pem'), linksTo: path.join(dir, 'outside', 'key.pem') },
  ]);
  // A sibling whose name starts like the folder's is not inside it.
  assert.deepEqual(judge({ ca: '../specs-old/ca.pem' }).map((o) => o.file), [path.join(dir, 'ws', 'specs-old', 'ca.pem')]);
});

test('tlsFilesOutside: a wider root (the workspace folder) lets "../" inside it pass', () => {
  const ws = path.join(dir, 'ws');
  assert.deepEqual(judge({ cert: '../cert.pem' }, ws), []);
  assert.deepEqual(judge({ key: '../../outside/key.pem' }, ws).map((o) => o.field), ['key']);
});

test('inside(): the folder itself and below; not its parent nor a sibling', () => {
  assert.equal(inside('/a/b', '/a/b'), true);
  assert.equal(inside('/a/b', '/a/b/c/d'), true);
  assert.equal(inside('/a/b', '/a'), false);
  assert.equal(inside('/a/b', '/a/bc'), false);
  assert.equal(inside('/a/b', '/a/b/..c'), true, '"..c" is a file name');
});

test('describeOutside: paths only, with what the spec wrote', () => {
  assert.equal(describeOutside({ field: 'key', file: '/etc/key.pem' }, '../../etc/key.pem'), 'tls.key (../../etc/key.pem) is /etc/key.pem');
  assert.equal(describeOutside({ field: 'ca', file: '/etc/ca.pem' }, '/etc/ca.pem'), 'tls.ca is /etc/ca.pem');
  assert.equal(describeOutside({ field: 'ca', file: '/w/l.pem', linksTo: '/etc/ca.pem' }), 'tls.ca is /w/l.pem, a link to /etc/ca.pem');
});

test('specTlsFiles: only a spec host\'s docker: + tls: count; contexts, flags and the environment are the user\'s', () => {
  const tls = { ca: '/etc/ca.pem', verify: true };
  const t = (over: Partial<DockerTarget>): DockerTarget => ({ url: 'tcp://lab1.example:2376', kind: 'tcp', source: 'spec', host: 'lab1.example', port: 2376, tls, ...over });
  assert.equal(specTlsFiles(t({})), tls);
  assert.equal(specTlsFiles(t({ context: 'lab1' })), undefined);
  for (const source of ['flag', 'setting', 'env', 'context', 'default'] as const) assert.equal(specTlsFiles(t({ source })), undefined, source);
});
