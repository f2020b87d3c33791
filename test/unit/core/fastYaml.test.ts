import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from './seededRandom';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { fastParse } from '../../../core/spec/fastYaml';
import { LineIndex } from '../../../core/text/positions';
import { generateSpec } from '../../../bench/generate';

/**
 * The fast path must build exactly what the yaml package builds (values, node kinds, scalar
 * styles and ranges), or give up. These tests generate documents in and around its subset and
 * compare the two; the ranges matter because every diagnostic, hover and quick fix uses them.
 */
function dump(node: unknown, blockContext = true): unknown {
  if (node === null || node === undefined) return node;
  const n = node as Node;
  // range[2] of flow items is where the package would let the next flow token start; nothing
  // reads it, and the fast path does not reproduce it.
  const range = blockContext ? n.range : n.range?.slice(0, 2);
  if (isScalar(n)) return { scalar: n.value, type: n.type, range };
  if (isMap(n)) return { map: n.items.map((p) => [dump(p.key, false), dump(p.value, blockContext && !n.flow)]), flow: !!n.flow, range };
  if (isSeq(n)) return { seq: n.items.map((i) => dump(i, blockContext && !n.flow)), flow: !!n.flow, range };
  return { other: String(n) };
}

function hasDuplicateKeys(node: unknown): boolean {
  if (isMap(node)) {
    const keys = node.items.map((p) => String((p.key as { value?: unknown } | null)?.value));
    return new Set(keys).size !== keys.length || node.items.some((p) => hasDuplicateKeys(p.value));
  }
  if (isSeq(node)) return node.items.some(hasDuplicateKeys);
  return false;
}

function slow(text: string) {
  return parseDocument(text, { uniqueKeys: false, strict: true, merge: false, logLevel: 'error' });
}

/** Same result as the package, or undefined; returns whether the fast path answered. */
function agree(text: string): boolean {
  const fast = fastParse(text);
  const ref = slow(text);
  if (!fast) return false;
  assert.equal(ref.errors.length, 0, `fast path accepted a document the package rejects: ${JSON.stringify(text)} → ${ref.errors[0]?.message}`);
  assert.deepEqual(dump(fast.doc.contents), dump(ref.contents), `nodes differ for ${JSON.stringify(text)}`);
  assert.deepEqual(fast.value, ref.toJS(), `values differ for ${JSON.stringify(text)}`);
  // The nodes are the package's classes: its own methods work on them.
  assert.deepEqual(fast.doc.toJS(), fast.value, `toJS() of the fast nodes for ${JSON.stringify(text)}`);
  assert.equal(fast.duplicateKeys, hasDuplicateKeys(ref.contents), `duplicate keys flag for ${JSON.stringify(text)}`);
  const lines = new LineIndex(text);
  assert.deepEqual(fast.lineStarts, Array.from({ length: lines.lineCount }, (_, l) => lines.lineStart(l)), `line starts for ${JSON.stringify(text)}`);
  return true;
}


const SCALARS = ['eth0', 'eth0.10', '192.0.2.0/24', '192.0.2.1', '10', '-1', '0x1F', '0o17', '1.5', '1e3', '.inf', 'true', 'False', 'null', '~', 'app:1.0', 'a b', 'x#y', '"quoted"', "'it''s'", "'a: b'", '"# not a comment"', 'unix:///var/run/docker.sock', '2001:db8::1', '-x', ':x', '1_000', '""', "''"];
const KEYS = ['parent', 'subnet', 'gateway', 'vlan', 'ip_range', 'net0', 'a', 'b', 'web-1', '"quoted key"', "'single'", 'x y', 'labels'];

function generate(r: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const lines: string[] = [];
  const comment = (ind: number) => {
    const x = r();
    if (x < 0.08) lines.push(' '.repeat(Math.floor(r() * (ind + 4))) + '# note');
    else if (x < 0.14) lines.push('');
    else if (x < 0.16) lines.push('   ');
  };
  const scalarValue = (): string => {
    const x = r();
    if (x < 0.1) return '[' + Array.from({ length: Math.floor(r() * 3) }, () => pick(SCALARS.filter((s) => !s.includes(': ')))).join(', ') + ']';
    if (x < 0.18) return '{ ' + Array.from({ length: 1 + Math.floor(r() * 2) }, (_, i) => `k${i}: ${pick(['v', '1', '"q"', 'a.b'])}`).join(', ') + ' }';
    if (x < 0.2) return '{}';
    return pick(SCALARS);
  };
  const tail = () => (r() < 0.1 ? '  # tail' : r() < 0.05 ? '   ' : '');
  const block = (ind: number, depth: number, compactSeqOk: boolean): void => {
    const asSeq = r() < 0.25;
    const count = 1 + Math.floor(r() * 4);
    const usedKeys = new Set<string>();
    for (let i = 0; i < count; i++) {
      comment(ind);
      const pad = ' '.repeat(ind);
      if (asSeq) {
        const x = r();
        if (depth < 4 && x < 0.3) {
          // `- key: value` with more keys under it
          const k1 = pick(KEYS.filter((k) => !k.startsWith('"') && !k.startsWith("'")));
          lines.push(`${pad}- ${k1}: ${scalarValue()}${tail()}`);
          if (r() < 0.5) lines.push(`${pad}  ${k1 === 'zz' ? 'zy' : 'zz'}: ${scalarValue()}`);
        } else if (depth < 4 && x < 0.45) {
          lines.push(`${pad}-${tail()}`);
          block(ind + 2, depth + 1, false);
        } else if (x < 0.5) {
          lines.push(`${pad}-${tail()}`);
        } else {
          lines.push(`${pad}- ${scalarValue()}${tail()}`);
        }
      } else {
        let k = pick(KEYS);
        if (usedKeys.has(k) && r() < 0.8) k = `${k.replace(/["']/g, '')}${i}`;
        usedKeys.add(k);
        const x = r();
        if (depth < 4 && x < 0.35) {
          lines.push(`${pad}${k}:${tail()}`);
          if (compactSeqOk && r() < 0.2) {
            lines.push(`${pad}- ${scalarValue()}`);
            lines.push(`${pad}- ${scalarValue()}`);
          } else block(ind + 1 + Math.floor(r() * 3), depth + 1, true);
        } else if (x < 0.45) {
          lines.push(`${pad}${k}:${tail()}`);
        } else {
          lines.push(`${pad}${k}: ${scalarValue()}${tail()}`);
        }
      }
    }
    comment(ind);
  };
  block(0, 0, false);
  let text = lines.join('\n') + (r() < 0.8 ? '\n' : '');
  if (r() < 0.15) text = text.replace(/\n/g, '\r\n');
  return text;
}

