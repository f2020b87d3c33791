import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main';
import { MAX_SPEC_BYTES } from '../../../cli/io';
import type { JsonFinding } from '../../../cli/format/report';
import { EXAMPLES } from './mutate';

const root = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mvs-robust-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

interface Run {
  code: number;
  out: string;
  err: string;
  ms: number;
}

async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  let err = '';
  const t0 = performance.now();
  const code = await main(argv, { out: (s) => void out.push(s), err: (s) => (err += s) });
  return { code, out: out.join(''), err, ms: performance.now() - t0 };
}

/** Exit code 2, one clear line on stderr, nothing on stdout, and never a stack trace. */
function assertRefused(r: Run, message: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, message);
  assert.equal(r.out, '');
  assert.doesNotMatch(r.err, /^\s+at /m, 'no stack trace');
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
}

const json = (r: Run): JsonFinding[] => JSON.parse(r.out) as JsonFinding[];
const shape = (fs: JsonFinding[]) => fs.map((f) => ({ code: f.code, path: f.path, range: f.range, related: f.related.map((x) => x.range), message: f.message }));

test('binary content (NUL bytes): exit 2, "not a text file"', async () => {
  const file = write('binary.macvlan.yaml', Buffer.from([0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x3a, 0x20, 0x31, 0x0a, 0x00, 0xff, 0xfe, 0x00, 0x01]));
  assertRefused(await cli('check', file), /binary\.macvlan\.yaml is not a text file \(it contains NUL bytes\)/);
  // UTF-16 is the common way to get NUL bytes into a "text" file (PowerShell's default once).
  const utf16 = write('utf16.macvlan.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]));
  assertRefused(await cli('check', utf16), /not a text file/);
});

let huge: string | undefined;
/** A 50 MB spec-looking file, written once per run (never committed). */
function hugeFile(): string {
  if (huge) return huge;
  const file = join(dir, 'huge.macvlan.yaml');
  const fd = openSync(file, 'w');
  const chunk = Buffer.from('version: 1\nnetworks: {}\n# padding padding padding padding padding padding padding\n'.repeat(16_384));
  for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
  return (huge = file);
}

test('a 50 MB file: exit 2, "too large to check", without parsing it', async (t) => {
  const r = await cli('check', hugeFile());
  assertRefused(r, /huge\.macvlan\.yaml is too large to check \(5\d\.\d MiB; the limit is 20 MiB\)/);
  t.diagnostic(`refused in ${r.ms.toFixed(0)} ms`);
  assert.ok(r.ms < 3_000, `${r.ms} ms`);
});

test('an endless stream (/dev/zero) is refused at the limit, not read until memory runs out', { skip: !existsSync('/dev/zero') && 'no /dev/zero here' }, () => {
  // In a child process with a short timeout: reading it whole, as before, grew by ~300 MB a second.
  const t0 = performance.now();
  const p = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), 'check', '/dev/zero'], { cwd: root, encoding: 'utf8', timeout: 8_000, killSignal: 'SIGKILL' });
  assert.equal(p.status, 2, `status ${p.status} (${p.signal ?? 'no signal'}): ${p.stderr}`);
  assert.equal(p.stderr, 'macvlan-spec: /dev/zero is too large to check (more than the limit of 20 MiB)\n');
  assert.ok(performance.now() - t0 < 8_000);
});

test('a named pipe without a writer is refused at once (opening it blocked check for ever)', () => {
  const fifo = join(dir, 'spec.fifo.macvlan.yaml');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, String(made.stderr));
  const p = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), 'check', fifo], { cwd: root, encoding: 'utf8', timeout: 8_000, killSignal: 'SIGKILL' });
  assert.equal(p.signal, null, 'check hung on the FIFO');
  assert.equal(p.status, 2);
  assert.equal(p.stderr, `macvlan-spec: nothing to read from ${fifo} (a named pipe with no writer) — write the spec to a file and check that\n`);
  // With a writer, a named pipe is read like a file.
  const fed = spawnSync('sh', ['-c', `printf 'version: 1\\n' > "$FIFO" & "$NODE" --import tsx "$MAIN" check "$FIFO"; wait`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, FIFO: fifo, NODE: process.execPath, MAIN: join(root, 'cli', 'main.ts') },
  });
  assert.equal(fed.status, 0, fed.stderr + fed.stdout);
});

