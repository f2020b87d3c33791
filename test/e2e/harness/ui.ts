// Coordination between extension tests and the optional Playwright UI script
// (MVS_E2E_UI_SCRIPT, run by scripts/e2e/code-server-vscode): the extension host exits as soon as
// the tests finish, so a test that needs the UI script's clicks to happen (or its verdict) awaits
// uiScriptResult(), which keeps the host alive until the script is done.
// Erasable TypeScript only, so Node >= 22.18 can load this file directly too.
import { readFile } from 'node:fs/promises';

export interface UiScriptResult {
  ok: boolean;
  error?: string;
}

/** True when the wrapper runs a UI script alongside these tests. */
export function uiScriptActive(): boolean {
  return Boolean(process.env.MVS_E2E_UI_STATUS_FILE);
}

/** Waits for the UI script to finish; undefined when no UI script runs. */
export async function uiScriptResult(timeoutMs = 120_000): Promise<UiScriptResult | undefined> {
  const file = process.env.MVS_E2E_UI_STATUS_FILE;
  if (!file) return undefined;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as UiScriptResult;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (Date.now() > deadline) throw new Error(`UI script gave no result within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
