// Entry of the extension tests (runTests' extensionTestsPath, compiled by scripts/e2e/run.sh to
// dist-test/e2e/index.js): runs every *.test.js next to it in the extension host, then ends the
// Playwright UI script (test/e2e/ui/steps.mjs) so the wrapper does not wait for it.
import * as path from 'node:path';
import { runMochaSuite, writeTestOutput } from '../harness/mocha';
import { finishUiSteps } from './uiSteps';

export async function run(): Promise<void> {
  let failure: unknown;
  try {
    await runMochaSuite({ testsRoot: path.resolve(__dirname), timeout: 30_000 });
  } catch (err) {
    failure = err;
  }
  const ui = await finishUiSteps().catch((err: unknown) => ({ ok: false, error: String(err) }));
  if (ui && !ui.ok) writeTestOutput(`UI script failed: ${ui.error ?? 'no error text'}`);
  if (failure) throw failure;
}
