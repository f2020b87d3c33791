import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText } from '../../../core/check';
import { MAX_NESTING } from '../../../core/spec/parse';
import type { InvariantStats } from './invariants';
import { billionLaughs, EXAMPLES, HEAVY, HEAVY_KINDS } from './mutate';
import { Sandbox, type Job, type Outcome } from './sandbox';

/** One checkText; the slowest here (100,000 keys aside) take well under a second. */
const CHECK_MS = 5_000;
/** Everything for one input (check, every fix, fixAll, re-check) before it counts as a hang. */
const BOUND_MS = 20_000;

const sandbox = new Sandbox();
before(() => sandbox.warmUp());
after(() => sandbox.close());

async function survive(job: Job, label: string, bound = BOUND_MS, checkMs = CHECK_MS): Promise<Outcome & { status: 'ok' }> {
  const o = await sandbox.run(job, bound);
  if (o.status === 'timeout') assert.fail(`${label}: no answer within ${bound} ms`);
  if (o.status === 'crash') assert.fail(`${label}: the checker process died: ${o.detail}`);
  if (o.status === 'error') assert.fail(`${label}: ${o.error}`);
  if (typeof o.stats !== 'number') assert.ok(o.stats.checkMs < checkMs, `${label}: checkText took ${o.stats.checkMs.toFixed(0)} ms`);
  return o;
}

const seed = EXAMPLES.get('seed.macvlan.yaml') ?? '';
const middle = seed.indexOf('\ncontainers:') + 1;

test('each heavy input alone and inside a spec: check, fixes, fixAll and editor features', { timeout: 180_000 }, async (t) => {
  for (const kind of HEAVY_KINDS) {
    const blob = HEAVY[kind]();
    const inside = `${seed.slice(0, middle)}${blob}\n${seed.slice(middle)}`;
    const alone = await survive({ kind: 'core', text: blob }, `${kind} alone`);
    const within = await survive({ kind: 'core', text: inside }, `${kind} inside the seed spec`);
    const features = await survive({ kind: 'service', text: inside, offsets: [0, middle, inside.length >> 1, inside.length - 1, inside.length] }, `${kind} editor features`);
    t.diagnostic(`${kind} (${blob.length} chars): alone ${alone.ms.toFixed(0)} ms, inside a spec ${within.ms.toFixed(0)} ms / ${(within.stats as InvariantStats).findings} findings, editor features ${features.ms.toFixed(0)} ms`);
  }
});

test('deep nesting is one MV000 at the first level too deep, and the rest is not read', () => {
  // 150 levels: deep enough to be refused, shallow enough not to overflow even without the limit.
  const deep = `version: 1\nnetworks: ${'['.repeat(150)}\n`;
  const r = checkText(deep);
  assert.deepEqual(r.findings.map((f) => f.code), ['MV000']);
  // The top-level map is the first level, so the 100th bracket is the 101st.
  const at = 'version: 1\nnetworks: '.length + MAX_NESTING - 1;
  assert.deepEqual(r.findings[0].span, { start: at, end: at + 1 });
  assert.equal(r.findings[0].message, `the YAML is nested more than ${MAX_NESTING} levels deep here; it was not read any further`);
  assert.equal(r.parsed.value, undefined, 'no schema findings for a document that was not read');

  const blockSeq = checkText(`version: 1\nx:\n${'- '.repeat(MAX_NESTING + 5)}1\n`);
  assert.deepEqual(blockSeq.findings.map((f) => f.code), ['MV000']);
  assert.equal(blockSeq.findings[0].span.start, 'version: 1\nx:\n'.length + 2 * (MAX_NESTING - 1));

  // Exactly at the limit is still read.
  const ok = checkText(`version: 1\nnetworks: {}\nx: ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}\n`);
  assert.deepEqual(ok.findings.map((f) => f.message), ['unknown key "x" at the top level; allowed keys: version, name, hosts, networks, containers']);
});

