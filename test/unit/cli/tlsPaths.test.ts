import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../cli/main';

// plan/apply with tls: files outside the spec's folder: warned (MV501) and refused without
// --yes, before any file is read. No Docker here: the refusal comes before connecting, and with
// --yes the run gets as far as reading the files (or a closed loopback port).

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'mvs-cli-tls-')));
const specDir = path.join(dir, 'project');
const MARKER = 'PRIVATE-KEY-MATERIAL-7f3a';
mkdirSync(path.join(specDir, 'certs'), { recursive: true });
mkdirSync(path.join(dir, 'elsewhere'), { recursive: true });
for (const f of ['ca.pem', 'cert.pem', 'key.pem']) {
  writeFileSync(path.join(specDir, 'certs', f), `-----BEGIN NONSENSE-----\n${MARKER}\n-----END NONSENSE-----\n`);
  writeFileSync(path.join(dir, 'elsewhere', f), `-----BEGIN NONSENSE-----\n${MARKER}\n-----END NONSENSE-----\n`);
}
symlinkSync(path.join(dir, 'elsewhere'), path.join(specDir, 'certs', 'linked'));

let port = 0;
before(async () => {
  // A loopback port with nobody listening: connecting fails at once, and never leaves the machine.
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function spec(name: string, tls: string): string {
  const file = path.join(specDir, name);
  writeFileSync(file, `version: 1\nhosts:\n  lab1:\n    docker: tcp://127.0.0.1:${port}\n    tls: { ${tls} }\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n`);
  return file;
}

const refusal = (command: string) => new RegExp(`^macvlan-spec: ${command} reads TLS files outside the spec's folder only with --yes \\(check the paths above, or move the files next to the spec\\); nothing was read$`, 'm');

test('plan and apply: a tls: file outside the spec folder is named on stderr and refused without --yes', async () => {
  const file = spec('up.macvlan.yaml', 'ca: certs/ca.pem, cert: certs/cert.pem, key: ../elsewhere/missing-key.pem');
  for (const command of ['plan', 'apply']) {
    const r = await cli(command, file, '--timeout', '5');
    assert.equal(r.code, 2, r.err);
    assert.equal(r.out, '');
    const missing = path.join(dir, 'elsewhere', 'missing-key.pem');
    assert.deepEqual(r.err.trimEnd().split('\n'), [
      `macvlan-spec: warning MV501: tls.key (../elsewhere/missing-key.pem) is ${missing}: host lab1 reads it from outside the spec's folder ${specDir}`,
      `macvlan-spec: ${command} reads TLS files outside the spec's folder only with --yes (check the paths above, or move the files next to the spec); nothing was read`,
    ]);
    // The key does not exist: had it been read, the error would say so.
    assert.doesNotMatch(r.err, /cannot read TLS/);
  }
});

test('with --yes the files are read: a missing one outside is then a read error, still warned', async () => {
  const file = spec('yes.macvlan.yaml', 'ca: certs/ca.pem, cert: certs/cert.pem, key: ../elsewhere/missing-key.pem');
  const r = await cli('plan', file, '--yes', '--timeout', '5');
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /^macvlan-spec: warning MV501: tls\.key \(\.\.\/elsewhere\/missing-key\.pem\) is /m);
  assert.doesNotMatch(r.err, refusal('plan'));
  assert.match(r.err, new RegExp(`cannot read TLS key ${path.join(dir, 'elsewhere', 'missing-key.pem').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`));
});

test('absolute paths and symlinks that lead out are caught too; contents never reach the output', async () => {
  const abs = path.join(dir, 'elsewhere', 'ca.pem');
  const file = spec('abs.macvlan.yaml', `ca: ${abs}, cert: certs/linked/cert.pem, key: certs/key.pem`);
  const no = await cli('apply', file);
  assert.equal(no.code, 2, no.err);
  assert.match(no.err, new RegExp(`warning MV501: tls\\.ca is ${abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: host lab1`));
  assert.match(no.err, /warning MV501: tls\.cert \(certs\/linked\/cert\.pem\) is .*\/project\/certs\/linked\/cert\.pem, a link to .*\/elsewhere\/cert\.pem: host lab1/);
  assert.doesNotMatch(no.err, /tls\.key/, 'certs/key.pem is inside');
  assert.match(no.err, refusal('apply'));
  // With --yes every file is read and handed to TLS; whatever fails next, no byte of them is printed.
  const yes = await cli('plan', file, '--yes', '--timeout', '5');
  assert.equal(yes.code, 2, yes.err);
  assert.match(yes.err, /warning MV501: tls\.ca /);
  assert.doesNotMatch(yes.err, refusal('plan'));
  assert.doesNotMatch(yes.err + yes.out, new RegExp(MARKER));
  assert.doesNotMatch(yes.err + yes.out, /BEGIN NONSENSE/);
});

test('tls: files inside the spec folder, or --docker instead of the spec host: no warning, no --yes needed', async () => {
  const inside = spec('in.macvlan.yaml', 'ca: certs/ca.pem, cert: ./certs/../certs/cert.pem, key: certs/key.pem');
  const r = await cli('plan', inside, '--timeout', '5');
  assert.equal(r.code, 2, r.err);
  assert.doesNotMatch(r.err, /MV501|only with --yes/);
  assert.doesNotMatch(r.err + r.out, new RegExp(MARKER));
  // --docker replaces the spec host's connection, tls: included: nothing of the spec is read.
  const outside = spec('flag.macvlan.yaml', 'ca: /nonexistent/ca.pem');
  const f = await cli('plan', outside, '--docker', `tcp://127.0.0.1:${port}`, '--timeout', '5');
  assert.equal(f.code, 2, f.err);
  assert.doesNotMatch(f.err, /MV501: tls|only with --yes|cannot read TLS/);
  assert.match(f.err, new RegExp(`cannot reach Docker at tcp://127\\.0\\.0\\.1:${port}`));
});

test('plan --help names --yes', async () => {
  const r = await cli('plan', '--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /\[--yes\]/);
});

test('check: the path warning is MV501 in text and SARIF (one SARIF rule naming both MV501 rules); exit 0', async () => {
  const file = spec('check.macvlan.yaml', 'ca: ../elsewhere/ca.pem, cert: certs/cert.pem, key: certs/key.pem');
  const text = await cli('check', file);
  assert.equal(text.code, 0, text.out);
  assert.match(text.out, /check\.macvlan\.yaml:5:16 warning MV501 tls\.ca of host lab1 \(\.\.\/elsewhere\/ca\.pem\) climbs out of the spec's folder/);
  const sarif = JSON.parse((await cli('check', '--format', 'sarif', file)).out);
  const run = sarif.runs[0];
  const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'MV501');
  assert.equal(rule.shortDescription.text, 'tcp:// host without TLS; tls: file outside the spec folder');
  assert.equal(rule.defaultConfiguration.level, 'warning');
  assert.deepEqual(run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]), [['MV501', 'warning']]);
  assert.equal(run.tool.driver.rules.filter((r: { id: string }) => r.id === 'MV501').length, 1);
});
