// Mocha runner for extension tests: call runMochaSuite() from the run() export of the file that
// extensionTestsPath points at. Under scripts/e2e/code-server-vscode the reporter output goes to
// $MVS_E2E_OUTPUT_FILE, which the wrapper streams to its stdout (code-server's extension host
// sends console.log only to the browser, formatted badly); elsewhere (desktop VS Code) it goes to
// console.log as usual.
// Erasable TypeScript only, so Node >= 22.18 can load this file directly too.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export interface SuiteOptions {
  /** Folder searched recursively for test files. */
  testsRoot: string;
  /** File name ending that marks a test file. Default: '.test.js'. */
  suffix?: string;
  ui?: 'tdd' | 'bdd';
  /** Per-test timeout in ms. Default: 20000. */
  timeout?: number;
}

/** Writes one line of test output where the person running the tests sees it. */
export function writeTestOutput(text: string): void {
  const file = process.env.MVS_E2E_OUTPUT_FILE;
  if (file) appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
  else console.log(text);
}

function findTests(dir: string, suffix: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) findTests(p, suffix, out);
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

/**
 * Runs every test file under testsRoot; resolves when all pass, rejects with the failure count
 * otherwise (the extension host then exits non-zero). MVS_E2E_GREP filters tests by title.
 */
export function runMochaSuite(o: SuiteOptions): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => writeTestOutput(format(...args));
  const mocha = new Mocha({ ui: o.ui ?? 'tdd', timeout: o.timeout ?? 20_000, color: false, reporter: 'spec' });
  const grep = process.env.MVS_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = findTests(o.testsRoot, o.suffix ?? '.test.js');
  if (files.length === 0) return Promise.reject(new Error(`no test files under ${o.testsRoot}`));
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