test('regression: 10,000 nested brackets checked again and again do not kill the process', { timeout: 60_000 }, async () => {
  // yaml's composer overflowed the stack past ~700 levels and caught it; composing such a
  // document a second time in the same process then aborted Node ("RegExpCompiler Allocation
  // failed"), which in the editor is the language server dying on the next keystroke.
  for (const kind of ['deepFlowSeq', 'deepClosedSeq', 'deepBlockSeq', 'deepBlockMap'] as const) {
    for (let i = 0; i < 3; i++) await survive({ kind: 'core', text: HEAVY[kind]() }, `${kind} #${i + 1}`);
  }
  const r = checkText(HEAVY.deepClosedSeq());
  assert.deepEqual(r.findings.map((f) => [f.code, f.span.start]), [['MV000', MAX_NESTING]]);
});

test('regression: "? ? ? …" on two lines overflowed the yaml parser itself; now MV000, no exception', () => {
  const line = '? '.repeat(10_000) + 'x';
  const text = `${line}\n${line}\n`;
  const r = checkText(text);
  assert.deepEqual(r.findings.map((f) => f.code), ['MV000']);
  assert.match(r.findings[0].message, /nested more than 100 levels/);
  assert.ok(r.findings[0].span.end <= text.length);
});

test('alias bombs: refused with MV000 by the alias limit, quickly', async (t) => {
  const bomb = `version: 1\n${billionLaughs(10, 9)}`;
  const o = await survive({ kind: 'core', text: bomb }, 'billion laughs');
  t.diagnostic(`billion laughs (9^10 nodes if expanded) in ${o.ms.toFixed(0)} ms`);
  const r = checkText(bomb);
  assert.ok(r.findings.some((f) => f.code === 'MV000' && /aliases \(\*name\) that expand to more than 100000 nodes/.test(f.message)), JSON.stringify(r.findings.map((f) => f.message)));
  // Many aliases of one network: under the alias limit each is a real network, checked as such.
  const shared = ['version: 1', 'x: &net { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }', 'networks:', ...Array.from({ length: 60 }, (_, i) => `  n${i}: *net`), ''].join('\n');
  const s = checkText(shared);
  assert.ok(s.findings.some((f) => f.code === 'MV201'));
  // Over the alias limit the plain-JS value is refused (MV000, no schema check), while the model
  // still has all 600 networks, so the overlap rules report each one: slower, still bounded.
  const many = ['version: 1', 'x: &net { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }', 'networks:', ...Array.from({ length: 600 }, (_, i) => `  n${i}: *net`), ''].join('\n');
  const m = await survive({ kind: 'core', text: many }, '600 aliases of one network');
  t.diagnostic(`600 aliased networks: ${(m.stats as InvariantStats).findings} findings in ${m.ms.toFixed(0)} ms (check, fixes, fixAll)`);
  assert.ok(checkText(many).findings.some((f) => f.code === 'MV000' && /Excessive alias count/.test(f.message)));
});

test('a 1 MB scalar: checked within the bound', async (t) => {
  const big = 'x'.repeat(1 << 20);
  for (const [label, text] of [
    ['1 MB parent', `version: 1\nnetworks:\n  n:\n    parent: ${big}\n    subnet: 192.0.2.0/24\n    gateway: 192.0.2.1\n`],
    ['1 MB subnet', `version: 1\nnetworks:\n  n:\n    parent: eth0\n    subnet: 192.0.2.0/24${big}\n`],
    ['1 MB key', `version: 1\n${big}: 1\n`],
    ['1 MB container name', `version: 1\ncontainers:\n  ${big}:\n    image: busybox\n`],
  ] as const) {
    const o = await survive({ kind: 'core', text }, label);
    const s = o.stats as InvariantStats;
    t.diagnostic(`${label}: ${o.ms.toFixed(0)} ms, ${s.findings} findings, longest message ${s.longestMessage} characters`);
  }
});

