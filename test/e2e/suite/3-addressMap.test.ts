// "macvlan: Show Address Map" in a real VS Code: the webview beside the spec draws what the spec
// says (checked against the spec text and in the webview's DOM), a hover names the address and
// its role, a click selects the value in the spec, an edit redraws it, and the theme recolours
// it. Takes docs/screenshots/address-map.png for the README (test/e2e/workspace/map.macvlan.yaml).
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { uiStep } from './uiSteps';
import { extensionApi, openChecked, pollUntil, timeSuite, wsUri } from './util';

interface MapElement {
  role: string;
  lane: number;
  first: string;
  last: string;
  count: string;
  label: string;
  span?: { start: number; end: number };
  severity?: string;
}
interface ShownBar {
  family: number;
  subnet: string;
  lanes: string[];
  elements: MapElement[];
}
interface Shown {
  uri: string;
  version: number;
  map: { spec: string; networks: { name: string; bars: ShownBar[] }[]; total: number; matched: number };
  renders: number;
  revealed?: { offset: number; end: number };
}
interface DrawnElement {
  role: string;
  net: string;
  family: number;
  first: string;
  last: string;
  offset?: number;
  title: string;
  cls: string;
  width: number;
}
interface MapStep {
  elements: DrawnElement[];
  sections: string[];
  status: string;
  tip?: string;
  theme?: { body: string; fill: string };
  shot?: string;
}

async function mapApi(): Promise<{ shown(uri: string): Shown | undefined }> {
  const api = (await extensionApi()) as unknown as { addressMap?: { shown(uri: string): Shown | undefined } };
  assert.ok(api.addressMap, 'the extension API exposes the address map panels');
  return api.addressMap;
}

