import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../core/service';
import { docAt, slice } from './helpers';

const labels = (items: { label: string }[]): string[] => items.map((i) => i.label);

test('top-level keys leave out the ones already there', () => {
  const { doc, offset } = docAt(['version: 1', 'networks: {}', '¦']);
  assert.deepEqual(labels(complete(doc, offset)), ['name', 'hosts', 'containers']);
});

test('keys of a network in half-typed YAML (the parse fails on this line)', () => {
  const { doc, offset, text } = docAt([
    'version: 1',
    'networks:',
    '  vlan10:',
    '    subnet: 192.0.2.0/24',
    '    gat¦',
    '  other:',
    '    parent: eth1',
  ]);
  assert.ok(doc.result.findings.some((f) => f.code === 'MV000'), 'the text really is broken');
  const items = complete(doc, offset);
  const names = labels(items);
  assert.ok(names.includes('gateway'));
  assert.ok(!names.includes('subnet'), 'subnet is already there');
  assert.ok(!names.includes('image'), 'container keys are not network keys');
  const gw = items.find((i) => i.label === 'gateway')!;
  assert.equal(gw.insertText, 'gateway: ');
  assert.equal(slice(text, gw.replaceSpan), 'gat');
  assert.match(gw.documentation ?? '', /router/);
  const excl = items.find((i) => i.label === 'exclude')!;
  assert.equal(excl.insertText, 'exclude:\n  - ');
  assert.equal(excl.multiline, true);
});

test('keys on an empty line take the mapping from indentation, also below a broken line', () => {
  const { doc, offset } = docAt([
    'version: 1',
    'containers:',
    '  web:',
    '    image: nginx',
    '    networks:',
    '      vlan10:',
    '        ipv4_address: 192.0.2.10',
    '        ¦',
    '  db: [',
  ]);
  assert.deepEqual(labels(complete(doc, offset)), ['ipv6_address', 'mac_address']);
});

test('a key typed before an existing colon is inserted alone', () => {
  const { doc, offset } = docAt(['version: 1', 'networks:', '  n:', '    sub¦: 192.0.2.0/24']);
  const item = complete(doc, offset).find((i) => i.label === 'subnet');
  assert.equal(item?.insertText, 'subnet');
});

test('keys inside a flow mapping', () => {
  const { doc, offset, text } = docAt(['version: 1', 'hosts:', '  lab1:', '    docker: tcp://lab1.example:2376', '    tls: { ca: certs/ca.pem, c¦ }']);
  const items = complete(doc, offset);
  assert.deepEqual(labels(items), ['cert', 'key']);
  assert.equal(slice(text, items[0].replaceSpan), 'c');
});

test('enum values with their descriptions; modes only of the network driver', () => {
  const driver = docAt(['version: 1', 'networks:', '  n:', '    driver: ¦']);
  const d = complete(driver.doc, driver.offset);
  assert.deepEqual(labels(d), ['macvlan', 'ipvlan']);
  assert.ok(d.every((i) => i.kind === 'value' && (i.documentation ?? '') !== ''));
  const mode = docAt(['version: 1', 'networks:', '  n:', '    driver: ipvlan', '    mode: l¦']);
  const m = complete(mode.doc, mode.offset);
  assert.deepEqual(labels(m), ['l2', 'l3', 'l3s']);
  assert.equal(slice(mode.text, m[0].replaceSpan), 'l');
  const flag = docAt(['version: 1', 'networks:', '  n: { driver: ipvlan, ipvlan_flag: ¦ }']);
  assert.deepEqual(labels(complete(flag.doc, flag.offset)), ['bridge', 'private', 'vepa']);
  const internal = docAt(['version: 1', 'networks:', '  n:', '    internal: ¦']);
  assert.deepEqual(labels(complete(internal.doc, internal.offset)), ['true', 'false']);
});

const twoNets = [
  'version: 1',
  'networks:',
  '  vlan10:',
  '    parent: eth0',
  '    vlan: 10',
  '    subnet: 192.0.2.0/24',
  '  vlan20:',
  '    parent: eth0',
  '    vlan: 20',
  '    subnet: 198.51.100.0/24',
  '  spare:',
  '    internal: true',
];

test('network names under a container\'s networks, without those already attached', () => {
  const block = docAt([...twoNets, 'containers:', '  web:', '    image: nginx', '    networks:', '      vlan10: {}', '      ¦']);
  const items = complete(block.doc, block.offset);
  assert.deepEqual(labels(items), ['vlan20', 'spare']);
  assert.equal(items[0].kind, 'network');
  assert.equal(items[0].insertText, 'vlan20:');
  assert.match(items[0].detail ?? '', /198\.51\.100\.0\/24 on eth0\.20/);
  const flow = docAt([...twoNets, 'containers:', '  web:', '    image: nginx', '    networks: { vlan20: {}, ¦ }']);
  const f = complete(flow.doc, flow.offset);
  assert.deepEqual(labels(f), ['vlan10', 'spare']);
  assert.equal(f[0].insertText, 'vlan10: {}');
});

