// The address map's client side without VS Code: its manifest entries (available in Restricted
// Mode), its webview page (strict CSP, nonces, no remote content), the page's messages, and the
// client bundle drawing maps without the parser or the checker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSync } from 'esbuild';
import { isFilterMessage, isRevealMessage, isWidthMessage, webviewHtml } from '../../../client/addressMap/page';
import { checkText } from '../../../core/check';
import { buildAddressMap } from '../../../core/map/model';
import { readJson, ROOT } from '../package/dist';
import type { Manifest } from '../package/manifest';

const manifest = readJson<Manifest & { contributes: { menus: Record<string, { command: string; when?: string }[]> } }>('package.json');

test('manifest: "macvlan: Show Address Map" in the palette and the editor title of specs, and not gated on workspace trust', () => {
  const cmd = manifest.contributes.commands.find((c) => c.command === 'macvlan.showAddressMap') as { title: string; category: string; enablement?: string } | undefined;
  assert.ok(cmd);
  assert.equal(`${cmd.category}: ${cmd.title}`, 'macvlan: Show Address Map');
  assert.equal(cmd.enablement, undefined, 'Restricted Mode: no enablement clause');
  for (const menu of ['commandPalette', 'editor/title']) {
    const entry = manifest.contributes.menus[menu].find((m) => m.command === 'macvlan.showAddressMap');
    assert.equal(entry?.when, 'editorLangId == macvlan-yaml', menu);
  }
  const caps = (manifest as unknown as { capabilities: { untrustedWorkspaces: { supported: string; description: string } } }).capabilities.untrustedWorkspaces;
  assert.equal(caps.supported, 'limited');
  assert.match(caps.description, /address map work everywhere/);
});

const seed = checkText('version: 1\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n');
const map = buildAddressMap(seed.facts, seed.findings);

test('webview page: default-src none, style and script by a fresh nonce, nothing remote, no inline style attributes', () => {
  const html = webviewHtml(map, 'version 1');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
  assert.ok(csp, 'a CSP meta element');
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce && nonce.length >= 16);
  assert.match(csp, /^default-src 'none';/);
  assert.match(csp, new RegExp(`style-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}';`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:|\*/);
  assert.equal([...html.matchAll(/<script nonce="([^"]+)">/g)].map((m) => m[1]).join(), nonce);
  assert.equal([...html.matchAll(/<style nonce="([^"]+)">/g)].map((m) => m[1]).join(), nonce);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.doesNotMatch(html, /\s(src|href)=/, 'nothing is loaded');
  assert.doesNotMatch(html, /\sstyle="/);
  assert.match(html, /<span id="status" class="mv-status">version 1<\/span>/);
  assert.match(webviewHtml(map, '', 700, '"><script>'), /value="&#34;&#62;&#60;script&#62;"/, 'the filter text is escaped');
  assert.notEqual(/nonce-([^']+)/.exec(webviewHtml(map, ''))?.[1], nonce, 'a new nonce per page');
});

test('messages from the page: only well-formed ones are acted on', () => {
  assert.ok(isRevealMessage({ type: 'reveal', offset: 3, end: 9 }));
  assert.ok(isRevealMessage({ type: 'reveal', offset: 3, end: 9, net: 'lan', family: 4, role: 'static', first: '192.0.2.7' }));
  assert.equal(isRevealMessage({ type: 'reveal', offset: 3, end: 9, net: 7 }), false);
  assert.ok(isFilterMessage({ type: 'filter', text: 'lab' }));
  assert.equal(isFilterMessage({ type: 'filter', text: 'x'.repeat(201) }), false);
  assert.ok(isWidthMessage({ type: 'width', width: 812 }));
  assert.equal(isWidthMessage({ type: 'width', width: 0 }), false);
  assert.equal(isWidthMessage({ type: 'width', width: 1.5 }), false);
  for (const bad of [null, 'reveal', { type: 'reveal', offset: -1, end: 2 }, { type: 'reveal', offset: 5, end: 4 }, { type: 'reveal', offset: '3', end: 9 }, { type: 'open', offset: 1, end: 2 }]) {
    assert.equal(isRevealMessage(bad), false, JSON.stringify(bad));
  }
});

test('the client bundle draws maps (core/map renderer) but holds neither the parser, the checker nor the analysis', () => {
  // Bundled in memory as scripts/build.mjs does, so dist/ (which other tests read) is left alone.
  const r = buildSync({ absWorkingDir: ROOT, entryPoints: ['client/extension.ts'], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], write: false, metafile: true, outfile: 'client.js', logLevel: 'silent' });
  const inputs = Object.keys(r.metafile.inputs);
  assert.ok(inputs.includes('core/map/svg.ts') && inputs.includes('client/addressMap/panels.ts'), 'the renderer and the panel are in the bundle');
  assert.deepEqual(inputs.filter((i) => /^core\/(analysis|rules|check|spec\/parse|spec\/fastYaml|map\/model)/.test(i)), []);
});
