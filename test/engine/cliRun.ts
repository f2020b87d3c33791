import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `macvlan-spec` (dist/cli.js) as a user would, with no DOCKER_HOST or context of
 * the machine leaking in. `user: nobody` runs a copy of the bundle in `opts.cwd` (a folder nobody
 * can read): the checkout itself may live under a 0700 folder (root's home, a mktemp -d), which
 * nobody cannot enter.
 */
export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; user?: 'nobody'; cwd?: string } = {}): Promise<Run> {
  const runAsNobody = (dir: string): [string, string[]] => {
    const copy = path.join(dir, 'cli.js');
    copyFileSync(CLI, copy);
    chmodSync(copy, 0o644);
    return ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, copy, ...args]];
  };
  if (opts.user && !opts.cwd) throw new Error('running as nobody needs a readable cwd');
  const [cmd, argv] = opts.user && opts.cwd ? runAsNobody(opts.cwd) : [process.execPath, [CLI, ...args]];
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '', ...opts.env };
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
