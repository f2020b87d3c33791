// The editor part of the extension in a real VS Code: language id, diagnostics from the language
// server, the renumber quick fix, completion of the next free address, hover, commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  codes,
  describeDiagnostics,
  extensionApi,
  hoverText,
  labelOf,
  LANGUAGE_ID,
  openChecked,
  openSpec,
  pollUntil,
  timeSuite,
  waitForDiagnostics,
  wsUri,
} from './util';

const EXAMPLES = ['seed.macvlan.yaml', 'two-host-lab.macvlan.yaml', 'ipvlan-l3.macvlan.yaml', 'mistakes.macvlan.yaml'];

suite('editor: language server in VS Code', () => {
  timeSuite('editor');
  suiteSetup(async function () {
    this.timeout(60_000);
    await extensionApi();
  });

  test('runs in VS Code 1.139 with the workspace of copied examples', async () => {
    assert.match(vscode.version, /^1\.139\./);
    for (const f of EXAMPLES) await vscode.workspace.fs.stat(wsUri(f)); // throws FileNotFound when run.sh did not copy it
  });

  test('spec files get the language macvlan-yaml, other YAML stays yaml', async () => {
    for (const f of ['seed.macvlan.yaml', 'docker/macvlan.yaml']) {
      const doc = await vscode.workspace.openTextDocument(wsUri(f));
      assert.equal(doc.languageId, LANGUAGE_ID, f);
    }
    const plain = await vscode.workspace.openTextDocument(wsUri('plain.yaml'));
    assert.equal(plain.languageId, 'yaml');
  });

  test('the mistakes example gets at least 12 distinct rule codes, at the right places', async () => {
    const { doc } = await openSpec('mistakes.macvlan.yaml');
    const must = ['MV101', 'MV102', 'MV104', 'MV105', 'MV201', 'MV203', 'MV302', 'MV306', 'MV401', 'MV403', 'MV404', 'MV406', 'MV411', 'MV502'];
    const ds = await waitForDiagnostics(doc.uri, (d) => must.every((c) => codes(d).includes(c)), `the codes ${must.join(' ')}`);
    const distinct = new Set(codes(ds));
    assert.ok(distinct.size >= 12, `${distinct.size} distinct codes: ${[...distinct].join(' ')}`);
    for (const d of ds) assert.match(codeOf(d), /^MV\d{3}$/, `every diagnostic carries a rule code: ${d.message}`);
    // Exact places: the value each finding is about.
    const at = (code: string) => ds.filter((d) => codeOf(d) === code).map((d) => doc.getText(d.range));
    assert.deepEqual(at('MV101'), ['10.0.0.0/33']);
    assert.deepEqual(at('MV104'), ['198.51.100.1']);
    assert.deepEqual(at('MV201'), ['192.0.2.128/25']);
    assert.deepEqual(at('MV403'), ['192.0.2.255', '203.0.113.1']);
    const overlap = ds.find((d) => codeOf(d) === 'MV201');
    assert.ok(overlap?.relatedInformation?.length, 'MV201 points at the other subnet as related information');
    assert.equal(doc.getText(overlap.relatedInformation[0].location.range), '192.0.2.5/24');
    assert.equal(overlap.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(ds.find((d) => codeOf(d) === 'MV501')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('the seed example has no diagnostics, and typing a mistake and undoing it round-trips', async () => {
    const uri = wsUri('seed.macvlan.yaml');
    const { doc, editor } = await openSpec('seed.macvlan.yaml');
    assert.equal(describeDiagnostics(vscode.languages.getDiagnostics(uri)), '(none)');
    // An empty list is also what a document has before its first check: prove the server's
    // verdict on this very text by breaking it and restoring it, waiting each time for the
    // diagnostics to follow.
    const original = doc.getText();
    const gw = original.indexOf('gateway: 198.51.100.1');
    const range = new vscode.Range(doc.positionAt(gw + 'gateway: '.length), doc.positionAt(gw + 'gateway: 198.51.100.1'.length));
    assert.ok(await editor.edit((e) => e.replace(range, '192.0.2.1')));
    const broken = await waitForDiagnostics(uri, (ds) => codes(ds).includes('MV104'), 'MV104 after typing a foreign gateway');
    assert.deepEqual(codes(broken), ['MV104']);
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(range.start, doc.positionAt(gw + 'gateway: 192.0.2.1'.length)), '198.51.100.1')));
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no diagnostics after restoring the text');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the other examples have no errors', async () => {
    for (const f of ['two-host-lab.macvlan.yaml', 'ipvlan-l3.macvlan.yaml']) {
      const { diagnostics: ds } = await openChecked(f);
      assert.deepEqual(ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf), [], `${f}:\n    ${describeDiagnostics(ds)}`);
    }
  });

  test('the renumber quick fix removes the overlap (MV201 gone, no new errors)', async () => {
    const { doc } = await openSpec('overlap.macvlan.yaml');
    const before = await waitForDiagnostics(doc.uri, (ds) => codes(ds).includes('MV201'), 'MV201');
    assert.deepEqual(codes(before), ['MV201']);
    const overlap = before[0];
    assert.equal(doc.getText(overlap.range), '192.0.2.128/25');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', doc.uri, overlap.range, vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
    assert.deepEqual(fixes.map((a) => [a.title.replace(/ to .*/, ' to …'), a.kind?.value]), [['Renumber lab to …', 'quickfix'], ['Disable MV201 for this line', 'quickfix']]);
    // (vscode.executeCodeActionProvider does not hand back CodeAction.diagnostics: the title and range identify it.)
    const renumber = fixes.find((a) => a.kind?.value === 'quickfix' && /^Renumber /.test(a.title));
    assert.ok(renumber, `a Renumber quick fix for MV201; got ${JSON.stringify(fixes.map((a) => a.title))}`);
    const m = /^Renumber lab to (\S+?)(,|$)/.exec(renumber.title);
    assert.ok(m, renumber.title);
    assert.equal(m[1], '198.51.100.0/25', 'the next free /25 outside 192.0.2.0/24');
    assert.ok(renumber.edit, 'the quick fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(renumber.edit));
    const text = doc.getText();
    assert.match(text, /subnet: 198\.51\.100\.0\/25\n/);
    assert.match(text, /gateway: 198\.51\.100\.1\n/, 'the gateway moved with the subnet');
    assert.match(text, /ipv4_address: 198\.51\.100\.2\n/, 'the container address moved with the subnet');
    assert.match(text, /subnet: 192\.0\.2\.0\/24\n/, 'the other network is untouched');
    const after = await waitForDiagnostics(doc.uri, (ds) => !codes(ds).includes('MV201'), 'MV201 to go away');
    assert.deepEqual(after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf), [], describeDiagnostics(after));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the mistakes example is fixed to zero errors with quick fixes alone', async function () {
    this.timeout(120_000);
    const { doc } = await openSpec('mistakes.macvlan.yaml');
    let ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'the mistakes');
    const start = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const applied: string[] = [];
    try {
      for (let round = 0; round < 60; round++) {
        const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        if (errors.length === 0) break;
        const e = errors[0];
        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, e.range, vscode.CodeActionKind.QuickFix.value);
        const fixes = actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
        const fix = fixes.find((a) => a.edit && !a.disabled && !/^(Disable |Fix all )/.test(a.title));
        assert.ok(fix, `a quick fix for ${codeOf(e)} "${e.message}" (offered: ${JSON.stringify(fixes.map((a) => a.title))}; applied so far: ${applied.join('; ')})`);
        applied.push(`${codeOf(e)}: ${fix.title}`);
        const key = (d: readonly vscode.Diagnostic[]) => JSON.stringify(d.map((x) => [codeOf(x), x.message, x.range.start.line, x.range.start.character]));
        const before = key(ds);
        assert.ok(await vscode.workspace.applyEdit(fix.edit!));
        ds = await pollUntil(async () => {
          const now = vscode.languages.getDiagnostics(doc.uri);
          return key(now) !== before ? now : undefined;
        }, `diagnostics after "${fix.title}"`, 20_000);
      }
      const left = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(left.map((d) => `${codeOf(d)} ${d.message}`), [], `applied: ${applied.join('; ')}`);
      assert.ok(start >= 18 && applied.length >= start, `${start} errors at first, ${applied.length} fixes: ${applied.join('; ')}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('a spec with more findings than VS Code keeps gets 1,000 of them, errors first, and one line on the rest', async () => {
    // 600 containers on 120 addresses of the pool: each a multicast MAC (MV406, error), most a
    // duplicate address (MV404, error), every one inside the dynamic pool (MV405, warning).
    const lines = ['version: 1', 'networks:', '  lan:', '    parent: eth0', '    subnet: 198.51.100.0/24', '    gateway: 198.51.100.1', '    ip_range: 198.51.100.128/25', 'containers:'];
    for (let i = 0; i < 600; i++) {
      lines.push(`  c${i}:`, '    image: busybox', '    networks:', '      lan:', `        ipv4_address: 198.51.100.${128 + (i % 120)}`, `        mac_address: "01:00:5e:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}"`);
    }
    const uri = wsUri('dense.macvlan.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(lines.join('\n') + '\n'));
    const { doc } = await openSpec('dense.macvlan.yaml');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'the dense spec checked', 30_000);
    const coded = ds.filter((d) => codeOf(d) !== '');
    assert.equal(coded.length, 1000);
    assert.ok(coded.every((d) => d.severity === vscode.DiagnosticSeverity.Error), 'errors first: no warning while errors were left out');
    assert.deepEqual([...new Set(coded.map(codeOf))].sort(), ['MV404', 'MV406']);
    const notes = ds.filter((d) => codeOf(d) === '');
    assert.equal(notes.length, 1, 'one line on the rest, and none of VS Code\'s own "Not showing …" lines');
    assert.equal(notes[0].severity, vscode.DiagnosticSeverity.Information);
    const m = /^([\d,]+) findings in this file; showing 1,000 \(errors first\) and not ([\d,]+) more\./.exec(notes[0].message);
    assert.ok(m, notes[0].message);
    const n = (x: string): number => Number(x.replace(/,/g, ''));
    assert.equal(n(m[1]) - n(m[2]), 1000);
    assert.ok(n(m[1]) >= 1200 + 600 - 120, `every MAC, every duplicate and every pool address counted (${m[1]})`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  test('compose files: two projects on one host, the overlap is found across the files, and nothing else is said', async () => {
    const home = await vscode.workspace.openTextDocument(wsUri('compose/home/compose.yaml'));
    await vscode.window.showTextDocument(home, { preview: false });
    const { doc: lab } = await openSpec('compose/lab/compose.yaml');
    assert.notEqual(lab.languageId, LANGUAGE_ID, 'a compose file stays YAML for the other tools');
    const ds = await waitForDiagnostics(lab.uri, (d) => codes(d).includes('MV201'), 'MV201 across the two compose projects', 30_000);
    assert.deepEqual(codes(ds), ['MV201'], describeDiagnostics(ds));
    assert.equal(lab.getText(ds[0].range), '192.0.2.128/25');
    const rel = ds[0].relatedInformation?.[0];
    assert.equal(rel?.location.uri.toString(), home.uri.toString(), 'the related place is in the other project\'s file');
    assert.equal(home.getText(rel?.location.range), '192.0.2.0/24');
    // Before lab was open, home (open) was told of the clash with lab (on disk); with both open,
    // the later by path is: home is checked again and is fine.
    await waitForDiagnostics(home.uri, (d) => codes(d).length === 0, 'the first project on the host is fine once both are open', 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('compose files: hover does the address math and completion offers the next free address, on the networking values only', async () => {
    const { doc } = await openSpec('compose/home/compose.yaml');
    const text = doc.getText();
    const hoverAt = async (needle: string) => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(text.indexOf(needle) + 2)));
    assert.match(await hoverAt('192.0.2.0/24'), /usable addresses: 254 of 256/);
    assert.match(await hoverAt('192.0.2.10'), /static address of container `web`/);
    assert.doesNotMatch(await hoverAt('nginx:alpine'), /macvlan|usable/, 'no hover of ours where Docker\'s tools speak');
    const key = 'ipv4_address: ';
    const pos = doc.positionAt(text.indexOf(key) + key.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Constant).map(labelOf);
    // .1 is the gateway: .2 is the lowest free address of 192.0.2.0/24.
    assert.deepEqual(ours, ['192.0.2.2'], JSON.stringify(list.items.map((i) => [labelOf(i), i.kind])));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Convert to macvlan Spec opens the compose project as an unsaved spec beside it, named after the project, checked like any spec', async function () {
    this.timeout(60_000);
    const { doc: compose } = await openSpec('compose/home/compose.yaml');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('macvlan.convertToSpec');
    assert.ok(doc, 'a document was opened');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.uri.path, `${compose.uri.path.replace(/compose\.yaml$/, '')}home.macvlan.yaml`, 'Save proposes home.macvlan.yaml beside the compose file');
    assert.equal(doc.languageId, LANGUAGE_ID);
    const text = doc.getText();
    assert.match(text, /^name: home$/m);
    assert.match(text, /subnet: 192\.0\.2\.0\/24/);
    assert.match(text, /ipv4_address: 192\.0\.2\.10/);
    // The server checks it as a spec: the only remark is the missing gateway pool, nothing about the shape.
    // Checked as a spec, with the files on its host: it is the compose project again, on the same
    // host, so it overlaps its source (MV201 pointing into it) — and nothing about its shape.
    // (It opens empty and is then filled: the overlap shows the filled text was checked.)
    const ds = await waitForDiagnostics(doc.uri, (d) => codes(d).includes('MV201'), 'the converted spec checked against its source', 30_000);
    assert.ok(!codes(ds).some((c) => c === 'MV000' || c === 'MV001'), describeDiagnostics(ds));
    assert.equal(ds.find((d) => codeOf(d) === 'MV201')?.relatedInformation?.[0]?.location.uri.toString(), compose.uri.toString());
    // Again while the first is open: a name of the same kind, not the open document reused.
    await vscode.window.showTextDocument(compose, { viewColumn: vscode.ViewColumn.One });
    const again = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('macvlan.convertToSpec');
    assert.ok(again && again.uri.path.endsWith('/compose/home/home-2.macvlan.yaml'), again?.uri.toString());
    assert.equal(again.getText(), text);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const back = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('macvlan.convertToCompose', wsUri('completion.macvlan.yaml'));
    assert.ok(back && /^services:|^networks:|^# converted/m.test(back.getText()) && back.uri.path.endsWith('/compose.yaml'), back?.getText());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('compose files: a project on disk that is not open shares the host; its changes on disk are seen; the quick fix renumbers in compose syntax', async function () {
    this.timeout(150_000);
    // Their own host (x-macvlan.host), so home and lab above are not part of it.
    const project = (subnet: string, gateway: string, address: string, parent: string) =>
      ['x-macvlan:', '  host: e2e-attic', 'services:', '  app:', '    image: busybox', '    networks:', '      lan:', `        ipv4_address: ${address}`, 'networks:', '  lan:', '    driver: macvlan', '    driver_opts:', `      parent: ${parent}`, '    ipam:', '      config:', `        - subnet: ${subnet}`, `          gateway: ${gateway}`, ''].join('\n');
    const one = wsUri('compose/attic/one/compose.yaml');
    const two = wsUri('compose/attic/two/compose.yaml');
    await vscode.workspace.fs.writeFile(one, Buffer.from(project('203.0.113.0/24', '203.0.113.1', '203.0.113.10', 'eth0')));
    await vscode.workspace.fs.writeFile(two, Buffer.from(project('203.0.113.128/25', '203.0.113.129', '203.0.113.130', 'eth1')));
    try {
      const { doc } = await openSpec('compose/attic/two/compose.yaml');
      let ds = await waitForDiagnostics(doc.uri, (d) => codes(d).includes('MV201'), 'MV201 against the project on disk', 30_000);
      assert.deepEqual(codes(ds), ['MV201'], describeDiagnostics(ds));
      assert.equal(ds[0].relatedInformation?.[0]?.location.uri.toString(), one.toString(), 'the related place is in the file that is not open');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === one.toString()), 'one/compose.yaml was never opened');

      // The other project moves away on disk: the watcher tells the server, the open file is checked again.
      await vscode.workspace.fs.writeFile(one, Buffer.from(project('198.51.100.0/24', '198.51.100.1', '198.51.100.10', 'eth0')));
      await waitForDiagnostics(doc.uri, (d) => !codes(d).includes('MV201'), 'MV201 gone after the change on disk', 30_000);
      await vscode.workspace.fs.writeFile(one, Buffer.from(project('203.0.113.0/24', '203.0.113.1', '203.0.113.10', 'eth0')));
      ds = await waitForDiagnostics(doc.uri, (d) => codes(d).includes('MV201'), 'MV201 back after the next change on disk', 30_000);

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, ds[0].range, vscode.CodeActionKind.QuickFix.value);
      const fixes = actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
      assert.deepEqual(fixes.map((a) => a.title.replace(/ to .*/, ' to …')), ['Renumber lan to …', 'Disable MV201 for this line']);
      const renumber = fixes[0];
      const m = /^Renumber lan to (\S+?)(,|$)/.exec(renumber.title);
      assert.ok(m && renumber.edit, renumber.title);
      assert.deepEqual(renumber.edit.entries().map(([u]) => u.toString()), [two.toString()], 'the edit is in the file with the finding only');
      assert.ok(await vscode.workspace.applyEdit(renumber.edit));
      const text = doc.getText();
      // The layout survives: gateway first after the network address, the service's address next.
      const [addr] = m[1].split('/');
      const base = addr.slice(0, addr.lastIndexOf('.'));
      const first = Number(addr.slice(addr.lastIndexOf('.') + 1));
      assert.ok(text.includes(`- subnet: ${m[1]}\n          gateway: ${base}.${first + 1}\n`), `compose syntax, values in place: ${text}`);
      assert.ok(text.includes(`ipv4_address: ${base}.${first + 2}\n`), 'the service address moved along');
      assert.ok(!m[1].startsWith('203.0.113.'), `a block no other file on the host uses: ${m[1]}`);
      await waitForDiagnostics(doc.uri, (d) => codes(d).length === 0, 'nothing left after the fix', 30_000);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
      await vscode.workspace.fs.delete(wsUri('compose/attic'), { recursive: true }).then(undefined, () => undefined);
    }
  });

  test('completion at an empty ipv4_address offers the next free address', async () => {
    const { doc } = await openSpec('completion.macvlan.yaml');
    await waitForDiagnostics(doc.uri, (ds) => codes(ds).includes('MV001'), 'MV001 for the empty address');
    const text = doc.getText();
    const key = 'ipv4_address: ';
    const pos = doc.positionAt(text.lastIndexOf(key) + key.length);
    assert.equal(doc.lineAt(pos.line).text.slice(pos.character), '', 'the cursor is at the empty value');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    const values = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Constant);
    assert.deepEqual(values.map(labelOf), ['192.0.2.4'], `all items: ${JSON.stringify(list.items.map((i) => [labelOf(i), i.kind]))}`);
    // .1 gateway, .2 aux address, .3 taken by web, .128/25 the dynamic pool: .4 is the next free one.
    const item = values[0];
    const inserted = item.textEdit?.newText ?? (typeof item.insertText === 'string' ? item.insertText : item.insertText?.value) ?? labelOf(item);
    assert.equal(inserted, '192.0.2.4');
  });

  test('hover on a /24 subnet shows 254 usable addresses', async () => {
    const { doc } = await openSpec('completion.macvlan.yaml');
    const text = doc.getText();
    const pos = doc.positionAt(text.indexOf('192.0.2.0/24') + 4);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const value = hoverText(hovers);
    assert.match(value, /usable addresses: 254 of 256/, value);
    assert.match(value, /broadcast: `192\.0\.2\.255`/);
  });

  test('Show Host Shim Commands opens the shell commands for the spec\'s host_shim beside it', async () => {
    const { doc } = await openChecked('shim.macvlan.yaml');
    assert.deepEqual(codes(vscode.languages.getDiagnostics(doc.uri)), [], describeDiagnostics(vscode.languages.getDiagnostics(doc.uri)));
    const shown = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('macvlan.showShim', { format: 'sh' });
    assert.ok(shown, 'a document was opened');
    assert.equal(shown.languageId, 'shellscript');
    assert.equal(
      shown.getText(),
      [
        '# network lan on host local: shim 192.0.2.250 on eth0',
        'ip link add mvs-lan link eth0 type macvlan mode bridge',
        'ip addr add 192.0.2.250/32 dev mvs-lan',
        'ip link set mvs-lan up',
        'ip route add 192.0.2.128/26 dev mvs-lan',
        'ip route add 192.0.2.10/32 dev mvs-lan',
        '',
      ].join('\n'),
    );
    await vscode.window.showTextDocument(doc); // the command works on the active spec
    const nd = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('macvlan.showShim', { format: 'networkd' });
    assert.match(nd?.getText() ?? '', /\[NetDev\]\nName=mvs-lan\nKind=macvlan/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('commands: macvlan.newSpec and every contributed command are registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    assert.ok(all.has('macvlan.newSpec'), 'macvlan.newSpec is registered');
    const ext = vscode.extensions.getExtension(`macvlan-spec.macvlan-spec`);
    const contributed = (ext?.packageJSON?.contributes?.commands ?? []) as { command: string }[];
    assert.ok(contributed.length >= 10);
    assert.deepEqual(contributed.map((c) => c.command).filter((c) => !all.has(c)), [], 'contributed commands without a handler');
  });
});
