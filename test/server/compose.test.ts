// Compose files in the language server: only MV findings, checked with the other open compose files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver/node';
import { startInProcess } from './harness';

const project = (subnet: string, parent: string) =>
  ['services:', '  s:', '    image: busybox', '    networks: [lan]', 'networks:', '  lan:', '    driver: macvlan', `    driver_opts: { parent: ${parent} }`, '    ipam:', '      config:', `        - { subnet: ${subnet} }`, ''].join('\n');

test('two open compose projects on one host: the later one gets MV201 pointing into the other file; no spec findings; completion and hover only on the networking values', async () => {
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
    const complete = async (line: number, character: number) => (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: lab }, position: { line, character } })) as CompletionItem[];
    assert.deepEqual(await complete(2, 13), [], 'no spec keys or values where Docker\'s tools speak (image)');
    // On the subnet: a free one, clear of the other project on the host (192.0.2.0/24).
    const subnets = (await complete(10, 20)).map((i) => i.label);
    assert.ok(subnets.length > 0 && subnets.every((l) => !l.startsWith('192.0.2.')), subnets.join(', '));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: lab }, position: { line: 10, character: 22 } })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /usable addresses: 126 of 128/);
    const none = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: lab }, position: { line: 2, character: 13 } });
    assert.equal(none, null, 'no hover on image');
  } finally {
    client.dispose();
  }
});

test('macvlan/convert: an open compose file as a spec named after its project, an open spec as a compose file; the wrong way round says why', async () => {
  const client = await startInProcess();
  try {
    const lab = 'file:///srv/lab/compose.yaml';
    client.open(lab, project('192.0.2.128/25', 'eth1').replace('networks: [lan]', 'networks:\n      lan: { ipv4_address: 192.0.2.130 }'));
    const spec = (await client.connection.sendRequest('macvlan/convert', { uri: lab, to: 'spec' })) as { text: string; notes: string[]; fileName: string };
    assert.equal(spec.fileName, 'lab.macvlan.yaml');
    assert.match(spec.text, /^name: lab$/m);
    assert.match(spec.text, /subnet: 192\.0\.2\.128\/25/);
    assert.match(spec.text, /ipv4_address: 192\.0\.2\.130/);
    assert.ok(spec.notes.some((n) => /lab_lan on Docker/.test(n)), spec.notes.join('; '));

    const uri = 'file:///srv/specs/home.macvlan.yaml';
    client.open(uri, ['version: 1', 'networks:', '  lan: { parent: eth0, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }', ''].join('\n'));
    const compose = (await client.connection.sendRequest('macvlan/convert', { uri, to: 'compose' })) as { text: string; fileName: string };
    assert.equal(compose.fileName, 'compose.yaml');
    assert.match(compose.text, /driver: macvlan/);
    assert.match(compose.text, /parent: eth0/);
    assert.match(compose.text, /subnet: 198\.51\.100\.0\/24/);

    assert.deepEqual(await client.connection.sendRequest('macvlan/convert', { uri, to: 'spec' }), { error: 'home.macvlan.yaml is not a compose file (compose.yaml, docker-compose.yml, NAME.compose.yaml…)' });
    assert.deepEqual(await client.connection.sendRequest('macvlan/convert', { uri: lab, to: 'compose' }), { error: 'compose.yaml is a compose file already' });
    assert.deepEqual(await client.connection.sendRequest('macvlan/convert', { uri: 'file:///nowhere/compose.yaml', to: 'spec' }), { error: 'the document is not open' });
  } finally {
    client.dispose();
  }
});
