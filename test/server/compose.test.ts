// Compose files in the language server: only MV findings, checked with the other open compose files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver/node';
import { startInProcess } from './harness';

const project = (subnet: string, parent: string) =>
  ['services:', '  s:', '    image: busybox', '    networks: [lan]', 'networks:', '  lan:', '    driver: macvlan', `    driver_opts: { parent: ${parent} }`, '    ipam:', '      config:', `        - { subnet: ${subnet} }`, ''].join('\n');

test('two open compose projects on one host: the later one gets MV201 pointing into the other file; no spec findings or completions', async () => {
  const client = await startInProcess();
  try {
    const home = 'file:///srv/home/compose.yaml';
    const lab = 'file:///srv/lab/docker-compose.yml';
    client.open(home, project('192.0.2.0/24', 'eth0').replace('lan]', 'lan]\n    ports: ["80:80"]'));
    const first = (await client.diagnostics(home)).diagnostics;
    assert.deepEqual(first.map((d) => d.code).sort(), ['MV109', 'MV414'], 'compose keys are not spec schema errors');
    client.open(lab, project('192.0.2.128/25', 'eth1'));
    const second = await client.diagnostics(lab, (p) => p.diagnostics.some((d) => d.code === 'MV201'));
    const overlap = second.diagnostics.find((d) => d.code === 'MV201');
    assert.ok(overlap);
    assert.equal(overlap.relatedInformation?.[0]?.location.uri, home);
    assert.equal(overlap.relatedInformation?.[0]?.location.range.start.line, 11, 'the subnet line of the other file');
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: lab }, position: { line: 10, character: 20 } })) as CompletionItem[];
    assert.deepEqual(items, [], 'the spec completion stays out of compose files');
  } finally {
    client.dispose();
  }
});
