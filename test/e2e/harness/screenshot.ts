// Lets extension tests (which run in the VS Code extension host, a Node process with no access
// to the browser) ask scripts/e2e/code-server-vscode for a screenshot of the workbench page.
// Protocol: write <id>.req ({"name"}) into $MVS_E2E_SCREENSHOT_REQUESTS; the wrapper takes the
// screenshot, then renames <id>.tmp to <id>.done holding {"path"} or {"error"}.
// Erasable TypeScript only, so Node >= 22.18 can load this file directly too.
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function screenshotsAvailable(): boolean {
  return Boolean(process.env.MVS_E2E_SCREENSHOT_REQUESTS);
}

/**
 * Takes a PNG screenshot of the workbench and resolves to its path
 * ($MVS_E2E_SCREENSHOT_DIR/<name>.png, or a temp dir of the run when that is unset).
 * Rejects outside the code-server wrapper, on a wrapper error, or after timeoutMs.
 */
export async function requestScreenshot(name: string, timeoutMs = 15_000): Promise<string> {
  const dir = process.env.MVS_E2E_SCREENSHOT_REQUESTS;
  if (!dir) throw new Error('requestScreenshot: not running under scripts/e2e/code-server-vscode');
  const id = `${Date.now()}-${randomUUID()}`;
  const base = join(dir, id);
  await writeFile(`${base}.req.tmp`, JSON.stringify({ name }));
  await rename(`${base}.req.tmp`, `${base}.req`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const reply = JSON.parse(await readFile(`${base}.done`, 'utf8')) as { path?: string; error?: string };
      if (reply.path) return reply.path;
      throw new Error(`requestScreenshot(${name}): ${reply.error ?? 'no path in reply'}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (Date.now() > deadline) throw new Error(`requestScreenshot(${name}): no reply within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
