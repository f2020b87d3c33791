// Specs and compose files on one host share its address space (design: "Compose files").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFiles, hostFile } from '../../../core/workspace/checkFiles';
import { withNeighbours } from '../../../core/workspace/neighbours';
import { globMatcher } from '../../../core/workspace/glob';
import { crossFileFindings } from '../../../core/workspace/host';
import { fixesFor } from '../../../core/fixes';

const spec = (hosts: string, net: string) => ['version: 1', hosts, 'networks:', net, ''].filter((l) => l !== '').join('\n');
const compose = (host: string | undefined, subnet: string, parent: string, extra = '') =>
  [
    ...(host ? ['x-macvlan:', `  host: ${host}`] : []),
    'services:',
    '  app:',
    '    image: busybox',
    '    networks:',
    '      lan:',
    '        ipv4_address: 192.0.2.10',
    'networks:',
    '  lan:',
    '    driver: macvlan',
    `    driver_opts: { parent: ${parent} }`,
    '    ipam:',
    '      config:',
    `        - { subnet: ${subnet}, gateway: 192.0.2.1 }`,
    extra,
  ].join('\n');

const codesOf = (r: { result: { findings: { code: string }[] } }) => r.result.findings.map((f) => f.code).sort();

test('a spec and a compose file on the implicit local host: the later file by path gets MV201 and MV203, pointing into the other', () => {
  const [a, b] = checkFiles(
    [
      { file: 'a/macvlan.yaml', project: 'a', text: spec('', '  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }') },
      { file: 'b/compose.yaml', project: 'b', text: compose(undefined, '192.0.2.0/25', 'eth0') },
    ],
    { settings: { engine: '20.10' } },
  );
  assert.deepEqual(codesOf(a), []);
  assert.deepEqual(codesOf(b), ['MV201', 'MV203']);
  const overlap = b.result.findings.find((f) => f.code === 'MV201')!;
  assert.equal(overlap.related[0].file, 'a/macvlan.yaml');
  assert.deepEqual(overlap.data, { fix: 'renumberNetwork', network: 'lan', family: 4 });
  // Engine 27 lets macvlan networks share a parent: only the overlap is left.
  const [, b27] = checkFiles(
    [
      { file: 'a/macvlan.yaml', project: 'a', text: spec('', '  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }') },
      { file: 'b/compose.yaml', project: 'b', text: compose(undefined, '192.0.2.0/25', 'eth0') },
    ],
    { settings: { engine: '27' } },
  );
  assert.deepEqual(codesOf(b27), ['MV201']);
});

test('a spec network on two hosts meets a compose file on one of them by host name, not on the other', () => {
  const s = spec('hosts:\n  nas: {}\n  pi: {}', '  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: { nas: 192.0.2.64/27, pi: 192.0.2.96/27 } }');
  const onPi = checkFiles([
    { file: 'lab.macvlan.yaml', project: 'x', text: s },
    { file: 'z/compose.yaml', project: 'z', text: compose('pi', '192.0.2.0/24', 'eth1') },
  ]);
  assert.deepEqual(codesOf(onPi[1]), ['MV201']);
  assert.match(onPi[1].result.findings[0].message, /on host pi/);
  const elsewhere = checkFiles([
    { file: 'lab.macvlan.yaml', project: 'x', text: s },
    { file: 'z/compose.yaml', project: 'z', text: compose('nuc', '192.0.2.0/24', 'eth1') },
  ]);
  assert.deepEqual(codesOf(elsewhere[1]), [], 'another host: its own address space');
});

