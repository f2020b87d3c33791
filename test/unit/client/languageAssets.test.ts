import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Code, Finding } from '../../../core/findings';
import { applySuppressions } from '../../../core/suppress';
import { LineIndex } from '../../../core/text/positions';

const ROOT = join(__dirname, '../../..');
const read = <T>(rel: string): T => JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as T;

interface Grammar {
  scopeName: string;
  patterns: { include: string }[];
  injections: Record<string, { patterns: { include: string }[] }>;
  repository: {
    'suppress-directive': { begin: string; end: string };
    'rule-code': { match: string };
  };
}

interface LanguageConfiguration {
  comments: { lineComment: string };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; action: { indent: string } }[];
}

const grammar = read<Grammar>('syntaxes/macvlan-yaml.tmLanguage.json');
const config = read<LanguageConfiguration>('syntaxes/language-configuration.json');

test('the grammar is YAML plus an injection into YAML comments', () => {
  assert.equal(grammar.scopeName, 'source.macvlan-yaml');
  assert.deepEqual(grammar.patterns, [{ include: 'source.yaml' }]);
  const selectors = Object.keys(grammar.injections);
  assert.equal(selectors.length, 1);
  assert.match(selectors[0], /^L:comment\.line\.number-sign\.yaml\b/);
});

/**
 * Reads a line the way the grammar's injection does (JS and Oniguruma agree on these simple
 * patterns): each directive start inside the comment, then the codes up to its end.
 */
function grammarDirectives(line: string): { codes: string[] }[] {
  const hash = /(?:^|[ \t])#/.exec(line);
  if (!hash) return [];
  const begin = new RegExp(grammar.repository['suppress-directive'].begin, 'g');
  const end = new RegExp(grammar.repository['suppress-directive'].end, 'g');
  const code = new RegExp(grammar.repository['rule-code'].match, 'g');
  const out: { codes: string[] }[] = [];
  begin.lastIndex = hash.index + hash[0].length;
  for (let m = begin.exec(line); m; m = begin.exec(line)) {
    end.lastIndex = m.index + m[0].length;
    const stop = end.exec(line)?.index ?? line.length;
    out.push({ codes: [...line.slice(m.index + m[0].length, stop).matchAll(code)].map((c) => c[0]) });
    begin.lastIndex = Math.max(stop, begin.lastIndex + 1);
  }
  return out;
}

/** Which of `codes` core/suppress.ts silences on the line holding `line` (line 1 of 3). */
function coreSilences(line: string, codes: Code[], nextLine: boolean): Code[] {
  const text = `a: 1\n${line}\nb: 2\n`;
  const target = nextLine ? text.indexOf('b: 2') : text.indexOf(line);
  const findings: Finding[] = codes.map((code) => ({ code, severity: 'error', message: '', span: { start: target, end: target + 1 }, path: [], related: [] }));
  const kept = new Set(applySuppressions(text, new LineIndex(text), findings).map((f) => f.code));
  return codes.filter((c) => !kept.has(c));
}

const PROBE: Code[] = ['MV101', 'MV102', 'MV404', 'MV405'];
const SAMPLES: { line: string; next: boolean; codes: string[] | 'all' | 'none' }[] = [
  { line: '    ipv4_address: 192.0.2.200   # macvlan-disable-line MV405', next: false, codes: ['MV405'] },
  { line: '# macvlan-disable-next-line MV405, MV404', next: true, codes: ['MV405', 'MV404'] },
  { line: 'x: 1 #macvlan-disable-line MV101 MV102 # MV405 is a real problem', next: false, codes: ['MV101', 'MV102'] },
  { line: 'x: 1 # macvlan-disable-line', next: false, codes: 'all' },
  { line: 'x: 1 # see macvlan-disable-line MV405', next: false, codes: 'none' },
  { line: 'x: 1 # macvlan-disable-lines MV405', next: false, codes: 'none' },
];

for (const s of SAMPLES) {
  test(`grammar and core/suppress.ts agree on: ${s.line.trim()}`, () => {
    const found = grammarDirectives(s.line);
    const silenced = coreSilences(s.line, PROBE, s.next);
    if (s.codes === 'none') {
      assert.deepEqual(found, []);
      assert.deepEqual(silenced, []);
    } else if (s.codes === 'all') {
      assert.deepEqual(found, [{ codes: [] }]);
      assert.deepEqual(silenced, PROBE);
    } else {
      assert.deepEqual(found, [{ codes: s.codes }]);
      assert.deepEqual([...silenced].sort(), [...s.codes].sort());
    }
  });
}

test('Enter after a key without a value indents; after a key with a value it does not', () => {
  const indentAfter = (line: string) =>
    config.onEnterRules.some((r) => r.action.indent === 'indent' && new RegExp(r.beforeText).test(line)) &&
    new RegExp(config.indentationRules.increaseIndentPattern).test(line);
  for (const l of ['networks:', '  lan:', '  vlan10:   # VLAN 10', '      - name:', '  "quoted key":', '-']) assert.ok(indentAfter(l), l);
  for (const l of ['version: 1', '    subnet: 192.0.2.0/24', '    docker: ssh://ops@lab1.example', '# networks:', '    image: "nginx:alpine"', '  lan: { parent: eth0 }']) {
    assert.ok(!indentAfter(l), l);
  }
  assert.ok(new RegExp(config.indentationRules.increaseIndentPattern).test('    exclude: ['));
  assert.ok(new RegExp(config.indentationRules.decreaseIndentPattern).test('    ]'));
});

test('addresses, CIDRs, interfaces and rule codes are single words; keys stop at the colon', () => {
  const words = (line: string) => [...line.matchAll(new RegExp(config.wordPattern, 'g'))].map((m) => m[0]);
  assert.deepEqual(words('subnet: 192.0.2.0/24'), ['subnet', '192.0.2.0/24']);
  assert.deepEqual(words('  subnet: "2001:db8:20::/64"'), ['subnet', '2001:db8:20::/64']);
  assert.deepEqual(words('parent: eth0.10 # macvlan-disable-line MV302'), ['parent', 'eth0.10', 'macvlan-disable-line', 'MV302']);
  assert.equal(config.comments.lineComment, '#');
});
