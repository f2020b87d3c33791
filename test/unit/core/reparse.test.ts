import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { seededRandom } from './seededRandom';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseSpec, type ParsedSpec } from '../../../core/spec/parse';
import { reparse, type TextChange } from '../../../core/spec/reparse';
import { SpecDocuments } from '../../../core/service/document';
import { LineIndex } from '../../../core/text/positions';
import { generateSpec } from '../../../bench/generate';
import { checkParsed } from '../../../core/check';

/**
 * reparse() updates one entry of the previous parse in place; after any chain of edits the
 * result must equal a fresh parse of the new text: model (with every span), nodes with their
 * ranges, and the value the schema check reads.
 */
function dump(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  const n = node as Node;
  if (isScalar(n)) return [n.value, n.type, n.range];
  if (isMap(n)) return { map: n.items.map((p) => [dump(p.key), dump(p.value)]), range: n.range };
  if (isSeq(n)) return { seq: n.items.map(dump), range: n.range };
  return String(n);
}

function same(a: ParsedSpec, b: ParsedSpec, what: string): void {
  assert.deepEqual(a.model, b.model, `model differs ${what}`);
  assert.deepEqual(dump(a.doc.contents), dump(b.doc.contents), `nodes differ ${what}`);
  assert.deepEqual(a.value, b.value, `value differs ${what}`);
  assert.deepEqual(a.syntax, b.syntax, `syntax findings differ ${what}`);
}


const INSERTS = ['1', '0', '.', ' ', 'x', ':', '\n', '\n    ', '#', '- ', '"', 'eth1', '/24', '\n    mtu: 1500', '\n  extra:\n    parent: eth0'];

test('reparse: chains of random edits equal a fresh parse (seeded)', () => {
  // With and without a comment at the end: the last container is re-read alone only without.
  const generated = generateSpec({ networks: 40, containers: 160 }).text;
  const bases = [generated + '# trailing comment\n', generated, generated.trimEnd()];
  let incremental = 0;
  let steps = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const r = seededRandom(seed);
    const base = bases[seed % bases.length];
    let text = base;
    let parsed = parseSpec(text);
    for (let step = 0; step < 25; step++) {
      // A chain that broke the YAML starts again from the clean text, as a user fixes typos.
      if (!parsed.fast || parsed.syntax.length > 0) {
        text = base;
        parsed = parseSpec(text);
      }
      steps++;
      const at = Math.floor(r() * text.length);
      const x = r();
      let next: string;
      let change: TextChange;
      if (x < 0.2) {
        const ins = INSERTS[Math.floor(r() * INSERTS.length)];
        next = text.slice(0, at) + ins + text.slice(at);
        change = { from: at, oldTo: at, newTo: at + ins.length };
      } else if (x < 0.35) {
        const n = Math.min(1 + Math.floor(r() * 3), text.length - at);
        next = text.slice(0, at) + text.slice(at + n);
        change = { from: at, oldTo: at + n, newTo: at };
      } else {
        // Replace a digit, the most common edit in a spec.
        const d = text.slice(at).search(/[0-9]/);
        if (d < 0) continue;
        next = text.slice(0, at + d) + String(Math.floor(r() * 10)) + text.slice(at + d + 1);
        change = { from: at + d, oldTo: at + d + 1, newTo: at + d + 1 };
      }
      const fresh = parseSpec(next);
      // Half the steps say what changed, as an editor does; the others leave it to the comparison.
      const updated = reparse(parsed, next, step % 2 === 0 ? change : undefined);
      if (updated) {
        incremental++;
        same(updated, fresh, `after step ${step} of seed ${seed}`);
        parsed = updated;
      } else parsed = fresh;
      text = next;
    }
  }
  // Most random edits land inside an entry: the incremental path must really be taken.
  assert.ok(incremental > steps / 3, `incremental path taken ${incremental} times of ${steps}`);
});

test('reparse: findings after an incremental edit equal those of a fresh check', () => {
  const text = generateSpec({ networks: 60, containers: 240 }).text;
  const parsed = parseSpec(text);
  // Put a container on its network's gateway address: a new MV finding must appear.
  const m = /ipv4_address: (10\.0\.(\d+)\.)(\d+)/.exec(text.slice(text.indexOf('containers:')))!;
  const at = text.indexOf('containers:') + m.index + m[0].length - m[3].length;
  const next = text.slice(0, at) + '1' + text.slice(at + m[3].length);
  const updated = reparse(parsed, next);
  assert.ok(updated, 'an edit of one address takes the incremental path');
  const a = checkParsed(updated).findings;
  const b = checkParsed(parseSpec(next)).findings;
  assert.deepEqual(a, b);
  assert.ok(a.length > checkParsed(parseSpec(text)).findings.length, 'the edit adds a finding');
});

test('reparse: declines edits it cannot confine to one entry', () => {
  const text = 'version: 1\nnetworks:\n  a:\n    parent: eth0\n    subnet: 192.0.2.0/24\n  b:\n    parent: eth1\n    subnet: 198.51.100.0/24\n  c:\n    parent: eth2\n';
  const p = () => parseSpec(text);
  assert.equal(reparse(p(), text.replace('  b:', '  bb:')), undefined, 'a renamed key');
  assert.equal(reparse(p(), text.replace('version: 1', 'version: 2')), undefined, 'outside networks and containers');
  const lastEdited = text.replace('eth2', 'eth3');
  const last = reparse(p(), lastEdited);
  assert.ok(last, 'the last entry of a section is re-read alone too');
  same(last, parseSpec(lastEdited), 'after an edit of the last entry');
  assert.equal(reparse(p(), `${text}\n`), undefined, 'past the end of the last entry');
  assert.equal(reparse(p(), text.replace('eth0\n', 'eth0\n  x:\n    parent: eth0\n')), undefined, 'a new entry');
  const ok = reparse(p(), text.replace('eth1', 'eth1.10'));
  assert.ok(ok);
  same(ok, parseSpec(text.replace('eth1', 'eth1.10')), 'after a value edit');
});