test('MV404 through an external network named like the spec network, on the same host only', () => {
  const s = spec('', '  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\ncontainers:\n  dns: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.10 } } }');
  const c = ['services:', '  web:', '    image: busybox', '    networks:', '      shared: { ipv4_address: 192.0.2.10 }', 'networks:', '  shared:', '    external: true', '    name: lan', ''].join('\n');
  const [, web] = checkFiles([
    { file: 'a.macvlan.yaml', project: 'a', text: s },
    { file: 'w/compose.yaml', project: 'w', text: c },
  ]);
  assert.deepEqual(codesOf(web), ['MV404']);
  assert.match(web.result.findings[0].message, /already used by container dns in a\.macvlan\.yaml on Docker network lan \(host local\)/);
  // No fix hint: the address is on a network the compose file does not define.
  assert.equal(web.result.findings[0].data, undefined);
  const [, away] = checkFiles([
    { file: 'a.macvlan.yaml', project: 'a', text: s },
    { file: 'w/compose.yaml', project: 'w', text: `x-macvlan:\n  host: other\n${c}` },
  ]);
  assert.deepEqual(codesOf(away), [], 'the same address on another host\'s network of that name is no clash');
});

test('a disable comment and severity settings apply to findings across files too', () => {
  const a = { file: 'a/compose.yaml', project: 'a', text: compose(undefined, '192.0.2.0/24', 'eth0') };
  const b = { file: 'b/compose.yaml', project: 'b', text: compose(undefined, '192.0.2.0/25', 'eth1') };
  assert.deepEqual(codesOf(checkFiles([a, b])[1]), ['MV201']);
  const quiet = { ...b, text: b.text.replace('gateway: 192.0.2.1 }', 'gateway: 192.0.2.1 } # macvlan-disable-line MV201') };
  assert.deepEqual(codesOf(checkFiles([a, quiet])[1]), []);
  const off = checkFiles([a, b], { settings: { severity: { MV201: 'warning' } } })[1].result.findings;
  assert.equal(off[0].severity, 'warning');
});

test('withNeighbours: the other files\' subnets on the file\'s hosts, as host networks for fixes and completion', () => {
  const files = checkFiles([
    { file: 'a/compose.yaml', project: 'a', text: compose(undefined, '192.0.2.0/24', 'eth0') },
    { file: 'b/compose.yaml', project: 'b', text: compose(undefined, '198.51.100.0/24', 'eth1') },
    { file: 'c/compose.yaml', project: 'c', text: compose('elsewhere', '203.0.113.0/24', 'eth1') },
  ]).map(hostFile);
  const state = withNeighbours(files, 0, { hosts: { local: { networks: [{ id: 'x', name: 'live', driver: 'bridge', subnets: ['10.0.0.0/24'], labels: {} }] } } });
  assert.deepEqual(state?.hosts.local.networks.map((n) => n.subnets[0]), ['10.0.0.0/24', '198.51.100.0/24']);
  assert.equal(state?.hosts.elsewhere, undefined);
  assert.equal(withNeighbours(files.slice(0, 1), 0, undefined), undefined, 'alone: nothing added');
});

test('renumbering a compose network steers clear of the other project\'s subnet', () => {
  const files = checkFiles([
    { file: 'a/compose.yaml', project: 'a', text: compose(undefined, '192.0.2.0/24', 'eth0') },
    { file: 'b/compose.yaml', project: 'b', text: compose(undefined, '192.0.2.0/24', 'eth1') },
    { file: 'c/compose.yaml', project: 'c', text: compose(undefined, '198.51.100.0/24', 'eth2') },
  ]);
  const b = files[1];
  const overlap = b.result.findings.find((f) => f.code === 'MV201')!;
  const fixes = fixesFor(overlap, b.result, { observed: withNeighbours(files.map(hostFile), 1, undefined) });
  const edits = fixes[0].edits.map((e) => [b.result.parsed.text.slice(e.span.start, e.span.end), e.newText]);
  // 198.51.100.0/24 is c's: the next free documentation block is 203.0.113.0/24; the gateway and address move along.
  assert.deepEqual(edits, [
    ['192.0.2.0/24', '203.0.113.0/24'],
    ['192.0.2.1', '203.0.113.1'],
    ['192.0.2.10', '203.0.113.10'],
  ]);
});

