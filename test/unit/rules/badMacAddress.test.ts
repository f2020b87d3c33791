import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const spec = (macA: string, macB = '"02:00:00:00:00:0b"', driverB = 'macvlan'): string => `
  version: 1
  networks:
    mv: { parent: eth0.10, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    iv: { driver: ${driverB}, parent: eth0.20, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }
  containers:
    a:
      image: nginx:alpine
      networks:
        mv: { ipv4_address: 192.0.2.10, mac_address: ${macA} }
    b:
      image: nginx:alpine
      networks:
        iv: { ipv4_address: 198.51.100.10, mac_address: ${macB} }
`;

test('MV406 fires on a malformed MAC and says what is wrong', () => {
  const r = check(spec('"02:00:c0:a8:0a"'));
  const [f, ...rest] = r.of('MV406');
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(r.textAt(f), '"02:00:c0:a8:0a"');
  assert.deepEqual(f.path, ['containers', 'a', 'networks', 'mv', 'mac_address']);
  assert.match(f.message, /it has 5 parts, not 6/);
  assert.equal(f.data, undefined);
  assert.match(check(spec('"02:00:c0:a8:0a:zz"')).of('MV406')[0].message, /'z' is not a hex digit/);
});

test("'-' and dotted spellings are accepted (Docker's net.ParseMAC takes them): one info finding offers the ':' form", () => {
  const r = check(spec('00-A1-31-BA-BE-FF'));
  const [f] = r.of('MV406');
  assert.equal(r.textAt(f), '00-A1-31-BA-BE-FF');
  assert.equal(f.severity, 'info');
  assert.equal(f.message, 'mac_address 00-A1-31-BA-BE-FF of container a is a spelling Docker accepts; 00:a1:31:ba:be:ff is the usual one (and what docker inspect shows)');
  assert.deepEqual(f.data, { fix: 'replaceValue', value: '00:a1:31:ba:be:ff', title: 'Change to 00:a1:31:ba:be:ff' });
  assert.deepEqual(r.of('MV406').filter((x) => x.severity === 'error'), []);
  // The value is still checked: a dashed multicast address is an error.
  assert.deepEqual(check(spec('"01-00-5E-00-00-01"')).of('MV406').map((x) => x.severity).sort(), ['error', 'info']);
  const d = check(spec('"0200.c0a8.0a0a"')).of('MV406')[0];
  assert.deepEqual(d.data, { fix: 'replaceValue', value: '02:00:c0:a8:0a:0a', title: 'Change to 02:00:c0:a8:0a:0a' });
});

test('MV406 fires on multicast and all-zero addresses', () => {
  const m = check(spec('"01:00:5e:00:00:01"'));
  const [f] = m.of('MV406');
  assert.equal(m.textAt(f), '"01:00:5e:00:00:01"');
  assert.match(f.message, /multicast/);
  assert.match(f.message, /00:00:5e:00:00:01/);
  assert.match(check(spec('"ff:ff:ff:ff:ff:ff"')).of('MV406')[0].message, /multicast/);
  assert.match(check(spec('"00:00:00:00:00:00"')).of('MV406')[0].message, /all-zero/);
});

test('MV406 fires on a duplicate MAC across networks and segments, ignoring case, related to the first', () => {
  const r = check(spec('"02:00:00:00:00:AB"', '"02:00:00:00:00:ab"'));
  const [f, ...rest] = r.of('MV406');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '"02:00:00:00:00:ab"');
  assert.deepEqual(f.path, ['containers', 'b', 'networks', 'iv', 'mac_address']);
  assert.equal(r.textAt(f.related[0]), '"02:00:00:00:00:AB"');
  assert.deepEqual(f.related[0].path, ['containers', 'a', 'networks', 'mv', 'mac_address']);
  assert.match(f.message, /already used by container a on network mv \(line 9\)/);
});

test('MV406 fires on any mac_address on an ipvlan network, with a removeKey hint', () => {
  const r = check(spec('"02:00:00:00:00:0a"', '"02:00:00:00:00:0b"', 'ipvlan'));
  const [f, ...rest] = r.of('MV406');
  assert.equal(rest.length, 0);
  assert.equal(r.textAt(f), '"02:00:00:00:00:0b"');
  assert.match(f.message, /ipvlan/);
  assert.deepEqual(f.data, { fix: 'removeKey' });
});

test('MV406 near misses: upper or mixed case, a universally administered unicast MAC, distinct MACs', () => {
  assert.deepEqual(check(spec('"02:AA:bb:CC:dd:EE"')).of('MV406'), []);
  assert.deepEqual(check(spec('"00:11:22:33:44:55"')).of('MV406'), []);
  assert.deepEqual(check(spec('"02:00:00:00:00:0a"', '"02:00:00:00:00:0b"')).of('MV406'), []);
});

function bigSpec(n: number, duplicateOf?: number): string {
  const lines = ['version: 1', 'networks:', '  big: { parent: eth0, subnet: 10.0.0.0/8, gateway: 10.0.0.1 }', 'containers:'];
  const mac = (i: number): string => `"02:00:00:${[(i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}"`;
  const addr = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  for (let i = 0; i < n; i++) lines.push(`  c${i}: { image: x, networks: { big: { ipv4_address: ${addr(i + 256)}, mac_address: ${mac(i)} } } }`);
  if (duplicateOf !== undefined) lines.push(`  dup: { image: x, networks: { big: { ipv4_address: 10.200.0.1, mac_address: ${mac(duplicateOf)} } } }`);
  return lines.join('\n');
}

test('MV406 scale: 40,000 unique MACs give no finding, one duplicate gives exactly one', () => {
  assert.equal(check(bigSpec(40_000)).of('MV406').length, 0);
  const found = check(bigSpec(40_000, 31_000)).of('MV406');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0].path, ['containers', 'dup', 'networks', 'big', 'mac_address']);
  assert.deepEqual(found[0].related[0].path, ['containers', 'c31000', 'networks', 'big', 'mac_address']);
});