test('reparse relies on it: no span object is shared between two places of a model', () => {
  const dir = path.join(__dirname, '../../../examples');
  const texts = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
  texts.push(generateSpec({ networks: 40, containers: 160 }).text);
  for (const text of texts) {
    const seen = new Set<object>();
    let spans = 0;
    const walk = (o: unknown): void => {
      if (o === null || typeof o !== 'object') return;
      const r = o as Record<string, unknown>;
      if (typeof r.start === 'number' && typeof r.end === 'number') {
        assert.ok(!seen.has(o), 'a span object appears twice in the model');
        seen.add(o);
        spans++;
        return;
      }
      if (Array.isArray(o)) o.forEach(walk);
      else for (const k in r) if (k !== 'path' && k !== 'text') walk(r[k]);
    };
    walk(parseSpec(text).model);
    assert.ok(spans > 10);
  }
});

test('SpecDocuments: an edit with its change reuses the parse and the line index, and equals a fresh check', () => {
  const docs = new SpecDocuments();
  let text = generateSpec({ networks: 40, containers: 160 }).text;
  const first = docs.get('u', 1, text, {});
  const before = first.result.findings;
  assert.ok(before.length > 0);
  const at = text.indexOf('ipv4_address: 10.0.', text.length / 2) + 'ipv4_address: 10.0.'.length;
  for (let v = 2; v < 8; v++) {
    const ins = v % 2 ? '\n' : '9';
    text = text.slice(0, at) + ins + text.slice(at);
    const doc = docs.get('u', v, text, {}, { fromVersion: v - 1, from: at, oldTo: at, newTo: at + ins.length });
    const fresh = new LineIndex(text);
    assert.equal(doc.lines.lineCount, fresh.lineCount);
    for (let l = 0; l < fresh.lineCount; l += 97) assert.equal(doc.lines.lineStart(l), fresh.lineStart(l));
    assert.deepEqual(doc.result.findings, checkParsed(parseSpec(text)).findings, `version ${v}`);
  }
});

test('SpecDocuments: schema findings after edits in one entry equal a fresh check (kept, moved, re-validated)', () => {
  const docs = new SpecDocuments();
  let text = generateSpec({ networks: 40, containers: 160 }).text;
  void docs.get('u', 1, text, {}).result;
  const containers = text.indexOf('containers:');
  const imageA = text.indexOf('    image:', containers + (text.length - containers) / 2);
  const digitB = text.indexOf('ipv4_address: 10.0.', containers + 200) + 'ipv4_address: 10.0.'.length;
  const steps: { at: number; remove: number; insert: string }[] = [
    { at: imageA + 4, remove: 5, insert: 'imagee' }, // unknown key in container A: MV001
    { at: digitB, remove: 1, insert: '7' }, // an edit before A: A's finding must move
    { at: digitB, remove: 1, insert: '12' }, // longer: moves it further
    { at: imageA + 5, remove: 6, insert: 'image' }, // fixed again (A now starts one later)
  ];
  let v = 1;
  let sawSchema = false;
  for (const st of steps) {
    text = text.slice(0, st.at) + st.insert + text.slice(st.at + st.remove);
    v++;
    const doc = docs.get('u', v, text, {}, { fromVersion: v - 1, from: st.at, oldTo: st.at + st.remove, newTo: st.at + st.insert.length });
    const fresh = checkParsed(parseSpec(text));
    assert.ok(doc.parsed.replaced, `version ${v} is read incrementally`);
    assert.deepEqual(doc.result.findings, fresh.findings, `version ${v}`);
    sawSchema ||= fresh.findings.some((f) => f.code === 'MV001' && text.slice(f.span.start, f.span.end) === 'imagee');
  }
  assert.ok(sawSchema, 'the unknown key was reported');
});

test('reparse: edits in the last entry of a section (before another section, at the end of the text) equal a fresh parse', () => {
  const generated = generateSpec({ networks: 40, containers: 160 }).text;
  let incremental = 0;
  for (const base of [generated, generated.trimEnd()]) {
    for (const region of ['networks', 'containers'] as const) {
      const r = seededRandom(region.length);
      let text = base;
      let parsed = parseSpec(text);
      for (let step = 0; step < 40; step++) {
        if (!parsed.fast || parsed.syntax.length > 0) {
          text = base;
          parsed = parseSpec(text);
        }
        // The last entry of the region: from its key line to the next top-level key or the end.
        const m = parseSpec(text).model;
        const list = region === 'networks' ? m.networks : m.containers;
        if (list.length === 0) break;
        const from = list[list.length - 1].keySpan.start;
        const secEnd = region === 'networks' ? text.indexOf('\ncontainers:') : text.length;
        const at = from + Math.floor(r() * Math.max(1, secEnd - from - 1));
        const ins = ['1', 'x', ' ', '\n    mtu: 1500', ''][Math.floor(r() * 5)];
        const cut = ins === '' ? 1 : 0;
        const next = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + cut));
        const fresh = parseSpec(next);
        const updated = reparse(parsed, next);
        if (updated) {
          incremental++;
          same(updated, fresh, `${region} step ${step}`);
          parsed = updated;
        } else parsed = fresh;
        text = next;
      }
    }
  }
  assert.ok(incremental > 40, `incremental path taken ${incremental} times of 160`);
});
