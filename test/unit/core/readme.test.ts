import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPOSE_RULES } from '../../../core/compose/check';
import { RULES } from '../../../core/rules/registry';

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('<!-- rules:start -->'), readme.indexOf('<!-- rules:end -->'));
const rows = new Map<string, string>();
for (const line of table.split('\n')) {
  const m = /^\| <a id="(mv\d{3})"><\/a>(MV\d{3}) \| ([^|]+) \|/.exec(line);
  if (m) {
    assert.equal(m[1], m[2].toLowerCase(), `anchor of ${m[2]}`);
    rows.set(m[2], m[3].trim());
  }
}

test('README rule table lists every rule code with its default severity', () => {
  for (const r of [...RULES, ...COMPOSE_RULES]) {
    const sev = rows.get(r.code);
    assert.ok(sev, `${r.code} missing from the README rule table`);
    assert.ok(sev.startsWith(r.defaultSeverity), `${r.code}: README says "${sev}", rule says ${r.defaultSeverity}`);
  }
  assert.ok(rows.has('MV000'));
  const codes = new Set<string>([...RULES, ...COMPOSE_RULES].map((r) => r.code));
  for (const code of rows.keys()) assert.ok(code === 'MV000' || codes.has(code), `${code} in README but not registered`);
});