const hosts = ['version: 1', 'hosts:', '  lab1: { docker: ssh://ops@lab1.example }', '  lab2: { context: lab2 }', '  lab3: {}'];

test('host names for a container host, a network hosts list and ip_range keys', () => {
  const c = docAt([...hosts, 'containers:', '  web:', '    image: nginx', '    host: ¦']);
  const ci = complete(c.doc, c.offset);
  assert.deepEqual(labels(ci), ['lab1', 'lab2', 'lab3']);
  assert.equal(ci[0].kind, 'host');
  assert.equal(ci[0].detail, 'ssh://ops@lab1.example');

  const flow = docAt([...hosts, 'networks:', '  n:', '    hosts: [lab1, ¦, lab3]']);
  assert.deepEqual(labels(complete(flow.doc, flow.offset)), ['lab2']);

  const block = docAt([...hosts, 'networks:', '  n:', '    hosts:', '      - lab2', '      - ¦']);
  assert.deepEqual(labels(complete(block.doc, block.offset)), ['lab1', 'lab3']);

  const ranges = docAt([...hosts, 'networks:', '  n:', '    subnet: 192.0.2.0/24', '    hosts: [lab1, lab2]', '    ip_range:', '      lab1: 192.0.2.128/26', '      ¦']);
  const r = complete(ranges.doc, ranges.offset);
  assert.deepEqual(labels(r), ['lab2']);
  assert.equal(r[0].insertText, 'lab2: ');
});

test('ipv4_address: the next free address, past gateway, aux, excluded, used and pool addresses', () => {
  const { doc, offset, text } = docAt([
    'version: 1',
    'networks:',
    '  lan:',
    '    parent: eth0',
    '    subnet: 192.0.2.0/24',
    '    gateway: 192.0.2.1',
    '    ip_range: 192.0.2.0/28',
    '    aux_addresses: { sw: 192.0.2.16 }',
    '    exclude: [192.0.2.17-192.0.2.19, 192.0.2.21]',
    'containers:',
    '  db:',
    '    image: postgres',
    '    networks: { lan: { ipv4_address: 192.0.2.20 } }',
    '  web:',
    '    image: nginx',
    '    networks:',
    '      lan:',
    '        ipv4_address: 192.0¦',
  ]);
  const items = complete(doc, offset);
  assert.equal(items.length, 1);
  assert.equal(items[0].label, '192.0.2.22');
  assert.equal(items[0].kind, 'computed');
  assert.equal(slice(text, items[0].replaceSpan), '192.0');
  assert.match(items[0].detail ?? '', /next free address in lan/);
});

test('ipv4_address skips addresses of other networks on the same segment; ipv6_address too', () => {
  const { doc, offset } = docAt([
    'version: 1',
    'networks:',
    '  a: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1, ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" } }',
    '  b: { parent: eth0, vlan: 10, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }',
    'containers:',
    '  x: { image: i, networks: { b: { ipv4_address: 192.0.2.2 } } }',
    '  y: { image: i, networks: { a: { ipv6_address: "2001:db8:10::2" } } }',
    '  web:',
    '    image: nginx',
    '    networks:',
    '      a:',
    '        ipv4_address: ¦',
  ]);
  assert.deepEqual(labels(complete(doc, offset)), ['192.0.2.3']);
  const v6 = docAt([...doc.text.split('\n'), '        ipv6_address: "¦"']);
  const items = complete(v6.doc, v6.offset);
  assert.deepEqual(labels(items), ['2001:db8:10::3']);
  assert.equal(items[0].insertText, '2001:db8:10::3', 'inside quotes the raw text goes in');
});

test('subnet: the next free block of the siblings\' prefix, avoiding every other network', () => {
  const { doc, offset } = docAt([
    'version: 1',
    'networks:',
    '  a: { parent: eth0.10, subnet: 192.168.10.0/24 }',
    '  b: { parent: eth0.11, subnet: 192.168.11.0/24 }',
    '  c: { parent: eth0.12, subnet: 192.168.12.0/23 }',
    '  d: { parent: eth0.13, subnet: 10.1.0.0/16 }',
    '  new:',
    '    parent: eth0.14',
    '    subnet: ¦',
  ]);
  const items = complete(doc, offset);
  assert.deepEqual(labels(items), ['192.168.14.0/24']);
  assert.equal(items[0].kind, 'computed');
});

