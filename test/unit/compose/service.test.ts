// Hover and completion in compose files: address math at compose paths, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkCompose } from '../../../core/compose/check';
import { valueFixActions } from '../../../core/service/valueFixActions';
import { composeCompletion } from '../../../core/compose/completion';
import { composeHover } from '../../../core/compose/hover';
import { withNeighbours } from '../../../core/workspace/neighbours';

const TEXT = [
  'services:',
  '  web:',
  '    image: nginx:alpine',
  '    container_name: web1',
  '    ports: ["80:80"]',
  '    networks:',
  '      lan:',
  '        ipv4_address: 192.0.2.5',
  '      front: {}',
  '  db:',
  '    image: postgres',
  '    networks:',
  '      lan:',
  '        ipv4_address: ',
  'networks:',
  '  lan:',
  '    driver: macvlan',
  '    driver_opts:',
  '      parent: eth0.10',
  '    ipam:',
  '      config:',
  '        - subnet: 192.0.2.0/24',
  '          gateway: 192.0.2.1',
  '          ip_range: 192.0.2.128/25',
  '          aux_addresses:',
  '            nas: 192.0.2.5',
  '  front:',
  '    ipam:',
  '      config:',
  '        - subnet: 198.51.100.0/24',
  '',
].join('\n');

const check = checkCompose(TEXT, { project: 'home' });
const at = (needle: string, delta = 1, from = 0) => TEXT.indexOf(needle, from) + delta;
const hover = (needle: string, delta = 1, from = 0) => composeHover(check, at(needle, delta, from))?.markdown;

test('hover: a service address that is an aux address says so, with its network and pool', () => {
  const h = hover('192.0.2.5');
  assert.ok(h, 'a hover');
  assert.match(h, /aux address `nas`/);
  assert.match(h, /In `lan` \(`192\.0\.2\.0\/24` on `eth0\.10`\)/);
  assert.match(h, /outside the dynamic pool/);
});

test('hover: the gateway, the subnet\'s arithmetic, the pool, the parent\'s VLAN', () => {
  assert.match(hover('192.0.2.1\n') ?? '', /the gateway of `lan`/);
  assert.match(hover('192.0.2.0/24') ?? '', /usable addresses: 254 of 256/);
  assert.match(hover('192.0.2.128/25') ?? '', /128/);
  assert.match(hover('eth0.10') ?? '', /VLAN 10/);
  assert.match(composeHover(check, at('  lan:\n    driver', 3))?.markdown ?? '', /lan/, 'the network key');
  assert.match(composeHover(check, at('  web:', 3))?.markdown ?? '', /web1/, 'the service key names the container');
});

test('hover: nothing where Docker\'s tools speak — image, ports, driver, a bridge network\'s subnet, a service on no macvlan network', () => {
  assert.equal(hover('nginx:alpine'), undefined);
  assert.equal(hover('"80:80"'), undefined);
  assert.equal(hover('macvlan'), undefined);
  assert.equal(hover('198.51.100.0/24'), undefined);
  assert.equal(composeHover(check, at('  front:\n    ipam', 3)), undefined);
  assert.equal(composeHover(check, at('    image: nginx', 6)), undefined, 'a key Docker documents');
});

test('completion: the next free address for a service skips the gateway, aux, the other service and the pool', () => {
  const items = composeCompletion(check, at('ipv4_address: \n', 'ipv4_address: '.length));
  assert.deepEqual(items.map((i) => i.label), ['192.0.2.2']);
  assert.equal(items[0].kind, 'computed');
  assert.match(items[0].detail ?? '', /next free address in lan/);
});

test('completion: the gateway of an ipam entry, a free subnet; nothing on other keys or for a bridge network', () => {
  const gw = TEXT.replace('gateway: 192.0.2.1', 'gateway: ');
  const c1 = checkCompose(gw, { project: 'home' });
  const items = composeCompletion(c1, gw.indexOf('gateway: ') + 'gateway: '.length);
  assert.deepEqual(items.map((i) => i.label), ['192.0.2.1', '192.0.2.254']);
  const sub = composeCompletion(check, at('192.0.2.0/24', 0), {}, { hosts: { local: { networks: [{ id: 'x', name: 'other (b/compose.yaml)', driver: 'macvlan', subnets: ['192.168.0.0/24'], labels: {} }] } } });
  assert.ok(sub.length > 0);
  assert.ok(sub.every((i) => i.label !== '192.168.0.0/24'), `the host's subnet is not offered: ${sub.map((i) => i.label).join(', ')}`);
  assert.deepEqual(composeCompletion(check, at('198.51.100.0/24', 0)), [], 'a bridge network\'s subnet');
  assert.deepEqual(composeCompletion(check, at('nginx:alpine', 0)), [], 'image');
  assert.deepEqual(composeCompletion(check, at('    image: postgres', 4)), [], 'a key');
});

test('completion of a subnet steers clear of the file\'s own bridge networks (through withNeighbours)', () => {
  const text = TEXT.replace('198.51.100.0/24', '192.168.0.0/24');
  const c = checkCompose(text, { project: 'home' });
  const observed = withNeighbours([{ file: 'home/compose.yaml', facts: c.facts, compose: c.compose }], 0, undefined);
  const sub = composeCompletion(c, text.indexOf('192.0.2.0/24'), {}, observed);
  assert.deepEqual(sub.map((i) => i.label), ['192.168.1.0/24']);
  assert.deepEqual(composeCompletion(c, text.indexOf('192.0.2.0/24')).map((i) => i.label), ['192.168.0.0/24'], 'without it, the bridge network\'s block would be offered');
});

test('hover, completion and quick fixes answer at every place of the 50 compose files of the differential corpus, inside the text, without throwing', () => {
  const root = path.join(__dirname, '../../engine/compose-corpus');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(n)) files.push(p);
    }
  };
  walk(root);
  assert.ok(files.length >= 50, `${files.length} files`);
  let hovers = 0;
  let items = 0;
  let fixes = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const c = checkCompose(text, { project: 'p' });
    const inside = (s: { start: number; end: number }, what: string) => assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what} in ${f}: ${JSON.stringify(s)}`);
    for (let o = 0; o <= text.length; o += 3) {
      const h = composeHover(c, o);
      if (h) {
        hovers++;
        inside(h.span, 'hover');
      }
      for (const i of composeCompletion(c, o)) {
        items++;
        inside(i.replaceSpan, 'completion');
      }
    }
    const refs = c.findings.map((x) => ({ code: x.code, span: x.span, ...(x.data ? { data: x.data } : {}) }));
    for (const a of valueFixActions(c, c.findings, refs)) {
      fixes++;
      for (const e of a.edits) inside(e.span, `fix ${a.title}`);
    }
  }
  assert.ok(hovers > 100 && items > 10 && fixes > 10, `hovers ${hovers}, items ${items}, fixes ${fixes}`);
});
