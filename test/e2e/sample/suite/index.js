// Extension test entry (what runTests' extensionTestsPath points at): the extension host
// requires it and awaits run(); a rejection makes the host, and so the wrapper, exit non-zero.
// The harness is TypeScript; the extension host of code-server runs Node 24, which loads
// erasable TypeScript directly, so this plain-JS sample needs no build step.
const { runMochaSuite } = require('../../harness/mocha.ts');

function run() {
  return runMochaSuite({ testsRoot: __dirname });
}

module.exports = { run };