test('subnet: a /24 in 192.168.0.0/16 without siblings; networks the host already has are avoided', () => {
  const observed = { hosts: { local: { networks: [{ id: '1', name: 'lan', driver: 'macvlan', subnets: ['192.168.0.0/23'], labels: {} }] } } };
  const { doc, offset } = docAt(['version: 1', 'networks:', '  new:', '    subnet: ¦'], { observed });
  assert.deepEqual(labels(complete(doc, offset)), ['192.168.2.0/24']);
});

test('subnet: the same segment on another host suggests its subnet first', () => {
  const { doc, offset } = docAt([
    ...hosts,
    'networks:',
    '  a: { parent: eth0.10, subnet: 192.168.10.0/24, hosts: [lab1] }',
    '  b:',
    '    hosts: [lab2]',
    '    parent: eth0',
    '    vlan: 10',
    '    subnet: ¦',
  ]);
  assert.deepEqual(labels(complete(doc, offset)), ['192.168.10.0/24', '192.168.11.0/24']);
});

test('gateway: the first usable address, then the last', () => {
  const { doc, offset } = docAt(['version: 1', 'networks:', '  n:', '    subnet: 192.0.2.0/25', '    gateway: ¦']);
  assert.deepEqual(labels(complete(doc, offset)), ['192.0.2.1', '192.0.2.126']);
  const v6 = docAt(['version: 1', 'networks:', '  n:', '    ipv6: { subnet: "2001:db8::/64", gateway: ¦ }']);
  assert.deepEqual(labels(complete(v6.doc, v6.offset)), ['2001:db8::1', '2001:db8::ffff:ffff:ffff:ffff']);
});

test('vlan: the lowest id no network on the same parent uses', () => {
  const { doc, offset } = docAt([
    'version: 1',
    'networks:',
    '  a: { parent: eth0.1 }',
    '  b: { parent: eth0, vlan: 2 }',
    '  c: { parent: eth0.4 }',
    '  d: { parent: eth1.3 }',
    '  new:',
    '    parent: eth0',
    '    vlan: ¦',
  ]);
  const items = complete(doc, offset);
  assert.deepEqual(labels(items), ['3']);
  assert.equal(items[0].insertText, '3');
  assert.match(items[0].documentation ?? '', /1, 2, 4/);
});

test('right after "key:" the value gets a space; a space trigger elsewhere offers nothing', () => {
  const { doc, offset } = docAt(['version: 1', 'networks:', '  n:', '    subnet: 192.0.2.0/24', '    gateway:¦']);
  const items = complete(doc, offset, { triggerCharacter: ':' });
  assert.equal(items[0].insertText, ' 192.0.2.1');
  const comment = docAt(['version: 1', '# a comment with words ¦']);
  assert.deepEqual(complete(comment.doc, comment.offset, { triggerCharacter: ' ' }), []);
  assert.deepEqual(complete(comment.doc, comment.offset), [], 'nothing inside a comment');
});

test('a new network snippet carries the next free subnet and its gateway', () => {
  const { doc, offset } = docAt(['version: 1', 'networks:', '  a: { parent: eth0, subnet: 192.168.1.0/24 }', '  ¦']);
  const items = complete(doc, offset);
  assert.equal(items.length, 1);
  assert.equal(items[0].kind, 'snippet');
  assert.match(items[0].insertText, /subnet: \$\{4:192\.168\.2\.0\/24\}/);
  assert.match(items[0].insertText, /gateway: \$\{5:192\.168\.2\.1\}/);
});

test('CRLF line ends, compact lists and quoted keys read the same as plain YAML', () => {
  const crlf = docAt(['version: 1', 'networks:', '  "n":', '    subnet: 192.0.2.0/24', '    ¦'].map((l) => `${l}\r`).map((l, i, a) => (i === a.length - 1 ? l.slice(0, -1) : l)));
  assert.ok(crlf.doc.text.includes('\r\n'));
  const items = labels(complete(crlf.doc, crlf.offset));
  assert.ok(items.includes('gateway') && !items.includes('subnet'));

  const compact = docAt([...hosts, 'networks:', '  n:', '    hosts:', '    - lab3', '    - ¦']);
  assert.deepEqual(labels(complete(compact.doc, compact.offset)), ['lab1', 'lab2']);
});

test('no completion for keys of free-form maps, nor past a typed value with spaces', () => {
  const labelsMap = docAt(['version: 1', 'networks:', '  n:', '    labels:', '      ¦']);
  assert.deepEqual(complete(labelsMap.doc, labelsMap.offset), []);
  const words = docAt(['version: 1', 'networks:', '  n:', '    two words¦']);
  assert.deepEqual(complete(words.doc, words.offset), []);
});
