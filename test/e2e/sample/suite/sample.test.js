// End-to-end checks that run inside the real VS Code extension host (code-server): two always,
// one on purpose failing test (MVS_E2E_SAMPLE_FAIL=1), one that waits for the UI script.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { requestScreenshot, screenshotsAvailable } = require('../../harness/screenshot.ts');
const { uiScriptActive, uiScriptResult } = require('../../harness/ui.ts');

suite('e2e sample', () => {
  test('runs in VS Code 1.139 and the sample command returns a value', async () => {
    assert.match(vscode.version, /^1\.139\./);
    const ext = vscode.extensions.getExtension('macvlan-spec.mvs-e2e-sample');
    assert.ok(ext, 'sample extension is loaded as the development extension');
    await ext.activate();
    const result = await vscode.commands.executeCommand('mvsSample.hello', 'e2e');
    assert.equal(typeof result, 'string');
    assert.match(result, /^hello e2e from /);
  });

  test('opens a workspace document and reads its text', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'sample.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.getText(), 'network: lan\nparent: eth0\nsubnet: 192.0.2.0/24\n');
    assert.equal(path.basename(doc.uri.path), 'sample.yaml');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    if (screenshotsAvailable()) {
      const png = await requestScreenshot('sample-yaml-open');
      assert.ok(fs.statSync(png).size > 1000, `screenshot ${png} is a real image`);
    }
  });

  if (process.env.MVS_E2E_SAMPLE_FAIL === '1') {
    test('fails on purpose (MVS_E2E_SAMPLE_FAIL=1)', () => {
      assert.equal(1 + 1, 3);
    });
  }
});

suite('e2e sample UI', () => {
  test('the Playwright UI script ran the sample command from the palette', async function () {
    if (!uiScriptActive()) this.skip();
    this.timeout(120_000);
    const result = await uiScriptResult();
    assert.deepEqual(result, { ok: true });
  });
});
