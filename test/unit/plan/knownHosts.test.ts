import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { hostField, knownKeysFor, verifyHostKey } from '../../../docker/knownHosts';

const dir = mkdtempSync(path.join(tmpdir(), 'mvs-kh-'));
const file = (text: string) => {
  const f = path.join(dir, `kh${Math.random().toString(16).slice(2)}`);
  writeFileSync(f, text);
  return f;
};
const KEY_A = Buffer.from('key-a').toString('base64');
const KEY_B = Buffer.from('key-b').toString('base64');

test('known_hosts: names, [host]:port, lists, wildcards and negation as ssh reads them', () => {
  const f = file([
    `lab1.example,192.0.2.10 ssh-ed25519 ${KEY_A}`,
    `[lab2.example]:2222 ssh-ed25519 ${KEY_B}`,
    `*.rack.example,!bad.rack.example ssh-ed25519 ${KEY_A}`,
    `node?.example ssh-ed25519 ${KEY_B}`,
    `@cert-authority *.example ssh-ed25519 ${KEY_B}`,
    'garbage',
    '',
  ].join('\n'));
  const keys = (h: string, p = 22) => knownKeysFor([f, path.join(dir, 'missing')], h, p).map((k) => k.key);
  assert.deepEqual(keys('lab1.example'), [KEY_A]);
  assert.deepEqual(keys('192.0.2.10'), [KEY_A]);
  assert.deepEqual(keys('LAB1.example'), [KEY_A]);
  assert.deepEqual(keys('lab1.example', 2222), []);
  assert.deepEqual(keys('lab2.example', 2222), [KEY_B]);
  assert.deepEqual(keys('lab2.example'), []);
  assert.deepEqual(keys('a.rack.example'), [KEY_A]);
  assert.deepEqual(keys('bad.rack.example'), []);
  assert.deepEqual(keys('node1.example'), [KEY_B]);
  assert.deepEqual(keys('node12.example'), []);
  assert.equal(hostField('h', 22), 'h');
  assert.equal(hostField('h', 2222), '[h]:2222');
});

test('known_hosts: hashed names, and the verdicts ok / unknown / changed / revoked', () => {
  const salt = Buffer.from('0123456789abcdef0123');
  const hash = createHmac('sha1', salt).update('[lab3.example]:2200').digest('base64');
  const f = file(`|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${KEY_A}\n@revoked lab4.example ssh-ed25519 ${KEY_B}\n`);
  const known = knownKeysFor([f], 'lab3.example', 2200);
  assert.deepEqual(known.map((k) => k.key), [KEY_A]);
  assert.deepEqual(verifyHostKey(known, Buffer.from('key-a')), { ok: true });
  assert.deepEqual(verifyHostKey(known, Buffer.from('key-b')), { ok: false, reason: 'changed' });
  assert.deepEqual(verifyHostKey([], Buffer.from('key-a')), { ok: false, reason: 'unknown' });
  assert.deepEqual(verifyHostKey(knownKeysFor([f], 'lab4.example', 22), Buffer.from('key-b')), { ok: false, reason: 'revoked' });
});
