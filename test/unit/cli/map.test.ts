import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mvs-cli-map-'));
const examples = join(__dirname, '../../../examples');

test('map: SVG to stdout by default, with every network of the spec and its stylesheet', async () => {
  const r = await cli('map', join(examples, 'seed.macvlan.yaml'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="mv-map mv-standalone"/);
  assert.match(r.out, /<style>/);
  assert.deepEqual([...r.out.matchAll(/<g class="mv-net" data-net="([^"]+)"/g)].map((m) => m[1]), ['vlan10', 'vlan20']);
  assert.match(r.out, /data-role="static" data-first="198\.51\.100\.10"/);
  assert.match(r.out, /<title>container web \(ipv6_address\): 2001:db8:20::10<\/title>/);
});

test('map: --format html --output writes a page; a spec with errors is drawn with its overlaps', async () => {
  const out = join(dir, 'mistakes.html');
  const r = await cli('map', join(examples, 'mistakes.macvlan.yaml'), '--format', 'html', '--output', out);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /wrote .*mistakes\.html \(\d+ networks, \d+ address bars\)/);
  const page = readFileSync(out, 'utf8');
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<h1>Address map of mistakes<\/h1>/);
  assert.match(page, /class="mv-el mv-overlap mv-sev-error mv-link"/);
});

test('map: bad usage exits 2 with a message', async () => {
  const bad = await cli('map', join(examples, 'seed.macvlan.yaml'), '--format', 'png');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be svg or html \(got png\)/);
  assert.equal((await cli('map')).code, 2);
  assert.match((await cli('map', join(examples, 'seed.macvlan.yaml'), '--width', '12')).err, /--width must be/);
  const missing = await cli('map', join(dir, 'nope.yaml'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read .*nope\.yaml: no such file/);
  const help = await cli('map', '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /usage: macvlan-spec map FILE \[--format svg\|html\]/);
});
