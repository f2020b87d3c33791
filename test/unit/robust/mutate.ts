/**
 * Hostile variants of the example specs for the robustness tests: random edits of the example
 * files (deleted, swapped and duplicated lines, inserted bytes, truncation, indentation changes,
 * tabs, odd values) plus, rarely, something heavy (deep nesting, a 1 MB scalar, an alias bomb).
 * Shared by the core fuzz test and the language-server one, so both see the same inputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');

/** The example specs, by file name, read once. */
export const EXAMPLES: ReadonlyMap<string, string> = new Map(
  readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, readFileSync(join(EXAMPLES_DIR, f), 'utf8')]),
);

/** Inputs that stress the parser itself; each is built on demand (some are 1 MB). */
export const HEAVY = {
  deepFlowSeq: () => '['.repeat(10_000),
  deepFlowMap: () => '{a: '.repeat(10_000),
  deepClosedSeq: () => '['.repeat(10_000) + ']'.repeat(10_000),
  deepBlockSeq: () => '- '.repeat(10_000) + 'x',
  deepExplicitKeys: () => '? '.repeat(10_000) + 'x',
  // Indentation grows by one per level, so 1,500 levels are already 1.1 MB.
  deepBlockMap: () => Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
  hugePlainScalar: () => 'x'.repeat(1 << 20),
  hugeQuotedScalar: () => `"${'\\u00e9x'.repeat(1 << 17)}"`,
  hugeBlockScalar: () => `|\n${'  0123456789abcdef\n'.repeat(1 << 16)}`,
  aliasBomb: () => billionLaughs(10, 9),
  selfAlias: () => 'loop: &a [*a, *a]\nmap: &m { self: *m }\n',
} as const;

export type HeavyKind = keyof typeof HEAVY;
export const HEAVY_KINDS = Object.keys(HEAVY) as HeavyKind[];

/** `levels` anchors, each a list of `width` aliases of the one before: width^levels nodes if expanded. */
export function billionLaughs(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

export type Op =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'deleteRange'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'reindent'; line: number; delta: number }
  | { kind: 'tab'; line: number }
  | { kind: 'replaceValue'; line: number; value: string }
  | { kind: 'heavy'; at: number; blob: HeavyKind };

export interface Mutated {
  base: string;
  ops: Op[];
  crlf: boolean;
  bom: boolean;
}

/** Characters that mean something to YAML, line breaks of every kind, NUL, BOM and lone surrogates. */
const SPECIAL = [
  ':', '-', '?', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '#', '\\',
  ' ', '  ', '\t', '\n', '\r', '\r\n', '\u0085', '\u2028', '\u0000', '\ufeff', '\ud800', '\udfff', '\ud83d\ude00',
  '---', '...', ': ', '- ', '<<: ', '&a ', '*a', '!!str ', '!!binary ', '%YAML 1.2\n', '0x', '.inf', '~',
];

/** Values that the rules parse: addresses, CIDRs, VLAN ids, names, in good and bad shapes. */
const VALUES = [
  '', '~', 'null', 'true', '0', '-1', '4095', '1e400', '0x10', '.nan', '99999999999999999999999999',
  '192.0.2.0/24', '192.0.2.5/24', '192.0.2.0/33', '192.0.2.0/0', '0.0.0.0/0', '192.0.2.256', '010.0.0.1', '1.2.3',
  '198.51.100.1', '203.0.113.255', '::', '::/0', '2001:db8::/129', '2001:db8::1', '2001:db8::/64', 'fe80::1%eth0', ':::',
  '192.0.2.10-192.0.2.1', '192.0.2.1-2001:db8::1', 'eth0', 'eth0.10', 'eth0.0', 'eth0.4095', 'eth0.1.2', 'lo', 'wlan0',
  'macvlan', 'ipvlan', 'l3', 'passthru', '02:00:00:00:00:01', '03:00:00:00:00:01', 'zz:zz', 'ssh://x', 'tcp://h:2375',
  '[a, b]', '{a: 1}', '{ lab1: 192.0.2.128/26 }', '[192.0.2.1-192.0.2.9]', '&x 1', '*x', '"quoted"', "'single'", '|', '>-',
];

/** A position (taken modulo the text's length or line count); the very start now and then, where edge cases live. */
const nat = fc.oneof({ arbitrary: fc.nat({ max: 100_000 }), weight: 5 }, { arbitrary: fc.constant(0), weight: 1 });

