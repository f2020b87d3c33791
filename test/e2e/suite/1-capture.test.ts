// What a user sees, driven through the browser by test/e2e/ui/steps.mjs: the squiggle, its hover
// and the Problems panel entry (diagnostic.png), the light bulb's menu on an overlap
// (quickfix.png). Runs first (files run in name order), while no other spec is open, so the
// Problems panel holds only what the picture is about.
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { uiStep } from './uiSteps';
import { codes, extensionApi, openSpec, timeSuite, waitForDiagnostics, withTimeout } from './util';

interface DiagnosticStep {
  problems: string[];
  hover: string;
  squiggles: number;
  shot?: string;
}
interface QuickFixStep {
  items: string[];
  lightBulb: number;
  shot?: string;
}

function assertPng(file: string | undefined): void {
  assert.ok(file, 'the UI script saved a screenshot');
  assert.ok(statSync(file).size > 10_000, `${file} is a real screenshot`);
}

suite('UI: what the user sees (Playwright)', () => {
  timeSuite('ui capture');
  suiteSetup(async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    // The Docker features add a CodeLens above each spec once they are loaded: load them now, so
    // the pictures do not depend on whether it was there yet (its line moves the text down).
    await withTimeout(Promise.resolve(api.docker?.treeSnapshot?.()), 30_000, 'loading the Docker features').catch(() => undefined);
  });

  /** Whether the spec has CodeLenses, so the UI step waits for them to be drawn. */
  async function hasCodeLens(uri: vscode.Uri): Promise<boolean> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    return lenses.length > 0;
  }

  test('a wrong gateway is squiggled, its hover shows the message, Problems lists it (diagnostic.png)', async function () {
    this.timeout(90_000);
    const { doc, editor } = await openSpec('gateway.macvlan.yaml');
    await waitForDiagnostics(doc.uri, (ds) => codes(ds).includes('MV104'), 'MV104');
    // Cursor at the top, away from the squiggle the mouse will hover.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const seen = await uiStep<DiagnosticStep>('diagnostic', { file: 'gateway.macvlan.yaml', code: 'MV104', codeLens: await hasCodeLens(doc.uri), shot: 'diagnostic' });
    assert.equal(seen.squiggles, 1, 'exactly one error squiggle in the editor');
    assert.match(seen.hover, /gateway 192\.0\.2\.1 of network vlan10 is outside its subnet 198\.51\.100\.0\/24/);
    assert.match(seen.hover, /MV104/);
    const entry = seen.problems.find((p) => p.includes('MV104'));
    assert.ok(entry, `Problems panel lists MV104; rows: ${JSON.stringify(seen.problems)}`);
    assert.match(entry, /outside its subnet/);
    assert.match(entry, /\[Ln 9, Col 14\]/, 'Problems shows the gateway value position');
    assertPng(seen.shot);
  });

  test('the light bulb on an overlapping subnet offers "Renumber …" (quickfix.png)', async function () {
    this.timeout(90_000);
    const { doc } = await openSpec('overlap.macvlan.yaml');
    await waitForDiagnostics(doc.uri, (ds) => codes(ds).includes('MV201'), 'MV201');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const seen = await uiStep<QuickFixStep>('quickfix', { file: 'overlap.macvlan.yaml', expect: 'Renumber', codeLens: await hasCodeLens(doc.uri), shot: 'quickfix' });
    assert.ok(seen.lightBulb >= 1, 'the light bulb is shown');
    assert.ok(
      seen.items.some((t) => /Renumber lab to 198\.51\.100\.0\/25/.test(t)),
      `the quick-fix menu offers "Renumber lab to 198.51.100.0/25…"; items: ${JSON.stringify(seen.items)}`,
    );
    assert.ok(seen.items.some((t) => /Disable MV201 for this line/.test(t)), 'and the suppression comment');
    assertPng(seen.shot);
  });
});