test('100,000 top-level keys and 5,000 networks: bounded time', { timeout: 120_000 }, async (t) => {
  const keys = ['version: 1', ...Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}`), ''].join('\n');
  const k = await survive({ kind: 'check', text: keys }, '100,000 keys', 60_000, 30_000);
  t.diagnostic(`100,000 keys: ${(k.stats as InvariantStats).findings} findings, checked in ${(k.stats as InvariantStats).checkMs.toFixed(0)} ms`);
  const nets = ['version: 1', 'networks:', ...Array.from({ length: 5_000 }, (_, i) => `  n${i}: { parent: eth${i % 7}, subnet: 10.${i >> 8}.${i & 255}.0/24, gateway: 10.${i >> 8}.${i & 255}.1, typo: 1 }`), ''].join('\n');
  const n = await survive({ kind: 'core', text: nets }, '5,000 networks', 60_000);
  const s = n.stats as InvariantStats;
  t.diagnostic(`5,000 networks with an unknown key each: ${s.findings} findings; check ${s.checkMs.toFixed(0)} ms, fixAll + re-check ${s.fixAllMs.toFixed(0)} ms`);
  const features = await survive({ kind: 'service', text: nets, offsets: [0, nets.length >> 1, nets.length] }, '5,000 networks, editor features', 60_000);
  t.diagnostic(`5,000 networks, editor features with every diagnostic in one code action request: ${features.ms.toFixed(0)} ms`);
});

test('aliases resolve in one walk per document: the last anchor of the name before the alias, as YAML says', () => {
  const text = ['version: 1', 'networks:', '  a: { parent: &p eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }', '  b: { parent: *p, subnet: 198.51.100.0/24, gateway: 198.51.100.1 }', '  c: { parent: &p eth1, subnet: 203.0.113.0/24, gateway: 203.0.113.1 }', '  d: { parent: *p, subnet: 203.0.113.0/25, gateway: 203.0.113.2, vlan: 7 }', ''].join('\n');
  const r = checkText(text);
  const parents = r.parsed.model.networks.map((n) => [n.name, n.parent?.value]);
  assert.deepEqual(parents, [['a', 'eth0'], ['b', 'eth0'], ['c', 'eth1'], ['d', 'eth1']]);
  assert.deepEqual(r.findings.filter((f) => f.code === 'MV000'), []);
});

test('more than 1,000 aliases: one MV000 that says why, no alias read, and the check still ends (seeded sizes)', () => {
  for (const n of [1001, 4000]) {
    const lines = ['version: 1', 'networks:', '  lan: { parent: eth0, subnet: 10.0.0.0/16, gateway: 10.0.0.1 }', 'containers:'];
    for (let i = 0; i < n; i++) lines.push(`  c${i}: { image: &i${i} nginx, command: [*i${i}], networks: { lan: { ipv4_address: 10.0.${i >> 8}.${(i & 255) + 2 > 254 ? 2 : (i & 255) + 2} } } }`);
    const r = checkText(lines.join('\n') + '\n');
    const mv000 = r.findings.filter((f) => f.code === 'MV000');
    assert.equal(mv000.length, 1, `${n}`);
    assert.equal(mv000[0].message, `the YAML has ${n} aliases (*name), more than the 1000 a spec may use; no alias was read — write the values out`);
  }
});

test('1,000 aliases, within the limits, are all read', () => {
  const lines = ['version: 1', 'networks:', '  lan: { parent: eth0, subnet: 10.0.0.0/16, gateway: 10.0.0.1 }', 'containers:'];
  for (let i = 0; i < 1000; i++) lines.push(`  c${i}: { image: &i${i} nginx, command: [*i${i}], networks: { lan: { ipv4_address: 10.0.${(i >> 7) + 1}.${(i & 127) + 2} } } }`);
  const r = checkText(lines.join('\n') + '\n');
  assert.deepEqual(r.findings.map((f) => f.code), []);
  assert.equal(r.parsed.model.containers.length, 1000);
});

test('a spec followed by a million "---" lines: one MV000 for the second document, the first one read', () => {
  const text = 'version: 1\nnetworks:\n  lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n' + '---\n'.repeat(1_000_000);
  const r = checkText(text);
  assert.deepEqual(r.findings.map((f) => [f.code, f.span.start]), [['MV000', text.indexOf('---')]]);
  assert.match(r.findings[0].message, /multiple documents/);
  assert.deepEqual(r.parsed.model.networks.map((n) => n.name), ['lan']);
});
