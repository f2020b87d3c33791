// Runs VS Code extension integration tests through @vscode/test-electron's runTests, with
// scripts/e2e/code-server-vscode standing in for the VS Code executable (code-server + headless
// Chromium; nothing is downloaded).
//
//   node --import tsx test/e2e/harness/runTests.ts \
//     --extension DIR --tests FILE [--workspace DIR] [-- extra VS Code args]
//
// DIR is the extension's folder (its package.json), FILE the compiled test entry exporting run(),
// --workspace the folder to open (optional). Exits with the tests' exit code.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { parseArgs as parseArgv } from 'node:util';

export const WRAPPER = path.resolve(__dirname, '../../../scripts/e2e/code-server-vscode');

export interface E2eOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspaceFolder?: string;
  extraArgs?: string[];
  extensionTestsEnv?: Record<string, string | undefined>;
}

export async function runE2e(o: E2eOptions): Promise<number> {
  const launchArgs = [...(o.workspaceFolder ? [path.resolve(o.workspaceFolder)] : []), ...(o.extraArgs ?? [])];
  try {
    return await runTests({
      vscodeExecutablePath: WRAPPER,
      extensionDevelopmentPath: path.resolve(o.extensionDevelopmentPath),
      extensionTestsPath: path.resolve(o.extensionTestsPath),
      launchArgs,
      extensionTestsEnv: o.extensionTestsEnv,
    });
  } catch (err) {
    // runTests rejects with TestRunFailedError { code } when the tests fail.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number' && code !== 0) return code;
    console.error(err);
    return 1;
  }
}

function parseArgs(argv: string[]): E2eOptions {
  // Everything after `--` goes to VS Code as it is.
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const { values: v } = parseArgv({ args: own, strict: true, options: { extension: { type: 'string' }, tests: { type: 'string' }, workspace: { type: 'string' } } });
  if (!v.extension || !v.tests) throw new Error('usage: runTests.ts --extension DIR --tests FILE [--workspace DIR] [-- extra args]');
  return { extensionDevelopmentPath: v.extension, extensionTestsPath: v.tests, workspaceFolder: v.workspace, extraArgs: dash >= 0 ? argv.slice(dash + 1) : [] };
}

if (require.main === module) {
  runE2e(parseArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (err: unknown) => { console.error(err); process.exit(1); },
  );
}
