import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { fixAll, fixesFor } from '../../../core/fixes';
import { codeActions, SpecDocument } from '../../../core/service';
import { check } from './helpers';

/** One tcp:// host with TLS; `tls` is the flow mapping's body. Quoted values keep `\` literal. */
const spec = (tls: string): string => `
  version: 1
  hosts:
    lab1:
      docker: tcp://lab1.example:2376
      tls: { ${tls} }
`;

const escapes = (tls: string) => check(spec(tls)).of('MV501').map((f) => f.data);

test('MV501 warns on a tls: path that climbs out with "..", underlining the value', () => {
  const r = check(spec('ca: ../../etc/x, cert: certs/cert.pem, key: certs/key.pem'));
  const [f, ...rest] = r.of('MV501');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.equal(r.textAt(f), '../../etc/x');
  assert.deepEqual(f.path, ['hosts', 'lab1', 'tls', 'ca']);
  assert.deepEqual(f.related, []);
  assert.deepEqual(f.data, { kind: 'tls-path-escape', field: 'ca', reason: 'parent' });
  assert.match(f.message, /^tls\.ca of host lab1 \(\.\.\/\.\.\/etc\/x\) climbs out of the spec's folder with "\.\."/);
  assert.match(f.message, /keep the TLS files in the spec's folder, e.g\. certs\/ca\.pem$/);
});

test('MV501 tls paths: absolute, ~ and a ".." after a folder each warn, once per field', () => {
  const r = check(spec('ca: /etc/docker/ca.pem, cert: "~/.docker/cert.pem", key: certs/../../key.pem'));
  const fs = r.of('MV501');
  assert.deepEqual(fs.map((f) => [r.textAt(f), f.path.at(-1), f.data]), [
    ['/etc/docker/ca.pem', 'ca', { kind: 'tls-path-escape', field: 'ca', reason: 'absolute' }],
    ['"~/.docker/cert.pem"', 'cert', { kind: 'tls-path-escape', field: 'cert', reason: 'home' }],
    ['certs/../../key.pem', 'key', { kind: 'tls-path-escape', field: 'key', reason: 'parent' }],
  ]);
  assert.match(fs[0].message, /is an absolute path, outside the spec's folder/);
  assert.match(fs[1].message, /starts with ~, which is not expanded/);
  assert.ok(fs.every((f) => f.severity === 'warning'));
  // A bare "~" and "~user" are the home folder too.
  assert.deepEqual(escapes('ca: "~"'), [{ kind: 'tls-path-escape', field: 'ca', reason: 'home' }]);
  assert.deepEqual(escapes('ca: "~ops/ca.pem"'), [{ kind: 'tls-path-escape', field: 'ca', reason: 'home' }]);
});

test('MV501 tls paths written the Windows way: drive letters, UNC and "..\\" leave the folder', () => {
  assert.deepEqual(escapes(String.raw`ca: 'C:\certs\ca.pem'`), [{ kind: 'tls-path-escape', field: 'ca', reason: 'absolute' }]);
  assert.deepEqual(escapes(String.raw`ca: 'c:/certs/ca.pem'`), [{ kind: 'tls-path-escape', field: 'ca', reason: 'absolute' }]);
  assert.deepEqual(escapes(String.raw`ca: 'D:ca.pem'`), [{ kind: 'tls-path-escape', field: 'ca', reason: 'absolute' }]);
  assert.deepEqual(escapes(String.raw`ca: '\\server\share\ca.pem'`), [{ kind: 'tls-path-escape', field: 'ca', reason: 'absolute' }]);
  assert.deepEqual(escapes(String.raw`ca: '\certs\ca.pem'`), [{ kind: 'tls-path-escape', field: 'ca', reason: 'absolute' }]);
  assert.deepEqual(escapes(String.raw`key: '..\..\secrets\key.pem'`), [{ kind: 'tls-path-escape', field: 'key', reason: 'parent' }]);
  assert.deepEqual(escapes(String.raw`key: 'certs\..\..\key.pem'`), [{ kind: 'tls-path-escape', field: 'key', reason: 'parent' }]);
  // In a double-quoted YAML string "\\" is one backslash: the value is ..\x.pem.
  const r = check(spec('key: "..\\\\x.pem"'));
  assert.equal(r.of('MV501').length, 1);
  assert.equal(r.textAt(r.of('MV501')[0]), '"..\\\\x.pem"');
});

test('MV501 near misses: relative paths that stay in the spec folder after normalising', () => {
  for (const tls of [
    'ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem',
    'ca: ca.pem, cert: ./cert.pem, key: ./certs/./key.pem',
    'ca: certs/../ca.pem, cert: a/b/../../cert.pem, key: certs//key.pem',
    String.raw`ca: 'certs\ca.pem', cert: 'certs\sub\..\cert.pem', key: '.\key.pem'`,
    // Names that only look like it: "..." and "..x" are file names, "x~" is no home folder.
    'ca: .../ca.pem, cert: ..cert.pem, key: certs/key.pem~',
    // Empty values are the schema's business, not a path.
    'ca: ""',
  ]) {
    assert.deepEqual(check(spec(tls)).of('MV501'), [], tls);
  }
  // Without tls: at all, only the plain-tcp rule speaks (and says so).
  const plain = check(`
    version: 1
    hosts:
      lab1: { docker: "tcp://lab1.example:2375" }
  `).of('MV501');
  assert.equal(plain.length, 1);
  assert.equal(plain[0].data, undefined);
  assert.match(plain[0].message, /without tls/);
});

test('MV501 tls paths are checked whatever the connection (ssh://, a context) and per host', () => {
  const r = check(`
    version: 1
    hosts:
      lab1:
        docker: ssh://ops@lab1.example
        tls: { ca: /etc/ca.pem }
      lab2:
        context: lab2
        tls: { key: ../key.pem }
  `);
  assert.deepEqual(r.of('MV501').map((f) => f.path.join('.')), ['hosts.lab1.tls.ca', 'hosts.lab2.tls.key']);
  assert.match(r.of('MV501')[1].message, /^tls\.key of host lab2 /);
});

test('MV501 tls path: severity setting and suppression comments apply as for any MV501', () => {
  const text = 'version: 1\nhosts:\n  lab1:\n    docker: tcp://lab1.example:2376\n    tls:\n      ca: /etc/ca.pem  # macvlan-disable-line MV501\n      key: ../key.pem\n';
  const found = checkText(text).findings.filter((f) => f.code === 'MV501');
  assert.deepEqual(found.map((f) => f.path.join('.')), ['hosts.lab1.tls.key']);
  const asError = checkText(text, { settings: { severity: { MV501: 'error' } } }).findings.filter((f) => f.code === 'MV501');
  assert.deepEqual(asError.map((f) => f.severity), ['error']);
  assert.deepEqual(checkText(text, { settings: { severity: { MV501: 'off' } } }).findings.filter((f) => f.code === 'MV501'), []);
});

test('MV501 tls path: no quick fix misfires on its data; only "Disable MV501 for this line"', () => {
  const text = 'version: 1\nhosts:\n  lab1:\n    docker: tcp://lab1.example:2376\n    tls: { ca: /etc/ca.pem, key: ../../key.pem }\n';
  const result = checkText(text);
  const fs = result.findings.filter((f) => f.code === 'MV501');
  assert.equal(fs.length, 2);
  for (const f of fs) assert.deepEqual(fixesFor(f, result), []);
  // Data as it comes back from the editor (JSON), and a stale client adding a bogus fix name.
  const doc = new SpecDocument(text);
  const diagnostics = fs.map((f) => JSON.parse(JSON.stringify({ code: f.code, span: f.span, data: f.data })));
  assert.deepEqual(codeActions(doc, { diagnostics }).map((a) => [a.title, a.diagnostics]), [['Disable MV501 for this line', [0]]]);
  const forged = { ...fs[0], data: { ...fs[0].data, fix: 'toString' } } as unknown as typeof fs[0];
  assert.deepEqual(fixesFor(forged, result), []);
  // Fix-all leaves the paths alone: moving a user's key is not a safe edit.
  assert.equal(fixAll(text).text, text);
});
