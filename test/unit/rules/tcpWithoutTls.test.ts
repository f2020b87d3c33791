import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (host: string): string => `
  version: 1
  hosts:
    lab1:
      ${host}
`;

test('MV501 warns on a tcp:// host without tls and underlines the docker value', () => {
  const r = check(spec('docker: tcp://lab1.example:2375'));
  const [f, ...rest] = r.of('MV501');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.equal(r.textAt(f), 'tcp://lab1.example:2375');
  assert.deepEqual(f.path, ['hosts', 'lab1', 'docker']);
  assert.match(f.message, /host lab1 is reached over tcp:\/\/lab1\.example:2375 without tls/);
  assert.equal(check(spec('docker: "TCP://127.0.0.1:2375"')).of('MV501').length, 1);
});

test('MV501 near misses: tcp:// with tls, ssh://, unix://, a context', () => {
  const tls = 'docker: tcp://lab1.example:2376\n      tls: { ca: certs/ca.pem, cert: certs/cert.pem, key: certs/key.pem }';
  assert.deepEqual(check(spec(tls)).of('MV501'), []);
  assert.deepEqual(check(spec('docker: ssh://ops@lab1.example')).of('MV501'), []);
  assert.deepEqual(check(spec('docker: unix:///var/run/docker.sock')).of('MV501'), []);
  assert.deepEqual(check(spec('context: lab1')).of('MV501'), []);
});
