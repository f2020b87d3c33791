import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../../core/check';
import { expandSnippet, snippetChoices } from './snippetExpander';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const file = join(__dirname, '../../../snippets/macvlan.code-snippets');
const snippets = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>);

/**
 * Where a snippet goes is part of its description, so the completion list tells the user and
 * this test reads the same words: "(under `networks:`)", "(under `containers:`)", or
 * "A whole spec". The fixtures are the smallest specs that make such an insertion meaningful.
 */
const PLACES = {
  networks: { marker: '(under `networks:`)', wrap: (s: string) => `version: 1\n\nnetworks:\n${indent(s, 2)}` },
  containers: {
    marker: '(under `containers:`)',
    // The network the container snippet names by default (`lan`, 192.0.2.0/24).
    wrap: (s: string) =>
      'version: 1\n\nnetworks:\n  lan:\n    driver: macvlan\n    parent: eth0\n' +
      `    subnet: 192.0.2.0/24\n    gateway: 192.0.2.1\n\ncontainers:\n${indent(s, 2)}`,
  },
  document: { marker: 'A whole spec', wrap: (s: string) => s },
} as const;

function placeOf(s: Snippet): keyof typeof PLACES {
  const found = (Object.keys(PLACES) as (keyof typeof PLACES)[]).filter((k) => s.description.includes(PLACES[k].marker));
  assert.equal(found.length, 1, `description must say where the snippet goes: ${s.description}`);
  return found[0];
}

function indent(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : ' '.repeat(n) + l))
    .join('\n');
}

function problems(spec: string): string[] {
  return checkText(spec)
    .findings.filter((f) => f.severity !== 'info')
    .map((f) => `${f.code} ${f.severity} at ${JSON.stringify(spec.slice(f.span.start, f.span.end))}: ${f.message}`);
}

test('the snippets file has the expected snippets', () => {
  assert.deepEqual(
    snippets.map(([, s]) => s.prefix),
    ['macvlan-network', 'vlan-network', 'ipvlan-l2', 'ipvlan-l3', 'container-static', 'two-host-lab', 'macvlan-spec'],
  );
});

for (const [name, s] of snippets) {
  test(`snippet "${name}" checks clean with its defaults`, () => {
    const place = PLACES[placeOf(s)];
    const lines = Array.isArray(s.body) ? s.body : [s.body];
    // YAML forbids tabs in indentation, and the editor would turn \t into its own indent unit.
    assert.ok(lines.every((l) => !l.includes('\t')), 'no tabs in snippet bodies');
    const spec = place.wrap(expandSnippet(s.body));
    if (place === PLACES.document) assert.match(spec, /^version: 1\n/);
    assert.deepEqual(problems(spec), [], spec);
  });

  const choices = snippetChoices(s.body);
  if (choices.size > 0) {
    test(`snippet "${name}" checks clean with every choice option`, () => {
      const place = PLACES[placeOf(s)];
      for (const [index, options] of choices) {
        for (const option of options) {
          const spec = place.wrap(expandSnippet(s.body, { values: new Map([[index, option]]) }));
          assert.deepEqual(problems(spec), [], spec);
        }
      }
    });
  }
}