const insertedText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 8 }),
  // Random bytes as Latin-1 characters, NUL and control characters included.
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 16 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
);

const lightOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: nat }),
  fc.record({ kind: fc.constant('swapLines' as const), a: nat, b: nat }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: nat }),
  fc.record({ kind: fc.constant('insert' as const), at: nat, text: insertedText }),
  fc.record({ kind: fc.constant('deleteRange' as const), at: nat, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: nat }),
  fc.record({ kind: fc.constant('reindent' as const), line: nat, delta: fc.integer({ min: -4, max: 6 }) }),
  fc.record({ kind: fc.constant('tab' as const), line: nat }),
  fc.record({ kind: fc.constant('replaceValue' as const), line: nat, value: fc.constantFrom(...VALUES) }),
);

const heavyOp: fc.Arbitrary<Op> = fc.record({ kind: fc.constant('heavy' as const), at: nat, blob: fc.constantFrom(...HEAVY_KINDS) });

/**
 * A mutated example. `heavyWeight` is the relative weight of a heavy edit against the nine light
 * kinds together (each light kind weighs 10, so 3 makes about 3% of edits heavy).
 */
export function mutatedSpec(opts: { heavyWeight?: number; maxOps?: number } = {}): fc.Arbitrary<Mutated> {
  const heavyWeight = opts.heavyWeight ?? 3;
  const op = heavyWeight > 0 ? fc.oneof({ arbitrary: lightOp, weight: 90 }, { arbitrary: heavyOp, weight: heavyWeight }) : lightOp;
  return fc.record({
    base: fc.constantFrom(...EXAMPLES.values()),
    ops: fc.array(op, { minLength: 1, maxLength: opts.maxOps ?? 5 }),
    crlf: fc.integer({ min: 0, max: 3 }).map((n) => n === 0), // ~25%
    bom: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), // ~10%
  });
}

/** The text of a mutated example. */
export function render(m: Mutated): string {
  let text = m.base;
  for (const op of m.ops) text = apply(text, op);
  if (m.crlf) text = text.replace(/\r?\n/g, '\r\n');
  if (m.bom) text = '\ufeff' + text;
  return text;
}

function apply(text: string, op: Op): string {
  const lines = text.split('\n');
  const line = (n: number): number => n % lines.length;
  const offset = (n: number): number => n % (text.length + 1);
  switch (op.kind) {
    case 'deleteLine':
      lines.splice(line(op.at), 1);
      return lines.join('\n');
    case 'swapLines': {
      const a = line(op.a);
      const b = line(op.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'duplicateLine': {
      const i = line(op.at);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'insert': {
      const at = offset(op.at);
      return text.slice(0, at) + op.text + text.slice(at);
    }
    case 'deleteRange': {
      const at = offset(op.at);
      return text.slice(0, at) + text.slice(at + op.length);
    }
    case 'truncate':
      return text.slice(0, offset(op.at));
    case 'reindent': {
      const i = line(op.line);
      const l = lines[i];
      lines[i] = op.delta >= 0 ? ' '.repeat(op.delta) + l : l.replace(new RegExp(`^ {0,${-op.delta}}`), '');
      return lines.join('\n');
    }
    case 'tab': {
      const i = line(op.line);
      lines[i] = lines[i].startsWith(' ') ? lines[i].replace(/^ {1,2}/, '\t') : '\t' + lines[i];
      return lines.join('\n');
    }
    case 'replaceValue': {
      const i = line(op.line);
      const m = /^(\s*(?:- )?[^\s:#][^:#]*:\s+)(\S[^#]*?)(\s*(?:#.*)?)$/.exec(lines[i]);
      lines[i] = m ? m[1] + op.value + m[3] : lines[i] + ' ' + op.value;
      return lines.join('\n');
    }
    case 'heavy': {
      const blob = HEAVY[op.blob]();
      // At a line start, so that block-structured blobs stay block structured.
      const at = lineStartAtOrBefore(text, offset(op.at));
      return text.slice(0, at) + blob + '\n' + text.slice(at);
    }
  }
}

function lineStartAtOrBefore(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Short description of an input for failure messages (the text itself may be megabytes). */
export function describeInput(m: Mutated): string {
  const base = [...EXAMPLES].find(([, t]) => t === m.base)?.[0] ?? '?';
  const ops = m.ops.map((o) => JSON.stringify(o, (_k, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v)));
  return `${base}${m.crlf ? ' +crlf' : ''}${m.bom ? ' +bom' : ''}: ${ops.join(' ')}`;
}