test('just under the size limit is read, not refused', async () => {
  const body = 'version: 1\n';
  const file = write('limit.macvlan.yaml', body + ' '.repeat(MAX_SPEC_BYTES - body.length - 1) + '\n');
  const r = await cli('check', file);
  assert.equal(r.code, 0, r.err);
});

test('100,000 top-level keys: MV001 per unknown key, in bounded time', { timeout: 120_000 }, async (t) => {
  const lines = ['version: 1'];
  for (let i = 0; i < 100_000; i++) lines.push(`key${i}: ${i}`);
  const file = write('keys.macvlan.yaml', lines.join('\n') + '\n');
  const r = await cli('check', file);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, '');
  const out = r.out.split('\n');
  assert.equal(out.filter((l) => / error MV001 unknown key "key\d+" at the top level/.test(l)).length, 100_000);
  assert.match(out[0], /keys\.macvlan\.yaml:2:1 error MV001 unknown key "key0"/);
  assert.match(out.at(-2) ?? '', /1 file checked: 100000 errors, 0 warnings, 0 info/);
  t.diagnostic(`100,000 keys checked in ${r.ms.toFixed(0)} ms, ${(r.out.length / 1e6).toFixed(1)} MB of output`);
  // Minutes before the schema findings were sorted and located without quadratic lookups.
  assert.ok(r.ms < 30_000, `${r.ms} ms`);
});

test('CRLF line endings: the same findings and 0-based ranges as LF', async () => {
  for (const [name, lf] of EXAMPLES) {
    const a = json(await cli('check', '--format', 'json', write(`lf-${name}`, lf)));
    const b = json(await cli('check', '--format', 'json', write(`crlf-${name}`, lf.replace(/\n/g, '\r\n'))));
    assert.deepEqual(shape(b), shape(a), name);
  }
  // And a value at the end of a CRLF line does not take the \r into its range.
  const r = json(await cli('check', '--format', 'json', write('crlf-gw.macvlan.yaml', 'version: 1\r\nnetworks:\r\n  n:\r\n    parent: eth0\r\n    subnet: 192.0.2.0/24\r\n    gateway: 198.51.100.1\r\n')));
  const mv104 = r.find((f) => f.code === 'MV104');
  assert.ok(mv104, JSON.stringify(r));
  assert.deepEqual(mv104.range, { start: { line: 5, character: 13 }, end: { line: 5, character: 25 } });
});

test('a BOM does not shift columns', async () => {
  for (const [name, text] of EXAMPLES) {
    const a = json(await cli('check', '--format', 'json', write(`nobom-${name}`, text)));
    const b = json(await cli('check', '--format', 'json', write(`bom-${name}`, '\ufeff' + text)));
    assert.deepEqual(shape(b), shape(a), name);
  }
  const text = await cli('check', write('bom-text.macvlan.yaml', '\ufeffversion: 1\nnetworks:\n  n: { parent: eth0, subnet: 192.0.2.5/24, gateway: 192.0.2.1 }\n'));
  assert.match(text.out, /bom-text\.macvlan\.yaml:3:30 error MV102 /);
});

test('tabs for indentation: MV000 at the tab itself', async () => {
  const r = await cli('check', '--format', 'json', write('tabs.macvlan.yaml', 'version: 1\nnetworks:\n\tn:\n\t\tparent: eth0\n'));
  assert.equal(r.code, 1);
  const tabs = json(r).filter((f) => f.code === 'MV000' && /tab/i.test(f.message));
  assert.deepEqual(tabs.map((f) => f.range.start), [{ line: 2, character: 0 }, { line: 3, character: 0 }]);
  assert.match(tabs[0].message, /Tabs are not allowed as indentation/);
});

test('an empty file: "missing version", exit 1', async () => {
  const r = await cli('check', write('empty.macvlan.yaml', ''));
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /empty\.macvlan\.yaml:1:1 error MV001 missing required key "version" at the top level/);
});

