import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../../core/check';
import { buildAddressMap } from '../../../core/map/model';
import { renderHtml } from '../../../core/map/page';
import { LAYOUT, renderSvg } from '../../../core/map/svg';
import type { AddressMap } from '../../../core/map/types';

interface Node {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** A strict little XML reader for what the renderer writes: fails on unbalanced or stray markup. */
function parseXml(xml: string): Node {
  const root: Node = { tag: '#root', attrs: {}, text: '', children: [] };
  const stack = [root];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(xml))) {
    pos = re.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += unescape(m[5]);
      continue;
    }
    if (m[1]) {
      assert.equal(top.tag, m[2], `</${m[2]}> closes <${top.tag}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = unescape(a[2]);
    const node: Node = { tag: m[2], attrs, text: '', children: [] };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  assert.equal(pos, xml.length, `unparsed markup at ${pos}: ${xml.slice(pos, pos + 60)}`);
  assert.equal(stack.length, 1, 'every element is closed');
  return root;
}

function all(n: Node, pred: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (pred(n)) out.push(n);
  for (const c of n.children) all(c, pred, out);
  return out;
}

const titleOf = (n: Node) => n.children.find((c) => c.tag === 'title')?.text;

const seed = readFileSync(join(__dirname, '../../../examples/seed.macvlan.yaml'), 'utf8');
const check = checkText(seed);
const map = buildAddressMap(check.facts, check.findings);

test('SVG: one rect per map element, its data attributes and hover title from the spec, its offsets pointing at the value', () => {
  const svg = renderSvg(map, { embedStyle: true });
  const doc = parseXml(svg);
  const root = doc.children[0];
  assert.equal(root.tag, 'svg');
  assert.equal(root.attrs.xmlns, 'http://www.w3.org/2000/svg');
  assert.match(root.attrs.class, /mv-standalone/);
  assert.equal(root.children[0].tag, 'style', 'a standalone file carries its stylesheet');
  const rects = all(root, (n) => n.tag === 'rect' && n.attrs['data-role'] !== undefined);
  const elements = map.networks.flatMap((n) => n.bars.flatMap((b) => b.elements.map((e) => ({ net: n.name, family: b.family, e }))));
  assert.equal(rects.length, elements.length);
  rects.forEach((r, i) => {
    const { net, family, e } = elements[i];
    assert.equal(r.attrs['data-role'], e.role);
    assert.equal(r.attrs['data-net'], net);
    assert.equal(r.attrs['data-family'], String(family));
    assert.equal(r.attrs['data-first'], e.first);
    assert.equal(r.attrs['data-last'], e.last);
    if (e.span) assert.equal(seed.slice(Number(r.attrs['data-offset']), Number(r.attrs['data-end'])), seed.slice(e.span.start, e.span.end));
  });
  const byFirst = (role: string, first: string) => rects.find((r) => r.attrs['data-role'] === role && r.attrs['data-first'] === first)!;
  const gw = byFirst('gateway', '198.51.100.1');
  assert.equal(titleOf(gw), 'gateway: 198.51.100.1');
  assert.equal(seed.slice(Number(gw.attrs['data-offset']), Number(gw.attrs['data-end'])), '198.51.100.1');
  const db = byFirst('static', '198.51.100.10');
  assert.equal(titleOf(db), 'container db (ipv4_address): 198.51.100.10');
  const ex = byFirst('exclude', '198.51.100.100');
  assert.equal(titleOf(ex), "exclude (outside Docker's view): 198.51.100.100 – 198.51.100.119 (20 addresses)");
  // Proportional: the exclude range covers 20/256 of the bar, starting at 100/256.
  const bw = 960 - LAYOUT.GUTTER - LAYOUT.RIGHT;
  assert.ok(Math.abs(Number(ex.attrs.x) - (LAYOUT.GUTTER + (100 / 256) * bw)) < 0.01, ex.attrs.x);
  assert.ok(Math.abs(Number(ex.attrs.width) - (20 / 256) * bw) < 0.01, ex.attrs.width);
});

test('SVG: points in a /64 get a minimum width and are set side by side; the large free run is labelled', () => {
  const doc = parseXml(renderSvg(map));
  const v6 = all(doc, (n) => n.tag === 'g' && n.attrs.class === 'mv-bar' && n.attrs['data-family'] === '6')[0];
  const points = all(v6, (n) => n.tag === 'rect' && n.attrs['data-count'] === '1');
  assert.deepEqual(points.map((p) => p.attrs['data-role']), ['network', 'gateway', 'static']);
  let end = 0;
  for (const p of points) {
    assert.ok(Number(p.attrs.width) >= LAYOUT.POINT_MIN, `${p.attrs['data-first']} is at least ${LAYOUT.POINT_MIN} wide`);
    assert.ok(Number(p.attrs.x) >= end - 0.01, `${p.attrs['data-first']} does not cover the point before it`);
    end = Number(p.attrs.x) + Number(p.attrs.width);
  }
  const labels = all(v6, (n) => n.tag === 'text').map((t) => t.text);
  assert.ok(labels.includes('free 1.8e19'), JSON.stringify(labels));
  assert.ok(labels.some((l) => l === 'IPv6 2001:db8:20::/64 · 2^64 − 1 usable · 2^64 − 3 free'), JSON.stringify(labels));
  assert.ok(labels.includes('2001:db8:20:0:ffff:ffff:ffff:ffff'), 'the last address under the bar');
  assert.equal(all(doc, (n) => n.tag === 'style').length, 0, 'without embedStyle the page styles it');
});

test('SVG: overlaps carry the severity class of their finding; names are escaped', () => {
  const text = `version: 1
networks:
  "a&b<c":
    parent: eth0
    subnet: 192.0.2.0/24
  lab:
    parent: eth1
    subnet: 192.0.2.128/25
`;
  const r = checkText(text);
  const m: AddressMap = buildAddressMap(r.facts, r.findings);
  const svg = renderSvg(m);
  assert.ok(svg.includes('data-net="a&amp;b&lt;c"'));
  const doc = parseXml(svg);
  const overlaps = all(doc, (n) => n.attrs['data-role'] === 'overlap');
  assert.equal(overlaps.length, 2);
  for (const o of overlaps) assert.match(o.attrs.class, /\bmv-overlap\b.*\bmv-sev-error\b/);
  assert.equal(titleOf(overlaps[0]), 'subnet 192.0.2.128/25 of network lab lies here: 192.0.2.128 – 192.0.2.255 (128 addresses) — MV201 (error)');
  const legend = all(doc, (n) => n.attrs['data-legend'] !== undefined).map((n) => n.attrs['data-legend']);
  assert.ok(legend.includes('overlap-error'), JSON.stringify(legend));
});

test('HTML: a standalone page switches with prefers-color-scheme; the webview variant carries CSP and nonces', () => {
  const page = renderHtml(map);
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<body class="mv-standalone">/);
  assert.match(page, /prefers-color-scheme: dark/);
  assert.doesNotMatch(page, /<script/);
  assert.equal((page.match(/<section class="mv-section"/g) ?? []).length, 2, 'one section per network');
  const csp = "default-src 'none'; style-src 'nonce-abc'; script-src 'nonce-abc'";
  const web = renderHtml(map, { csp, nonce: 'abc', script: 'void 0;' });
  assert.ok(web.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
  assert.match(web, /<style nonce="abc">/);
  assert.match(web, /<script nonce="abc">void 0;<\/script>/);
  assert.doesNotMatch(web, /mv-standalone"/);
  assert.doesNotMatch(web, /\sstyle="/, 'no inline style attributes (the CSP would block them)');
  assert.doesNotMatch(web, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'no remote content');
});
