import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');

/** Bundles the tests read; a missing one triggers `node scripts/build.mjs`. */
const BUNDLES = ['dist/client.js', 'dist/server.js'];

let built = false;

/**
 * Makes dist/ what `npm run build` leaves, without rebuilding an existing build (the bundles
 * take seconds; the assets are copied every time because the copy is cheap and must be fresh).
 */
export function ensureBuilt(): void {
  if (built) return;
  if (BUNDLES.some((b) => !existsSync(join(ROOT, b)))) run('scripts/build.mjs');
  run('scripts/copy-assets.mjs', '--quiet');
  built = true;
}

function run(script: string, ...args: string[]): void {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${script} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

export function readText(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

export function readJson<T>(rel: string): T {
  return JSON.parse(readText(rel)) as T;
}
