// The workspace's unopened specs and compose files share the host with the open ones (hostFiles.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { codes, startInProcess } from './harness';

const project = (subnet: string, gateway: string, parent: string, address: string) =>
  ['services:', '  app:', '    image: busybox', '    networks:', '      lan:', `        ipv4_address: ${address}`, 'networks:', '  lan:', '    driver: macvlan', `    driver_opts: { parent: ${parent} }`, '    ipam:', '      config:', `        - subnet: ${subnet}`, `          gateway: ${gateway}`, ''].join('\n');

function workspace(): { root: string; uri: (rel: string) => string; write: (rel: string, text: string) => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'mvs-ws-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  return { root, uri: (rel) => pathToFileURL(path.join(root, rel)).href, write };
}

test('an unopened compose file of the workspace is on the host: MV201 points into it, a change on disk clears it, a renumber fix avoids every file', async () => {
  const ws = workspace();
  ws.write('home/compose.yaml', project('192.0.2.0/24', '192.0.2.1', 'eth0', '192.0.2.10'));
  ws.write('aa.macvlan.yaml', ['version: 1', 'networks:', '  nas: { parent: eth2, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }', ''].join('\n'));
  ws.write('node_modules/x/compose.yaml', project('192.0.2.128/25', '192.0.2.129', 'eth9', '192.0.2.130'));
  ws.write('lab/compose.yaml', project('192.0.2.128/25', '192.0.2.129', 'eth1', '192.0.2.130'));
  const client = await startInProcess({}, undefined, undefined, [pathToFileURL(ws.root).href]);
  try {
    const lab = ws.uri('lab/compose.yaml');
    client.open(lab, project('192.0.2.128/25', '192.0.2.129', 'eth1', '192.0.2.130'));
    const d = await client.diagnostics(lab, (p) => codes(p).includes('MV201'));
    assert.deepEqual(codes(d), ['MV201'], 'node_modules is not read');
    const mv201 = d.diagnostics[0];
    assert.equal(mv201.relatedInformation?.[0].location.uri, ws.uri('home/compose.yaml'), 'the related place is in the unopened file');
    assert.equal(mv201.relatedInformation?.[0].location.range.start.line, 12);

    // The fix rewrites lab's values only, to a block neither home (192.0.2.0/24) nor the spec (198.51.100.0/24) uses.
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: lab }, range: mv201.range, context: { diagnostics: [mv201] } })) as CodeAction[];
    const renumber = actions.find((a) => a.title.startsWith('Renumber lan to 203.0.113.0/25'));
    assert.ok(renumber, actions.map((a) => a.title).join(', '));
    const edits = renumber.edit?.changes?.[lab] ?? [];
    assert.deepEqual(Object.keys(renumber.edit?.changes ?? {}), [lab]);
    assert.deepEqual(edits.map((e) => e.newText), ['203.0.113.0/25', '203.0.113.1', '203.0.113.2']);
    assert.ok(actions.some((a) => a.title === 'Disable MV201 for this line'));

    // home's subnet moves on disk; the watcher tells the server; lab is checked again.
    ws.write('home/compose.yaml', project('203.0.113.0/24', '203.0.113.1', 'eth0', '203.0.113.10'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('home/compose.yaml'), type: 2 }] });
    const after = await client.diagnostics(lab, (p) => !codes(p).includes('MV201'));
    assert.deepEqual(codes(after), []);

    // A spec of the workspace counts too: lab's subnet onto the spec's is MV201 against aa.macvlan.yaml.
    client.change(lab, project('198.51.100.128/25', '198.51.100.129', 'eth1', '198.51.100.130'), 2);
    const vsSpec = await client.diagnostics(lab, (p) => p.version === 2 && codes(p).includes('MV201'));
    assert.equal(vsSpec.diagnostics[0].relatedInformation?.[0].location.uri, ws.uri('aa.macvlan.yaml'));

    // Two projects arrive in new folders, and the watcher reports only one of them (VS Code's
    // does that): the creation makes the server walk the folders again, and it finds both.
    client.change(lab, project('192.0.2.0/25', '192.0.2.1', 'eth1', '192.0.2.10'), 3);
    await client.diagnostics(lab, (p) => p.version === 3 && codes(p).length === 0);
    ws.write('new/one/compose.yaml', project('192.0.2.0/24', '192.0.2.1', 'eth4', '192.0.2.20'));
    ws.write('new/two/compose.yaml', project('10.20.0.0/24', '10.20.0.1', 'eth5', '10.20.0.20'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('new/two/compose.yaml'), type: 1 }] });
    const found = await client.diagnostics(lab, (p) => codes(p).includes('MV201'));
    assert.equal(found.diagnostics[0].relatedInformation?.[0].location.uri, ws.uri('new/one/compose.yaml'), 'the file no event named');

    // No event at all: the server's own look at the files (every 2 s) sees the change.
    // (Its timer does not hold the process open; this one does, while the test waits.)
    const keepAlive = setInterval(() => undefined, 500);
    try {
      ws.write('new/one/compose.yaml', project('10.30.0.0/24', '10.30.0.1', 'eth4', '10.30.0.20'));
      await client.diagnostics(lab, (p) => !codes(p).includes('MV201'));
    } finally {
      clearInterval(keepAlive);
    }
  } finally {
    client.dispose();
  }
});

