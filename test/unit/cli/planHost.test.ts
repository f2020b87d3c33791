// plan connects to a host the spec names only when the user agrees (--yes, or y on a terminal).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../../cli/main';

const dir = mkdtempSync(join(tmpdir(), 'mvs-planhost-'));
const specWith = (docker: string) => {
  const f = join(dir, `s${Math.random().toString(16).slice(2)}.macvlan.yaml`);
  writeFileSync(f, `version: 1\nhosts:\n  lab1: { docker: "${docker}" }\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n`);
  return f;
};
const missing = `unix://${join(dir, 'no-such.sock')}`;

async function run(argv: string[], io: { isTTY?: boolean; answer?: boolean } = {}) {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const code = await main(argv, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    isTTY: io.isTTY ?? false,
    confirm: async (q: string) => {
      asked.push(q);
      return io.answer ?? false;
    },
  } as Parameters<typeof main>[1]);
  return { code, out, err, asked };
}

test('plan: a spec-named host, no terminal and no --yes: refused before connecting (exit 2)', async () => {
  const f = specWith(missing);
  const r = await run(['plan', f]);
  assert.equal(r.code, 2);
  assert.equal(r.err, `macvlan-spec: plan refused: ${f} names ${missing} for host lab1; not on a terminal, so run again with --yes to connect to it, or choose the host yourself with --docker\n`);
});

test('plan: on a terminal it asks; no means nothing is asked of the host (exit 1), yes connects', async () => {
  const f = specWith(missing);
  const no = await run(['plan', f], { isTTY: true, answer: false });
  assert.equal(no.code, 1);
  assert.deepEqual(no.asked, [`${f} names ${missing} for host lab1. Connect to it to plan? [y/N] `]);
  assert.match(no.err, /plan cancelled; nothing was asked of the host/);
  const yes = await run(['plan', f], { isTTY: true, answer: true });
  assert.equal(yes.code, 2);
  assert.match(yes.err, /cannot reach Docker at unix:\/\/.*no-such\.sock: no such socket/);
  const flag = await run(['plan', f, '--yes']);
  assert.deepEqual(flag.asked, []);
  assert.match(flag.err, /cannot reach Docker/);
});

test('plan: plain tcp:// named by the spec is MV501 and needs --yes even on a terminal; --docker is the user\'s own choice', async () => {
  const f = specWith('tcp://127.0.0.1:9');
  const r = await run(['plan', f], { isTTY: true, answer: true });
  assert.equal(r.code, 2);
  assert.deepEqual(r.asked, []);
  assert.match(r.err, /^macvlan-spec: warning MV501: tcp:\/\/127\.0\.0\.1:9 is plain TCP without TLS/);
  assert.match(r.err, /plan refused: .* names plain tcp:\/\/ for host lab1; run again with --yes to connect anyway, or choose the host yourself with --docker/);
  const own = await run(['plan', f, '--docker', missing]);
  assert.deepEqual(own.asked, []);
  assert.doesNotMatch(own.err, /plan refused/);
});
