import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mvs-cli-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const examples = join(__dirname, '../../../examples');

test('check: clean examples exit 0, the mistakes example exits 1', async () => {
  for (const f of ['seed', 'two-host-lab', 'ipvlan-l3']) {
    const r = await cli('check', join(examples, `${f}.macvlan.yaml`));
    assert.equal(r.code, 0, `${f}: ${r.out}`);
    assert.match(r.out, /1 file checked: 0 errors, 0 warnings, 0 info/);
  }
  const bad = await cli('check', join(examples, 'mistakes.macvlan.yaml'));
  assert.equal(bad.code, 1);
  assert.match(bad.out, /mistakes\.macvlan\.yaml:\d+:\d+ error MV201 /);
});

test('check --format json: 0-based ranges, paths and related locations', async () => {
  const text = 'version: 1\nnetworks:\n  a:\n    parent: eth0\n    subnet: 192.0.2.0/24\n    gateway: 192.0.2.1\n  b:\n    parent: eth1\n    subnet: 192.0.2.128/25\n    gateway: 192.0.2.129\n';
  const file = write('overlap.macvlan.yaml', text);
  const r = await cli('check', '--format', 'json', file);
  assert.equal(r.code, 1);
  const findings = JSON.parse(r.out) as { code: string; file: string; path: string[]; range: { start: { line: number; character: number }; end: { line: number; character: number } }; related: { range: { start: { line: number } } }[] }[];
  const f = findings.find((x) => x.code === 'MV201');
  assert.ok(f, r.out);
  assert.equal(f.file, file);
  assert.deepEqual(f.path, ['networks', 'b', 'subnet']);
  assert.deepEqual(f.range, { start: { line: 8, character: 12 }, end: { line: 8, character: 26 } });
  assert.equal(f.related[0].range.start.line, 4);
});

test('check --format sarif: SARIF 2.1.0 with rules and 1-based regions', async () => {
  const r = await cli('check', '--format', 'sarif', join(examples, 'mistakes.macvlan.yaml'));
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.ok(ids.includes('MV201') && ids.includes('MV000'));
  const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'MV201');
  assert.equal(res.level, 'error');
  assert.equal(ids[res.ruleIndex], 'MV201');
  assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
  assert.ok(res.locations[0].physicalLocation.region.startColumn >= 1);
});

test('check --severity and --engine change findings', async () => {
  const file = write('hostbits.macvlan.yaml', 'version: 1\nnetworks:\n  a:\n    parent: eth0\n    subnet: 192.0.2.5/24\n    gateway: 192.0.2.1\n');
  const modern = await cli('check', file);
  assert.equal(modern.code, 1);
  assert.match(modern.out, /error MV102/);
  const old = await cli('check', '--engine', '24.0', file);
  assert.equal(old.code, 0);
  assert.match(old.out, /warning MV102/);
  const off = await cli('check', '--severity', 'MV102=off', file);
  assert.equal(off.code, 0);
  assert.doesNotMatch(off.out, /MV102/);
});

test('check --fix writes safe fixes back and reports them', async () => {
  const file = write('fixme.macvlan.yaml', 'version: 1\nnetworks:\n  a:\n    parent: eth0\n    subnet: 192.0.2.5/24\n    gateway: 198.51.100.1\n');
  const r = await cli('check', '--fix', file);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.err, /fixed MV102/);
  assert.match(r.err, /fixed MV104/);
  assert.equal(readFileSync(file, 'utf8'), 'version: 1\nnetworks:\n  a:\n    parent: eth0\n    subnet: 192.0.2.0/24\n    gateway: 192.0.2.1\n');
});

test('check --fix leaves a file that is not valid UTF-8 untouched, and says why', async () => {
  const body = 'version: 1\nnetworks:\n  a:\n    parent: eth0\n    subnet: 192.0.2.5/24\n    gateway: 198.51.100.1\n    labels: { owner: "caf\xe9" }\n';
  const bytes = Buffer.from(body, 'latin1'); // é as one Latin-1 byte: not UTF-8
  const file = join(dir, 'latin1.macvlan.yaml');
  writeFileSync(file, bytes);
  const r = await cli('check', '--fix', file);
  assert.equal(r.code, 1);
  assert.equal(r.err, `${file}: not fixed: the file is not valid UTF-8, and writing it back would replace those bytes — convert it to UTF-8 first\n`);
  assert.deepEqual(readFileSync(file), bytes);
});