suite('address map: a webview beside the spec', () => {
  timeSuite('address map');
  suiteSetup(async function () {
    this.timeout(60_000);
    await extensionApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('draws every network of a two-host spec as the spec says, hover names address and role, a click selects the value in the spec (address-map.png)', async function () {
    this.timeout(120_000);
    const maps = await mapApi();
    const { doc } = await openChecked('map.macvlan.yaml');
    const uri = doc.uri.toString();
    const text = doc.getText();
    // A wider picture for the README: the map and the spec side by side, no sidebar.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('macvlan.showAddressMap');
    const shown = await pollUntil(async () => maps.shown(uri), 'the address map of map.macvlan.yaml', 20_000, 100);
    assert.equal(shown.version, doc.version);
    assert.deepEqual(shown.map.networks.map((n) => [n.name, n.bars.map((b) => b.subnet)]), [['lan', ['192.0.2.0/24']], ['lab', ['192.0.2.64/28']], ['vlan20', ['203.0.113.0/24', '2001:db8:20::/64']]]);
    // What each element says against the spec text at its offsets.
    const all = shown.map.networks.flatMap((n) => n.bars.flatMap((b) => b.elements.map((e) => ({ net: n.name, family: b.family, lanes: b.lanes, ...e }))));
    const at = (e: MapElement) => (e.span ? text.slice(e.span.start, e.span.end).replace(/"/g, '') : '');
    for (const e of all) if (['gateway', 'aux', 'static'].includes(e.role)) assert.equal(at(e), e.first, `${e.label} points at its value in the spec`);
    const roles = (net: string, role: string) => all.filter((e) => e.net === net && e.role === role).map((e) => (e.first === e.last ? e.first : `${e.first}-${e.last}`));
    assert.deepEqual(roles('lan', 'gateway'), ['192.0.2.1']);
    assert.deepEqual(roles('lan', 'aux'), ['192.0.2.5']);
    assert.deepEqual(roles('lan', 'static'), ['192.0.2.53', '192.0.2.54']);
    assert.deepEqual(roles('lan', 'exclude'), ['192.0.2.100-192.0.2.119']);
    const pools = all.filter((e) => e.net === 'lan' && e.role === 'pool' && e.lane > 0).map((e) => [e.lanes[e.lane], `${e.first}-${e.last}`, at(e)]);
    assert.deepEqual(pools, [['pool lab1', '192.0.2.128-192.0.2.191', '192.0.2.128/26'], ['pool lab2', '192.0.2.192-192.0.2.254', '192.0.2.192/26']]);
    assert.deepEqual(roles('vlan20', 'static'), ['203.0.113.10', '2001:db8:20::10']);
    // The MV201 overlap on lab1, in the severity of its diagnostic.
    const mv201 = vscode.languages.getDiagnostics(doc.uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'MV201');
    assert.ok(mv201, 'MV201 is reported');
    assert.equal(mv201.severity, vscode.DiagnosticSeverity.Error);
    const overlaps = all.filter((e) => e.role === 'overlap').map((e) => [e.net, `${e.first}-${e.last}`, e.severity, at(e)]);
    assert.deepEqual(overlaps, [['lan', '192.0.2.64-192.0.2.79', 'error', '192.0.2.64/28'], ['lab', '192.0.2.64-192.0.2.79', 'error', '192.0.2.64/28']]);
    assert.equal(doc.getText(mv201.range), '192.0.2.64/28', 'the overlap sends a click to the diagnostic');

    // The webview's DOM: one drawn element per element of the model, with the same role and address.
    const dns1 = 'rect[data-role="static"][data-first="192.0.2.53"]';
    const seen = await uiStep<MapStep>('addressMap', { expect: ['lan', 'lab', 'vlan20'], hover: dns1, shot: 'address-map', click: dns1 });
    assert.deepEqual(
      seen.elements.map((d) => [d.net, d.family, d.role, d.first, d.last]),
      all.map((e) => [e.net, e.family, e.role, e.first, e.last]),
    );
    for (const d of seen.elements) assert.ok(d.width > 0, `${d.role} ${d.first} is drawn`);
    for (const d of seen.elements.filter((x) => x.role === 'overlap')) assert.match(d.cls, /\bmv-sev-error\b/);
    assert.match(seen.status, /^3 networks, 4 address bars · version \d+$/);
    assert.equal(seen.tip, 'container dns1 (ipv4_address): 192.0.2.53');
    assert.ok(seen.shot && statSync(seen.shot).size > 10_000, 'a real screenshot');

    // The click: the spec's editor gets the address selected.
    const value = text.indexOf('lan: { ipv4_address: 192.0.2.53 }') + 'lan: { ipv4_address: '.length;
    const line = doc.positionAt(value).line;
    const editor = await pollUntil(async () => {
      const e = vscode.window.visibleTextEditors.find((x) => x.document.uri.toString() === uri);
      return e && e.selection.start.line === line && !e.selection.isEmpty ? e : undefined;
    }, `the selection on line ${line + 1} after the click`, 15_000, 100);
    assert.equal(editor.document.getText(editor.selection), '192.0.2.53');
    assert.deepEqual(maps.shown(uri)?.revealed, { offset: value, end: value + '192.0.2.53'.length });
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
  });

  test('follows edits: a moved container address and a new overlap are redrawn from the server', async function () {
    this.timeout(90_000);
    const maps = await mapApi();
    const { doc, editor: opened } = await openChecked('seed.macvlan.yaml');
    const uri = doc.uri.toString();
    // From the editor title (which passes the spec's URI), while another file is active.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsUri('plain.yaml')));
    await vscode.commands.executeCommand('macvlan.showAddressMap', doc.uri);
    const first = await pollUntil(async () => maps.shown(uri), 'the map of seed.macvlan.yaml', 20_000, 100);
    // From the palette while the map panel has the focus: no text editor is active, the panel's spec is meant.
    await vscode.commands.executeCommand('workbench.action.focusLastEditorGroup');
    assert.equal(vscode.window.activeTextEditor, undefined, 'the webview has the focus');
    await vscode.commands.executeCommand('macvlan.showAddressMap');
    const before = await pollUntil(async () => {
      const s = maps.shown(uri);
      return s && s.renders > first.renders ? s : undefined;
    }, 'the map panel redrawn by the command', 20_000, 100);
    const editor = await vscode.window.showTextDocument(doc, opened.viewColumn);
    try {
      const text = doc.getText();
      const at = text.indexOf('ipv4_address: 198.51.100.10') + 'ipv4_address: '.length;
      assert.ok(await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '198.51.100.10'.length)), '198.51.100.42')));
      // vlan20's subnet onto vlan10's: an MV201 overlap, drawn in the error colour.
      const sub = doc.getText().indexOf('subnet: 203.0.113.0/24') + 'subnet: '.length;
      assert.ok(await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(sub), doc.positionAt(sub + '203.0.113.0/24'.length)), '198.51.100.0/25')));
      const after = await pollUntil(async () => {
        const s = maps.shown(uri);
        return s && s.version === doc.version && s.renders > before.renders ? s : undefined;
      }, 'a redraw of the edited version', 20_000, 100);
      const vlan10 = after.map.networks[0].bars[0].elements;
      assert.deepEqual(vlan10.filter((e) => e.role === 'static').map((e) => e.first), ['198.51.100.42']);
      const overlap = vlan10.find((e) => e.role === 'overlap');
      assert.equal(overlap?.severity, 'error');
      const seen = await uiStep<MapStep>('addressMap', { expect: ['vlan10'], wait: 'rect[data-role="static"][data-first="198.51.100.42"]' });
      const drawn = seen.elements.find((d) => d.net === 'vlan10' && d.role === 'overlap');
      assert.ok(drawn, 'the overlap is drawn in the webview');
      assert.match(drawn.cls, /\bmv-sev-error\b/);
      assert.match(drawn.title, /198\.51\.100\.0\/25 of network vlan20/);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('follows the theme: light, dark and high contrast recolour the drawing through VS Code\'s variables', async function () {
    this.timeout(90_000);
    const maps = await mapApi();
    const { doc } = await openChecked('seed.macvlan.yaml');
    if (!maps.shown(doc.uri.toString())) await vscode.commands.executeCommand('macvlan.showAddressMap');
    const cfg = () => vscode.workspace.getConfiguration('workbench');
    const seen: Record<string, { body: string; fill: string }> = {};
    for (const [theme, kind] of [['Default Light Modern', 'vscode-light'], ['Default Dark Modern', 'vscode-dark'], ['Default High Contrast', 'vscode-high-contrast']] as const) {
      await cfg().update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      seen[kind] = await pollUntil(async () => {
        const s = await uiStep<MapStep>('addressMap', { expect: ['vlan10'], theme: 'rect[data-role="static"]' });
        return s.theme && s.theme.body.split(/\s+/).includes(kind) ? s.theme : undefined;
      }, `the webview in ${theme}`, 20_000, 300);
    }
    const fills = Object.values(seen).map((t) => t.fill);
    assert.ok(fills.every((f) => /^rgb/.test(f)), JSON.stringify(seen));
    assert.equal(new Set(fills).size, 3, `three themes, three container colours: ${JSON.stringify(seen)}`);
  });
  test('thousands of networks stay usable: the first 200 are drawn, the filter box reaches the others', async function () {
    this.timeout(120_000);
    const maps = await mapApi();
    const n = 2000;
    const lines = ['version: 1', 'networks:'];
    for (let i = 0; i < n; i++) lines.push(`  n${i}: { parent: eth0, vlan: ${i + 1}, subnet: 10.${i >> 8}.${i & 255}.0/24, gateway: 10.${i >> 8}.${i & 255}.1 }`);
    const doc = await vscode.workspace.openTextDocument({ language: 'macvlan-yaml', content: lines.join('\n') + '\n' });
    await vscode.window.showTextDocument(doc);
    const uri = doc.uri.toString();
    try {
      const t0 = Date.now();
      await vscode.commands.executeCommand('macvlan.showAddressMap');
      const shown = await pollUntil(async () => maps.shown(uri), 'the map of 2,000 networks', 30_000, 100);
      const ms = Date.now() - t0;
      assert.deepEqual([shown.map.networks.length, shown.map.matched, shown.map.total], [200, n, n]);
      const seen = await uiStep<MapStep>('addressMap', { expect: ['n0', 'n199'], filter: 'n199' });
      assert.equal(seen.sections.length, 200);
      assert.match(seen.status, /^the first 200 of 2000 networks — filter by name to see the others · version \d+$/);
      const filtered = await uiStep<MapStep>('addressMap', { expect: ['n199', 'n1999'] });
      assert.deepEqual(filtered.sections, ['n199', ...Array.from({ length: 10 }, (_, k) => `n199${k}`)]);
      assert.match(filtered.status, /^11 networks matching "n199" \(of 2000\), 11 address bars · version \d+$/);
      assert.ok(ms < 15_000, `${ms} ms to the first map of ${n} networks`);
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