test('fastYaml: agrees with the yaml package on 4,000 generated documents (seeded)', () => {
  let answered = 0;
  const N = Number(process.env.MVS_FAST_YAML_DOCS ?? 4000);
  for (let seed = 1; seed <= N; seed++) {
    const text = generate(seededRandom(seed));
    try {
      if (agree(text)) answered++;
    } catch (err) {
      (err as Error).message = `seed ${seed}: ${(err as Error).message}`;
      throw err;
    }
  }
  // The fast path must really take most of them, or this test compares nothing.
  assert.ok(answered > N * 0.6, `fast path answered only ${answered} of ${N}`);
});

test('fastYaml: mutated documents (deleted characters, swapped lines) agree or fall back', () => {
  let answered = 0;
  for (let seed = 1; seed <= Number(process.env.MVS_FAST_YAML_DOCS ?? 3000); seed++) {
    const r = seededRandom(seed * 7919);
    let text = generate(r);
    const lines = text.split('\n');
    const x = r();
    if (x < 0.3 && text.length > 0) {
      const at = Math.floor(r() * text.length);
      text = text.slice(0, at) + text.slice(at + 1);
    } else if (x < 0.6 && lines.length > 2) {
      const i = Math.floor(r() * (lines.length - 1));
      [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      text = lines.join('\n');
    } else if (x < 0.8) {
      const at = Math.floor(r() * text.length);
      text = text.slice(0, at) + pick(r, [' ', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',', '\n', '  ', '&a', '*a', '!t', '|', '>']) + text.slice(at);
    } else {
      text = text.slice(0, Math.floor(r() * text.length));
    }
    try {
      if (agree(text)) answered++;
    } catch (err) {
      (err as Error).message = `mutation seed ${seed}: ${(err as Error).message}`;
      throw err;
    }
  }
  assert.ok(answered > 1000, `fast path answered only ${answered} of 3000`);
});

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

test('fastYaml: hand-picked edge cases agree or fall back', () => {
  const cases = [
    'a: b  # c\nm:\n  x: 1\n  y: [p, "q"]  \n\n  z: { k: v }\n# end\nn:\n  - 1\n  - x: 2\n    w: 3\ne:\n',
    'e:\n\n  # c\nf:\n  g: 1\n\n# x\n\n',
    'n:\n  a:\n    s: x\n    # deep\n# top\nb: 1\n',
    'n:\n  a:\n    s: x\n  # mid\nb: 1\n',
    'n:\n  a:\n    s:\n # odd\n    t: 1\n',
    'm:\n  a: 1\n\n  # c\n\n  # d\n\nn: 2',
    'a:\n- x\n- y\n  # c\nb: 2',
    'a:\n  -\n  - "q"\n',
    'e:   \nf: 1',
    'a: b\r\nc:\r\n  - d\r\n',
  ];
  for (const c of cases) agree(c);
  // Outside the subset: the fast path must step aside.
  for (const c of ['a: &x 1\nb: *x', 'a: !!str 1', 'a: |\n  x', 'a: "x\\ty"', 'a: b\n  c', '- - a', '---\na: 1', 'a:\tb', '\ufeffa: 1', '%YAML 1.2\n---\na: 1', 'a: [b,\n c]', '? a\n: b', 'a: b: c', '  a: 1\nb: 2']) {
    assert.equal(fastParse(c), undefined, JSON.stringify(c));
  }
});

test('fastYaml: takes the example specs and the benchmark specs', () => {
  const dir = path.join(__dirname, '../../../examples');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    // Examples may use YAML the fast path leaves to the package; they must agree either way.
    agree(text);
  }
  const generated = generateSpec({ networks: 30, containers: 120 }).text;
  assert.ok(agree(generated), 'the generated benchmark spec must take the fast path');
});