test('check: bad usage and unreadable files exit 2 without a stack trace', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'mvs-empty-'));
  writeFileSync(join(empty, 'notes.yaml'), 'a: 1\n');
  for (const argv of [['check'], ['check', '--format', 'xml', 'x'], ['bogus'], ['check', '--nope', 'x'], ['check', join(dir, 'missing.yaml')], ['check', empty]]) {
    const r = await cli(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /^macvlan-spec: /);
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
  assert.match((await cli('check', empty)).err, /is a folder with no spec \(macvlan\.yaml, NAME\.macvlan\.yaml\) or compose file/);
  rmSync(empty, { recursive: true, force: true });
});

test('check FOLDER: every spec and compose file inside; compose projects on one host are checked together', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mvs-folder-'));
  try {
    const net = (subnet: string, parent: string) => `services:\n  s:\n    image: busybox\n    networks: [lan]\nnetworks:\n  lan:\n    driver: macvlan\n    driver_opts: { parent: ${parent} }\n    ipam:\n      config:\n        - { subnet: ${subnet}, gateway: ${subnet.replace(/0\/\d+$/, '1').replace(/128\/25$/, '129')} }\n`;
    mkdirSync(join(root, 'home'));
    mkdirSync(join(root, 'lab'));
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(root, 'home', 'compose.yaml'), net('192.0.2.0/24', 'eth0'));
    writeFileSync(join(root, 'lab', 'docker-compose.yml'), net('192.0.2.128/25', 'eth1'));
    writeFileSync(join(root, 'node_modules', 'x', 'compose.yaml'), net('192.0.2.0/24', 'eth2'));
    writeFileSync(join(root, 'seed.macvlan.yaml'), 'version: 1\nnetworks:\n  v: { parent: eth3, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }\n');
    const r = await cli('check', '--format', 'json', root);
    assert.equal(r.code, 1, r.err);
    const found = JSON.parse(r.out) as { file: string; code: string; related: { file: string }[] }[];
    assert.deepEqual(found.map((f) => [f.file.slice(root.length + 1), f.code, f.related[0]?.file.slice(root.length + 1)]), [['lab/docker-compose.yml', 'MV201', 'home/compose.yaml']]);
    const text = await cli('check', root);
    assert.match(text.out, /3 files checked: 1 error/, 'node_modules is skipped');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('check FOLDER: a spec and a compose file on one host meet; a compose file reads its .env, the environment over it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mvs-mixed-'));
  const saved = process.env.MVS_TEST_WEB_IP;
  try {
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'lan.macvlan.yaml'), 'version: 1\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n');
    writeFileSync(join(root, 'app', 'compose.yaml'), 'services:\n  web:\n    image: busybox\n    networks:\n      edge: { ipv4_address: "${MVS_TEST_WEB_IP}" }\nnetworks:\n  edge:\n    driver: macvlan\n    driver_opts: { parent: eth1 }\n    ipam:\n      config:\n        - { subnet: "${EDGE_SUBNET}", gateway: 198.51.100.1 }\n');
    writeFileSync(join(root, 'app', '.env'), 'EDGE_SUBNET=198.51.100.0/24\nMVS_TEST_WEB_IP=198.51.100.20\n');
    delete process.env.MVS_TEST_WEB_IP;
    assert.equal((await cli('check', root)).code, 0, 'the .env values are fine and on their own subnet');
    // The spec's subnet overlaps the compose network now: the later file by path (lan.macvlan.yaml) gets it.
    writeFileSync(join(root, 'app', '.env'), 'EDGE_SUBNET=192.0.2.0/25\nMVS_TEST_WEB_IP=192.0.2.20\n');
    const r = await cli('check', '--format', 'json', root);
    const found = JSON.parse(r.out) as { file: string; code: string; related: { file: string }[] }[];
    assert.ok(found.some((f) => f.file.endsWith('lan.macvlan.yaml') && f.code === 'MV201' && f.related[0]?.file.endsWith('app/compose.yaml')), r.out);
    // The environment wins over .env, as with docker compose.
    process.env.MVS_TEST_WEB_IP = '203.0.113.9';
    const env = JSON.parse((await cli('check', '--format', 'json', join(root, 'app', 'compose.yaml'))).out) as { code: string }[];
    assert.deepEqual(env.map((f) => f.code).sort(), ['MV104', 'MV402'], 'the gateway is outside the .env subnet; the address comes from the environment');
  } finally {
    if (saved === undefined) delete process.env.MVS_TEST_WEB_IP;
    else process.env.MVS_TEST_WEB_IP = saved;
    rmSync(root, { recursive: true, force: true });
  }
});
