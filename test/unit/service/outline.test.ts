import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentLinks, documentSymbols, foldingRanges, inlayHints } from '../../../core/service';
import { docOf, slice } from './helpers';

const spec = [
  '# A lab',
  '# with two hosts',
  'version: 1',
  'hosts:',
  '  lab1:',
  '    docker: tcp://lab1.example:2376',
  '    tls: { ca: certs/ca.pem, cert: "certs/cert.pem", key: /etc/macvlan/key.pem }',
  '  lab2: { context: lab2 }',
  'networks:',
  '  vlan10:',
  '    parent: eth0',
  '    vlan: 10',
  '    subnet: 192.0.2.0/24',
  '    ipv6: { subnet: "2001:db8:10::/64" }',
  '  tiny: { parent: eth1, subnet: 198.51.100.0/31 }',
  '  big: { parent: eth2, subnet: 10.0.0.0/8 }',
  'containers:',
  '  web:',
  '    image: nginx',
  '    host: lab1',
  '    networks:',
  '      vlan10:',
  '        ipv4_address: 192.0.2.10',
  '      tiny: {}',
];
const doc = docOf(spec);
const text = doc.text;

test('symbols: sections, then hosts, networks and containers with their attachments', () => {
  const syms = documentSymbols(doc);
  assert.deepEqual(syms.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]), [
    ['hosts', 'section', ['lab1', 'lab2']],
    ['networks', 'section', ['vlan10', 'tiny', 'big']],
    ['containers', 'section', ['web']],
  ]);
  const [hosts, networks, containers] = syms;
  assert.equal(hosts.children[0].detail, 'tcp://lab1.example:2376');
  assert.equal(hosts.children[1].detail, 'context lab2');
  assert.equal(networks.children[0].detail, 'macvlan eth0.10 192.0.2.0/24');
  const web = containers.children[0];
  assert.equal(web.kind, 'container');
  assert.equal(web.detail, 'nginx');
  assert.deepEqual(web.children.map((c) => [c.name, c.kind, c.detail]), [['vlan10', 'attachment', '192.0.2.10'], ['tiny', 'attachment', undefined]]);
  assert.equal(slice(text, web.selectionSpan), 'web');
  assert.ok(slice(text, web.span).startsWith('web:\n    image: nginx'));
  for (const s of syms) assert.ok(s.span.start <= s.selectionSpan.start && s.selectionSpan.end <= s.span.end);
});

test('symbols: a parent that carries a VLAN shows the link Docker makes, not parent + vlan glued together', () => {
  const details = (parent: string, vlan?: number) =>
    documentSymbols(docOf(['version: 1', 'networks:', '  n:', `    parent: ${parent}`, ...(vlan ? [`    vlan: ${vlan}`] : []), '    subnet: 192.0.2.0/24']))[0].children[0].detail;
  assert.equal(details('eth0.30', 40), 'macvlan eth0.30 192.0.2.0/24'); // was "eth0.30.40"; MV302 reports the clash
  assert.equal(details('eth0.30', 30), 'macvlan eth0.30 192.0.2.0/24');
  assert.equal(details('bond0', 40), 'macvlan bond0.40 192.0.2.0/24');
  assert.equal(details('eth0'), 'macvlan eth0 192.0.2.0/24');
});

test('folding: one range per multi-line mapping, and comment runs', () => {
  const ranges = foldingRanges(doc).map((r) => [r.startLine, r.endLine, r.kind ?? '']);
  assert.deepEqual(ranges, [
    [0, 1, 'comment'],
    [3, 7, ''],
    [4, 6, ''],
    [8, 15, ''],
    [9, 13, ''],
    [16, 23, ''],
    [17, 23, ''],
    [20, 23, ''],
    [21, 22, ''],
  ]);
});

test('links: tls files of each host, as written, without quotes', () => {
  const links = documentLinks(doc);
  assert.deepEqual(links.map((l) => [l.target, slice(text, l.span)]), [
    ['certs/ca.pem', 'certs/ca.pem'],
    ['certs/cert.pem', 'certs/cert.pem'],
    ['/etc/macvlan/key.pem', '/etc/macvlan/key.pem'],
  ]);
  assert.equal(links[0].tooltip, 'TLS CA certificate of host lab1');
});

test('inlay hints: usable addresses after each subnet, compact when huge', () => {
  const hints = inlayHints(doc);
  assert.deepEqual(hints.map((h) => h.label), ['254 usable', '~2^64 usable', '0 usable', '~2^24 usable']);
  // Each hint sits right after its value (after the closing quote of a quoted one).
  assert.deepEqual(hints.map((h) => text.slice(h.offset - 3, h.offset)), ['/24', '64"', '/31', '0/8']);
  assert.equal(hints[1].tooltip, '18,446,744,073,709,551,615 usable addresses in 2001:db8:10::/64');
  assert.equal(hints[3].tooltip, '16,777,214 usable addresses in 10.0.0.0/8');
  const first = hints[0].offset;
  assert.deepEqual(inlayHints(doc, { start: 0, end: first - 1 }), [], 'only hints in the asked range');
});
