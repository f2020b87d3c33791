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
import { eachArg } from '../../../scripts/args';

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
  const o: Partial<E2eOptions> = { extraArgs: [] };
  eachArg(argv, (a, next, rest) => {
    if (a === '--extension') o.extensionDevelopmentPath = next();
    else if (a === '--tests') o.extensionTestsPath = next();
    else if (a === '--workspace') o.workspaceFolder = next();
    else if (a === '--') {
      o.extraArgs = rest();
      return 'stop';
    } else throw new Error(`unknown argument ${a}`);
    return undefined;
  });
  if (!o.extensionDevelopmentPath || !o.extensionTestsPath) {
    throw new Error('usage: runTests.ts --extension DIR --tests FILE [--workspace DIR] [-- extra args]');
  }
  return o as E2eOptions;
}

if (require.main === module) {
  runE2e(parseArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (err: unknown) => { console.error(err); process.exit(1); },
  );
}
