// A real Neovim (Debian's 0.7.2, installed by scripts/editors/install.sh) drives the language
// server with its built-in LSP client, configured by the README's snippet as written: the
// snippet is read from README.md at test time, so the two cannot drift. Every step's
// diagnostics must be the CLI's for the same text: codes, severities, positions.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const CLI = path.join(ROOT, 'dist/cli.js');

interface NvimDiag { code: string; severity: number; lnum: number; col: number; end_lnum: number; end_col: number }
interface Step { name: string; text: string; diagnostics: NvimDiag[] }
interface Run { steps: Step[]; errors: string[]; filetype?: string; incremental?: boolean; actions?: string[]; applied?: string }

/** The Lua block after the README's `<!-- neovim-builtin-snippet -->` marker. */
export function readmeSnippet(readme: string): string {
  const at = readme.indexOf('<!-- neovim-builtin-snippet -->');
  assert.ok(at >= 0, 'README.md has no <!-- neovim-builtin-snippet --> marker');
  const m = /```lua\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(m, 'no ```lua block after the marker');
  return m[1];
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

/** The CLI's findings for `text`, in Neovim's terms (0-based lines, severity numbers), sorted. */
function cliFindings(dir: string, text: string): string[] {
  const file = path.join(dir, 'cli', 'lab.macvlan.yaml');
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json'], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const list = JSON.parse(r.stdout) as { code: string; severity: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  return list.map((f) => `${f.code} ${SEVERITY[f.severity]} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`).sort();
}

const nvimFindings = (s: Step): string[] => s.diagnostics.map((d) => `${d.code} ${d.severity} ${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`).sort();

describe('Neovim 0.7 with the README snippet (built-in LSP client)', () => {
  let dir: string;
  let run: Run;
  let lspLog = '';

  before(() => {
    const install = spawnSync('bash', [path.join(ROOT, 'scripts/editors/install.sh')], { encoding: 'utf8' });
    assert.equal(install.status, 0, install.stdout + install.stderr);
    if (!existsSync(SERVER) || !existsSync(CLI)) {
      const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(b.status, 0, b.stderr);
    }
    dir = mkdtempSync(path.join(tmpdir(), 'mvs-nvim-'));
    for (const d of ['spec', 'cli', 'state', 'cache', 'config', 'data']) spawnSync('mkdir', ['-p', path.join(dir, d)]);
    const spec = path.join(dir, 'spec', 'lab.macvlan.yaml'); // outside any git repository: single-file use
    copyFileSync(path.join(ROOT, 'examples/mistakes.macvlan.yaml'), spec);
    const init = path.join(dir, 'init.lua');
    writeFileSync(init, readmeSnippet(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).replaceAll('/path/to/macvlan-spec', ROOT));
    const out = path.join(dir, 'out.json');
    const r = spawnSync('nvim', ['--headless', '-u', init, '-c', `luafile ${path.join(__dirname, 'nvimDriver.lua')}`], {
      cwd: path.join(dir, 'spec'),
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, MVS_SPEC: spec, MVS_OUT: out, XDG_STATE_HOME: path.join(dir, 'state'), XDG_CACHE_HOME: path.join(dir, 'cache'), XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data') },
    });
    assert.equal(r.status, 0, `nvim exited ${r.status ?? r.signal}: ${r.stderr}`);
    run = JSON.parse(readFileSync(out, 'utf8')) as Run;
    for (const log of [path.join(dir, 'cache/nvim/lsp.log'), path.join(dir, 'state/nvim/lsp.log')]) if (existsSync(log)) lspLog += readFileSync(log, 'utf8');
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the snippet gives the file its filetype, attaches the server with incremental sync, and the driver hit no error', () => {
    assert.deepEqual(run.errors, []);
    assert.equal(run.filetype, 'macvlan-yaml');
    assert.equal(run.incremental, true);
    assert.deepEqual(run.steps.map((s) => s.name), ['open', 'edit', 'edit back', 'quick fix', 'rename']);
  });

  it('every step shows exactly the CLI\'s diagnostics for the buffer\'s text (codes, severities, positions)', () => {
    for (const step of run.steps) assert.deepEqual(nvimFindings(step), cliFindings(dir, step.text), step.name);
    assert.equal(run.steps[0].diagnostics.length, cliFindings(dir, readFileSync(path.join(ROOT, 'examples/mistakes.macvlan.yaml'), 'utf8')).length);
  });

  it('incremental edits: the broadcast gateway is reported on its line, and undoing the edit restores the first diagnostics', () => {
    const [open, edit, back] = run.steps;
    const gwLine = edit.text.split('\n').findIndex((l) => /^\s+gateway: 203\.0\.113\.255\s*$/.test(l));
    assert.ok(gwLine > 0, 'the edit reached the buffer');
    assert.ok(edit.diagnostics.some((d) => d.code === 'MV105' && d.lnum === gwLine));
    assert.equal(back.text, open.text);
    assert.deepEqual(nvimFindings(back), nvimFindings(open));
  });

  it('a quick fix applied through Neovim removes its finding; rename renames the network and every reference', () => {
    const [, , back, fixed, renamed] = run.steps;
    assert.match(run.applied ?? '', /^Set gateway to 192\.0\.2\.1/);
    assert.equal(back.diagnostics.filter((d) => d.code === 'MV104').length, 1);
    assert.equal(fixed.diagnostics.filter((d) => d.code === 'MV104').length, 0);
    assert.doesNotMatch(renamed.text, /^ {2}lan:/m);
    assert.match(renamed.text, /^ {2}office:/m);
    // Each changed line is the old one with the name replaced once: the key and the attachments, not comments.
    const a = fixed.text.split('\n');
    const b = renamed.text.split('\n');
    assert.equal(a.length, b.length);
    const changed = a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]]]));
    assert.ok(changed.length >= 2, `the key and at least one attachment: ${JSON.stringify(changed)}`);
    for (const [from, to] of changed) assert.equal(to, from.replace(/\blan\b/, 'office'));
    assert.ok(b.some((l) => /# MV201: overlaps lan$/.test(l)), 'comments keep the old name');
  });

  it('the LSP log has no errors', () => {
    assert.doesNotMatch(lspLog, /\[ERROR\]/);
  });
});
