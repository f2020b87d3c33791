// Compose differential test support: the corpus in test/engine/compose-corpus (one folder per
// case: a compose file, or one project folder per compose file when several projects share the
// host), and bringing a case up with the real docker-compose (Debian's 1.29.2) against the
// private engine, project by project, as a user would.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectName } from '../../core/compose/read';
import type { Code } from '../../core/findings';

export const COMPOSE_CORPUS_DIR = path.resolve(__dirname, 'compose-corpus');
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export interface ComposeProject {
  /** docker-compose's project name: the folder's name, lowercased, only [a-z0-9_-]. */
  name: string;
  file: string;
}

export interface ComposeCase {
  name: string;
  dir: string;
  what: string;
  /** `# expect:` codes, sorted; empty for `clean`. */
  expect: Code[];
  /** `# compose: up` | `# compose: refuses`: what docker-compose does with the projects in order. */
  compose: 'up' | 'refuses';
  /** Brought up in this order (folder names sorted). */
  projects: ComposeProject[];
}

function composeFileIn(dir: string): string | undefined {
  const f = COMPOSE_NAMES.find((n) => existsSync(path.join(dir, n)));
  return f && path.join(dir, f);
}

function header(file: string, text: string): Pick<ComposeCase, 'what' | 'expect' | 'compose'> {
  const h: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^#\s*([a-z]+):\s*(.*)$/.exec(line);
    if (!m) break;
    h[m[1]] = m[2].trim();
  }
  if (!h.what || !h.expect || !h.compose) throw new Error(`${file}: needs # what:, # expect: and # compose: headers`);
  if (h.compose !== 'up' && h.compose !== 'refuses') throw new Error(`${file}: # compose: must be up or refuses`);
  const expect = h.expect === 'clean' ? [] : [...new Set(h.expect.split(/\s+/))].sort();
  for (const c of expect) if (!/^MV\d{3}$/.test(c)) throw new Error(`${file}: bad code ${c} in # expect:`);
  return { what: h.what, expect: expect as Code[], compose: h.compose };
}

export function loadComposeCorpus(dir = COMPOSE_CORPUS_DIR): ComposeCase[] {
  return readdirSync(dir)
    .filter((n) => statSync(path.join(dir, n)).isDirectory())
    .sort()
    .map((name) => {
      const caseDir = path.join(dir, name);
      const own = composeFileIn(caseDir);
      const projects: ComposeProject[] = own
        ? [{ name: projectName(name), file: own }]
        : readdirSync(caseDir)
            .filter((n) => statSync(path.join(caseDir, n)).isDirectory())
            .sort()
            .map((p) => {
              const file = composeFileIn(path.join(caseDir, p));
              if (!file) throw new Error(`${name}/${p}: no compose file`);
              return { name: projectName(p), file };
            });
      if (projects.length === 0) throw new Error(`${name}: no compose file`);
      return { name, dir: caseDir, projects, ...header(projects[0].file, readFileSync(projects[0].file, 'utf8')) };
    });
}

export interface ComposeRun {
  code: number;
  out: string;
}

/** docker-compose against the private engine; never the machine's own daemon or config. */
export function dockerCompose(dockerHost: string, project: ComposeProject, args: string[], timeoutMs = 60_000): Promise<ComposeRun> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/root', DOCKER_HOST: dockerHost, COMPOSE_INTERACTIVE_NO_CLI: '1' };
    const child = spawn('docker-compose', ['--no-ansi', '-p', project.name, '-f', project.file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (out += String(c)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
  });
}

export interface ComposeOutcome {
  /** Every project came up. */
  up: boolean;
  /** The project that failed and docker-compose's last line about it. */
  refusal?: { project: string; text: string };
}

/** Brings the case's projects up in order and stops at the first that fails. */
export async function composeUp(dockerHost: string, c: ComposeCase): Promise<ComposeOutcome> {
  for (const p of c.projects) {
    const r = await dockerCompose(dockerHost, p, ['up', '-d', '--no-build']);
    if (r.code !== 0) {
      // The line that says why, not compose's closing "Encountered errors…".
      const lines = r.out
        .split('\n')
        .map((l) => l.trim().replace(/^ERROR:\s*/, ''))
        .filter((l) => l && !/^(Creating|Starting|Recreating)\b|^Encountered errors while bringing up the project\.$/.test(l));
      return { up: false, refusal: { project: p.name, text: lines[lines.length - 1] ?? `exit ${r.code}` } };
    }
  }
  return { up: true };
}

/** Every project of the case down again, last first (containers and networks). */
export async function composeDown(dockerHost: string, c: ComposeCase): Promise<void> {
  for (const p of [...c.projects].reverse()) await dockerCompose(dockerHost, p, ['down', '--remove-orphans', '--timeout', '0']);
}