test('invalid UTF-8 is read with replacement characters, not refused or crashed on', async () => {
  const r = await cli('check', write('latin1.macvlan.yaml', Buffer.from('version: 1\nnetworks:\n  caf\xe9: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n', 'latin1')));
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /MV001 invalid network name "caf\ufffd"/);
});

test('an empty folder, a missing file: exit 2 with the reason', async () => {
  const d = join(dir, 'a-directory.macvlan.yaml');
  mkdirSync(d);
  assertRefused(await cli('check', d), /a-directory\.macvlan\.yaml is a folder with no spec/);
  assertRefused(await cli('check', join(dir, 'missing.macvlan.yaml')), /cannot read .*missing\.macvlan\.yaml: no such file/);
});

test('a file that cannot be read: exit 2 with the reason', async (t) => {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    const file = write('secret.macvlan.yaml', 'version: 1\n');
    spawnSync('chmod', ['000', file]);
    assertRefused(await cli('check', file), /cannot read .*secret\.macvlan\.yaml: permission denied/);
    return;
  }
  // chmod 000 does not stop root; /proc/1/mem refuses even root on Linux, /proc/self/mem fails with EIO.
  let probed = false;
  for (const [file, why] of [['/proc/1/mem', /permission denied/], ['/proc/self/mem', /EIO|i\/o error/i]] as const) {
    try {
      readFileSync(file);
      continue;
    } catch {
      probed = true;
    }
    assertRefused(await cli('check', file), new RegExp(`cannot read ${file}: ${why.source}`, why.flags));
  }
  if (!probed) t.skip('running as root and /proc/*/mem is readable here: no unreadable file to test with');
});

test('one bad file among good ones: exit 2 names the bad one', async () => {
  const good = write('good.macvlan.yaml', EXAMPLES.get('seed.macvlan.yaml') ?? '');
  assertRefused(await cli('check', good, join(dir, 'nope.macvlan.yaml')), /cannot read .*nope\.macvlan\.yaml: no such file/);
});

test('real processes: binary and too-large files exit 2 with one line on stderr, no stack trace; findings leave stderr empty', { timeout: 60_000 }, () => {
  const binary = write('proc-binary.macvlan.yaml', Buffer.from([0x00, 0x01, 0x02]));
  const crlf = write('proc-crlf.macvlan.yaml', 'version: 1\r\nnetworks:\r\n  n: { parent: eth0, subnet: 192.0.2.5/24, gateway: 192.0.2.1 }\r\n');
  const complexKey = write('proc-complex-key.macvlan.yaml', 'version: 1\n? [a, b]\n: 1\n');
  const runs: { argv: string[]; code: number; err: RegExp; out?: RegExp }[] = [
    { argv: ['check', binary], code: 2, err: /^macvlan-spec: .*proc-binary\.macvlan\.yaml is not a text file \(it contains NUL bytes\)\n$/ },
    { argv: ['check', hugeFile()], code: 2, err: /^macvlan-spec: .*huge\.macvlan\.yaml is too large to check/ },
    { argv: ['check', crlf], code: 1, err: /^$/, out: /proc-crlf\.macvlan\.yaml:3:30 error MV102 / },
    // yaml used to print "(node:…) Warning: Keys with collection values will be stringified" here.
    { argv: ['check', complexKey], code: 1, err: /^$/, out: /MV001 unknown key "\[ a, b \]" at the top level/ },
  ];
  for (const r of runs) {
    const p = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), ...r.argv], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(p.status, r.code, `${r.argv.join(' ')}: ${p.stderr}`);
    assert.match(p.stderr, r.err);
    assert.doesNotMatch(p.stderr, /^\s+at /m);
    if (r.out) assert.match(p.stdout, r.out);
  }
  // A pipe has no size to ask for: it is read up to the limit (a shell pipe: node's own stdin
  // pipes are sockets, which /dev/stdin cannot open).
  const piped = spawnSync('sh', ['-c', 'cat "$SPEC" | "$NODE" --import tsx "$MAIN" check /dev/stdin'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, SPEC: crlf, NODE: process.execPath, MAIN: join(root, 'cli', 'main.ts') },
  });
  assert.equal(piped.status, 1, piped.stderr);
  assert.match(piped.stdout, /\/dev\/stdin:3:30 error MV102 /);
});