test('macvlan.workspace.exclude leaves files out of the check across files; an open spec gets findings from an open compose file and the compose quick fix', async () => {
  const ws = workspace();
  ws.write('archive/compose.yaml', project('192.0.2.0/24', '192.0.2.1', 'eth0', '192.0.2.10'));
  const client = await startInProcess({}, undefined, undefined, [pathToFileURL(ws.root).href]);
  client.settings = { workspace: { exclude: ['archive/**'] } };
  try {
    const lab = ws.uri('lab/compose.yaml');
    client.open(lab, project('192.0.2.0/25', '192.0.2.1', 'eth1', '192.0.2.10'));
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(codes(await client.diagnostics(lab)), [], 'archive/ is left out');

    // An open spec after the compose file by path: it gets the overlap, with a value-only fix.
    const spec = ws.uri('zz.macvlan.yaml');
    client.open(spec, ['version: 1', 'networks:', '  zz: { parent: eth3, subnet: 192.0.2.0/26, gateway: 192.0.2.1 }', ''].join('\n'));
    const d = await client.diagnostics(spec, (p) => codes(p).includes('MV201'));
    const mv201 = d.diagnostics.find((x: Diagnostic) => x.code === 'MV201')!;
    assert.equal(mv201.relatedInformation?.[0].location.uri, lab);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: spec }, range: mv201.range, context: { diagnostics: [mv201] } })) as CodeAction[];
    const renumber = actions.find((a) => a.title.startsWith('Renumber zz'));
    assert.ok(renumber, actions.map((a) => a.title).join(', '));
    assert.deepEqual(renumber.edit?.changes?.[spec]?.map((e) => e.newText), ['192.0.2.128/26', '192.0.2.129']);

    // The same workspace without the exclude: archive/ (unopened, before lab by path) is on the host again.
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const back = await client.diagnostics(lab, (p) => codes(p).includes('MV201'));
    assert.equal(back.diagnostics.find((x: Diagnostic) => x.code === 'MV201')?.relatedInformation?.[0].location.uri, ws.uri('archive/compose.yaml'));
  } finally {
    client.dispose();
  }
});

test('a compose file\'s variables come from the .env beside it: the values are checked, an unset one is not an error, and no fix rewrites a variable', async () => {
  const ws = workspace();
  const text = ['services:', '  app:', '    image: busybox', '    networks:', '      lan:', '        ipv4_address: ${APP_IP}', 'networks:', '  lan:', '    driver: macvlan', '    driver_opts: { parent: eth0 }', '    ipam:', '      config:', '        - subnet: ${SUBNET:-192.0.2.0/24}', '          gateway: 192.0.2.1', ''].join('\n');
  ws.write('lab/compose.yaml', text);
  const client = await startInProcess({}, undefined, undefined, [pathToFileURL(ws.root).href]);
  try {
    const uri = ws.uri('lab/compose.yaml');
    client.open(uri, text);
    assert.deepEqual(codes(await client.diagnostics(uri)), [], 'APP_IP is not set: left out, not MV101');
    // The .env is saved; the watcher says so; the compose file is checked again with its value.
    ws.write('lab/.env', 'APP_IP=198.51.100.9\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('lab/.env'), type: 1 }] });
    const d = await client.diagnostics(uri, (p) => codes(p).length > 0);
    assert.deepEqual(codes(d), ['MV402']);
    assert.match(String(d.diagnostics[0].message), /ipv4_address 198\.51\.100\.9 of container app is outside subnet 192\.0\.2\.0\/24/);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.diagnostics[0].range, context: { diagnostics: d.diagnostics } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Disable MV402 for this line'], 'the address is the .env file\'s: no fix writes over ${APP_IP}');
  } finally {
    client.dispose();
  }
});
