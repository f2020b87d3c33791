// Test side of the UI-step protocol with test/e2e/ui/steps.mjs (the Playwright UI script that
// scripts/e2e/run.sh passes as MVS_E2E_UI_SCRIPT). The tests stay in charge: they put the
// workbench in the state they want through the API, then ask the UI script to do what only a
// browser can (hover, keyboard shortcuts, read the tree's DOM, screenshot). Modal dialogs are
// out of reach: VS Code refuses to show them while extension tests run (see prompts.ts).
//
// Protocol: the test writes <seq>-<name>.req ({ name, args }) into $MVS_E2E_UI_SIGNALS; the UI
// script handles requests one at a time, in order, and writes <seq>-<name>.res
// ({ ok: true, result } or { ok: false, error }). A "done" request ends the UI script.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uiScriptActive, uiScriptResult, type UiScriptResult } from '../harness/ui';

let seq = 0;

function signalsDir(): string | undefined {
  return process.env.MVS_E2E_UI_SIGNALS || undefined;
}

export function uiStepsAvailable(): boolean {
  return Boolean(signalsDir()) && uiScriptActive();
}

const WHY_UNAVAILABLE =
  'UI steps need the Playwright UI script: run the suite through scripts/e2e/run.sh ' +
  '(it sets MVS_E2E_UI_SCRIPT=test/e2e/ui/steps.mjs and MVS_E2E_UI_SIGNALS)';

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Sends one step to the UI script and resolves with its result; rejects with the UI script's error. */
export async function uiStep<T = unknown>(name: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
  const dir = signalsDir();
  if (!dir || !uiScriptActive()) throw new Error(WHY_UNAVAILABLE);
  const id = `${String(++seq).padStart(3, '0')}-${name}`;
  return runStep<T>(name, args, join(dir, id), timeoutMs);
}

async function runStep<T>(name: string, args: Record<string, unknown>, base: string, timeoutMs: number): Promise<T> {
  await writeFile(`${base}.req.tmp`, JSON.stringify({ name, args }));
  await rename(`${base}.req.tmp`, `${base}.req`);
  const statusFile = process.env.MVS_E2E_UI_STATUS_FILE;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await readJson<{ ok: boolean; result?: T; error?: string }>(`${base}.res`);
    if (res) {
      if (!res.ok) throw new Error(`UI step ${name} failed: ${res.error ?? 'no error text'}`);
      return res.result as T;
    }
    // The UI script ended (or threw) without answering: no point waiting any longer.
    const status = statusFile ? await readJson<UiScriptResult>(statusFile) : undefined;
    if (status) throw new Error(`UI step ${name}: the UI script already ended (${status.ok ? 'ok' : status.error})`);
    if (Date.now() > deadline) throw new Error(`UI step ${name}: no answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tells the UI script to end and returns its verdict (undefined without a UI script). */
export async function finishUiSteps(): Promise<UiScriptResult | undefined> {
  const dir = signalsDir();
  if (!dir || !uiScriptActive()) return undefined;
  const id = `${String(++seq).padStart(3, '0')}-done`;
  await writeFile(join(dir, `${id}.req.tmp`), JSON.stringify({ name: 'done', args: {} }));
  await rename(join(dir, `${id}.req.tmp`), join(dir, `${id}.req`));
  return uiScriptResult(60_000);
}
