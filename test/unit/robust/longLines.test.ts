// Every regular expression that reads document text runs inside one of these entry points;
// each must stay linear on 200,000-character lines of spaces, colons, quotes and `#`. The
// bound is the test timeout, not a measured time: a quadratic expression takes minutes here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../core/check';
import { complete, documentLinks, documentSymbols, foldingRanges, hover, inlayHints, SpecDocument } from '../../../core/service';

const N = 200_000;
const LINES: Record<string, string> = {
  spaces: 'a' + ' '.repeat(N),
  'spaces then colon': 'a' + ' '.repeat(N) + ':',
  colons: 'a' + ':'.repeat(N),
  'colon space': 'a' + ': '.repeat(N / 2),
  'space colon': 'a' + ' :'.repeat(N / 2),
  'double quotes': '"' + ' "'.repeat(N / 2),
  'single quotes': "'" + "' '".repeat(N / 3),
  hashes: 'a' + ' #'.repeat(N / 2),
  dots: '1' + '.1'.repeat(N / 2),
  dashes: '-' + ' -'.repeat(N / 2),
};

/** A spec with the line as a value, as a key, and on its own line inside a network. */
const places = (line: string): string[] => [
  `version: 1\nnetworks:\n  lan:\n    parent: ${line}\n    subnet: ${line}\n    gateway: ${line}\ncontainers:\n  web:\n    image: ${line}\n    networks:\n      lan: { ipv4_address: ${line} }\n`,
  `version: 1\nnetworks:\n  ${line}\n`,
  `version: 1\nnetworks:\n  lan:\n    ${line}\n    subnet: 192.0.2.0/24\n`,
];

for (const [name, line] of Object.entries(LINES)) {
  test(`200,000-character line of ${name}: check, completion, hover, symbols, folding, links and hints end`, { timeout: 60_000 }, () => {
    for (const text of places(line)) {
      const r = checkText(text);
      assert.ok(Array.isArray(r.findings));
      const doc = new SpecDocument(text);
      const at = text.indexOf(line);
      for (const offset of [at + 1, at + Math.floor(line.length / 2), at + line.length]) {
        complete(doc, offset);
        hover(doc, offset);
      }
      documentSymbols(doc);
      foldingRanges(doc);
      documentLinks(doc);
      inlayHints(doc, { start: 0, end: text.length });
    }
  });
}