test('exclude globs: folder-relative, ** spans folders, * stays in one, {a,b}', () => {
  const m = globMatcher(['*.macvlan.yaml', 'docker/**', 'examples/{old,new}/*.yaml']);
  assert.equal(m('lab.macvlan.yaml'), true);
  assert.equal(m('sub/lab.macvlan.yaml'), false);
  assert.equal(m('docker/macvlan.yaml'), true);
  assert.equal(m('docker/a/b/compose.yaml'), true);
  assert.equal(m('examples/old/compose.yaml'), true);
  assert.equal(m('examples/mid/compose.yaml'), false);
  assert.equal(globMatcher(['**/compose.yaml'])('compose.yaml'), true, '**/ matches no folder too');
  assert.equal(globMatcher([])('x'), false);
});

test('an address on an external network is checked against the file that defines it: MV402 outside, MV403 on its gateway or aux; unknown externals say nothing', () => {
  const home = { file: 'home/compose.yaml', project: 'home', text: compose(undefined, '192.0.2.0/24', 'eth0').replace('gateway: 192.0.2.1 }', 'gateway: 192.0.2.1, aux_addresses: { nas: 192.0.2.5 } }') };
  const user = (addr: string, ext = 'home_lan') => ({
    file: 'tools/compose.yaml',
    project: 'tools',
    text: ['services:', '  probe:', '    image: busybox', '    networks:', `      shared: { ipv4_address: ${addr} }`, 'networks:', '  shared:', '    external: true', `    name: ${ext}`, ''].join('\n'),
  });
  const run = (addr: string, ext?: string) => checkFiles([home, user(addr, ext)])[1].result.findings;
  const out = run('198.51.100.7');
  assert.deepEqual(out.map((f) => f.code), ['MV402']);
  assert.match(out[0].message, /^ipv4_address 198\.51\.100\.7 of container probe is outside subnet 192\.0\.2\.0\/24 of network home_lan \(defined as lan in home\/compose\.yaml\)/);
  assert.equal(out[0].related[0].file, 'home/compose.yaml');
  assert.deepEqual(run('192.0.2.1').map((f) => [f.code, f.message.includes('the gateway of network home_lan')]), [['MV403', true]]);
  assert.deepEqual(run('192.0.2.5').map((f) => [f.code, f.message.includes('aux address nas')]), [['MV403', true]]);
  assert.deepEqual(run('192.0.2.255').map((f) => f.code), ['MV403']);
  assert.deepEqual(run('192.0.2.77'), [], 'a free address inside the subnet');
  assert.deepEqual(run('198.51.100.7', 'made_by_hand'), [], 'defined by no file: the host\'s own, unknown offline');
});

test('an external network no file defines, against the connected host: missing is MV401 at its key; an address outside its live subnet is MV402', () => {
  const text = ['services:', '  probe:', '    image: busybox', '    networks:', '      shared: { ipv4_address: 198.51.100.7 }', 'networks:', '  shared:', '    external: true', '    name: lan', ''].join('\n');
  const [f] = checkFiles([{ file: 'tools/compose.yaml', project: 'tools', text }]);
  assert.deepEqual(f.result.findings, [], 'offline: the host\'s own network, unknown');
  const live = (name: string, subnet: string) => ({ hosts: { local: { networks: [{ id: 'n', name, driver: 'macvlan', subnets: [subnet], labels: {} }] } } });
  const missing = crossFileFindings([hostFile(f)], live('other', '192.0.2.0/24'))[0];
  assert.deepEqual(missing.map((x) => x.code), ['MV401']);
  assert.equal(text.slice(missing[0].span.start, missing[0].span.end), 'shared');
  assert.match(missing[0].message, /declared as external, but could not be found/);
  const outside = crossFileFindings([hostFile(f)], live('lan', '192.0.2.0/24'))[0];
  assert.deepEqual(outside.map((x) => x.code), ['MV402']);
  assert.match(outside[0].message, /outside 192\.0\.2\.0\/24, the subnet of network lan on the connected host local/);
  assert.deepEqual(crossFileFindings([hostFile(f)], live('lan', '198.51.100.0/24'))[0], [], 'inside the live subnet');
});
