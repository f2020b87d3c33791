// Compose differential test: every case in test/engine/compose-corpus is checked by the CLI as a
// user runs it (`macvlan-spec check --engine 20.10` on all the case's compose files at once, so
// the rules see every project on the host) and brought up with the real docker-compose 1.29.2 on
// a private Docker Engine 20.10, project by project.
// Invariant: docker-compose refuses a project → the checker reported an error; the checker
// reports no error → every project comes up. Each case also pins the exact codes (# expect:) and
// what compose does (# compose:), so a change on either side shows. docs/COMPOSE-DIFFERENTIAL.md
// is written with MVS_WRITE_DIFFERENTIAL=1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from './cliRun';
import { composeDown, composeUp, dockerCompose, loadComposeCorpus, type ComposeCase, type ComposeOutcome } from './composeDifferential';
import { type Engine, engineRequest, startEngine } from './engine';

const DOC = path.resolve(__dirname, '../../docs/COMPOSE-DIFFERENTIAL.md');
const corpus = loadComposeCorpus();
/** NICs named like the VLAN sub-interfaces the corpus uses: this kernel has no 802.1Q links, and
 * Docker takes a parent that exists as it is, as on a host where they were made beforehand. */
const PARENTS = ['eth0', 'eth1', 'bond0', 'eth0.10', 'eth0.20'];

interface Finding {
  file: string;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

interface Row {
  c: ComposeCase;
  findings: Finding[];
  outcome: ComposeOutcome;
}

async function check(c: ComposeCase): Promise<Finding[]> {
  const r = await cli(['check', '--format', 'json', '--engine', '20.10', ...c.projects.map((p) => p.file)]);
  assert.ok(r.code === 0 || r.code === 1, `${c.name}: check exit ${r.code}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Finding[];
}

const codesOf = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.code))].sort();

describe('compose differential: macvlan-spec check (engine 20.10) vs docker-compose 1.29.2 on docker.io 20.10', () => {
  let engine: Engine;
  let engineVersion = 'docker.io 20.10';
  const rows: Row[] = [];
  const t0 = performance.now();

  before(async () => {
    engine = await startEngine({ parents: PARENTS });
    const v = await engineRequest<{ Version: string; ApiVersion: string }>(engine.socketPath, 'GET', '/version');
    assert.match(v.json?.Version ?? '', /^20\.10\./, 'the corpus expectations are for Engine 20.10');
    engineVersion = `docker.io ${v.json?.Version}, API ${v.json?.ApiVersion}`;
  });

  after(async () => {
    await engine?.stop();
    if (rows.length === 0) return;
    const md = markdown(rows, engineVersion, (performance.now() - t0) / 1000);
    if (process.env.MVS_WRITE_DIFFERENTIAL === '1') writeFileSync(DOC, md);
  });

  it('has a corpus of at least 30 cases: valid and broken, single projects and several on one host', () => {
    assert.ok(corpus.length >= 30, `${corpus.length} cases`);
    assert.ok(corpus.filter((c) => c.compose === 'refuses').length >= 12, 'cases compose refuses');
    assert.ok(corpus.filter((c) => c.expect.length === 0).length >= 10, 'clean cases');
    assert.ok(corpus.filter((c) => c.projects.length > 1).length >= 8, 'cases with several projects on one host');
    assert.ok(corpus.some((c) => c.projects.some((p) => /\.\d+\b/.test(readParents(p.file)))), 'VLAN sub-interface parents');
  });

  for (const c of corpus) {
    it(`${c.name}: ${c.what}`, async () => {
      const findings = await check(c);
      const outcome = await composeUp(engine.dockerHost, c);
      await composeDown(engine.dockerHost, c);
      // A refused network can leave its pool reserved in 20.10 until dockerd restarts.
      if (!outcome.up) await engine.restart();
      rows.push({ c, findings, outcome });
      const errors = findings.filter((f) => f.severity === 'error');
      if (!outcome.up) assert.ok(errors.length > 0, `docker-compose refused (${outcome.refusal?.project}: ${outcome.refusal?.text}) but the checker reported no error`);
      if (errors.length === 0) assert.ok(outcome.up, 'the checker reported no error but docker-compose refused');
      assert.deepEqual(codesOf(findings), c.expect, 'the codes the case pins (# expect:)');
      assert.equal(outcome.up ? 'up' : 'refuses', c.compose, `what docker-compose does (# compose:)${outcome.refusal ? `: ${outcome.refusal.text}` : ''}`);
      // Findings name the compose file they are about.
      for (const f of findings) assert.ok(c.projects.some((p) => path.resolve(f.file) === p.file), `${f.code} names ${f.file}`);
    });
  }
});

/** Specs whose `convert --to compose` output must bring up the networks `apply` makes. */
const CONVERTED = (image: string): Record<string, string> => ({
  'vlans.macvlan.yaml': [
    'version: 1',
    'networks:',
    '  vlan10:',
    '    parent: eth0.10',
    '    subnet: 198.51.100.0/24',
    '    gateway: 198.51.100.1',
    '    ip_range: 198.51.100.128/25',
    '    aux_addresses: { switch: 198.51.100.2 }',
    '    labels: { team: data }',
    '  vlan20: { parent: eth0, vlan: 20, subnet: 203.0.113.0/24, gateway: 203.0.113.1, ipv6: { subnet: "2001:db8:20::/64", gateway: "2001:db8:20::1" } }',
    'containers:',
    `  db: { image: "${image}", command: [sleep, "3600"], networks: { vlan10: { ipv4_address: 198.51.100.10 } } }`,
    `  web: { image: "${image}", command: [sleep, "3600"], networks: { vlan20: { ipv4_address: 203.0.113.10, ipv6_address: "2001:db8:20::10", mac_address: "02:42:cb:00:71:0a" } } }`,
    '',
  ].join('\n'),
  'internal.macvlan.yaml': ['version: 1', 'networks:', '  iso: { parent: bond0, subnet: 192.0.2.0/24, internal: true, mode: private }', 'containers:', `  probe: { image: "${image}", command: [sleep, "3600"], networks: { iso: { ipv4_address: 192.0.2.10 } } }`, ''].join('\n'),
});

interface NetShape {
  name: string;
  driver: string;
  options: Record<string, string>;
  ipam: { subnet: string; gateway?: string; ipRange?: string; aux: Record<string, string> }[];
  internal: boolean;
  ipv6: boolean;
  containers: string[];
}

async function networksOf(socket: string, names: string[]): Promise<NetShape[]> {
  const out: NetShape[] = [];
  for (const name of names) {
    const n = (await engineRequest<{ Name: string; Driver: string; Options: Record<string, string>; IPAM: { Config: { Subnet: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[] | null }; Internal: boolean; EnableIPv6: boolean; Containers: Record<string, { IPv4Address: string; IPv6Address: string; MacAddress: string }> }>(socket, 'GET', `/networks/${name}`)).json;
    assert.ok(n, `network ${name} exists`);
    out.push({
      name: n.Name,
      driver: n.Driver,
      options: n.Options,
      ipam: (n.IPAM.Config ?? []).map((c) => ({ subnet: c.Subnet, gateway: c.Gateway || undefined, ipRange: c.IPRange || undefined, aux: c.AuxiliaryAddresses ?? {} })),
      internal: n.Internal,
      ipv6: n.EnableIPv6,
      containers: Object.values(n.Containers ?? {}).map((c) => `${c.IPv4Address} ${c.IPv6Address} ${c.MacAddress}`).sort(),
    });
  }
  return out;
}

describe('convert --to compose: docker-compose config accepts it and up makes the networks apply makes', () => {
  let engine: Engine;
  let dir: string;
  before(async () => {
    engine = await startEngine({ parents: PARENTS });
    dir = mkdtempSync('/tmp/mvs-convert-');
  });
  after(async () => {
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [file, text] of Object.entries(CONVERTED('macvlan-test/busybox:latest'))) {
    it(file, async () => {
      const specDir = path.join(dir, file.replace(/\.macvlan\.yaml$/, ''));
      mkdirSync(specDir);
      const spec = path.join(specDir, file);
      writeFileSync(spec, text);
      const names = [...text.matchAll(/^ {2}([a-z0-9]+):/gm)].map((m) => m[1]).filter((n) => !['db', 'web', 'probe'].includes(n));
      const applied = await cli(['apply', spec, '--docker', engine.dockerHost, '--yes']);
      assert.equal(applied.code, 0, applied.stderr + applied.stdout);
      // Labels differ on purpose (apply's ownership labels, compose's project labels): compare the rest.
      const byApply = await networksOf(engine.socketPath, names);
      const pruned = await cli(['apply', spec, '--docker', engine.dockerHost, '--yes', '--prune'].map((a) => (a === spec ? writeEmpty(spec) : a)));
      assert.equal(pruned.code, 0, pruned.stderr);

      const converted = await cli(['convert', spec, '--to', 'compose']);
      assert.equal(converted.code, 0, converted.stderr);
      const composeFile = path.join(specDir, 'compose.yaml');
      writeFileSync(composeFile, converted.stdout);
      const project = { name: path.basename(specDir), file: composeFile };
      const config = await dockerCompose(engine.dockerHost, project, ['config', '-q']);
      assert.equal(config.code, 0, `docker-compose config: ${config.out}`);
      const up = await dockerCompose(engine.dockerHost, project, ['up', '-d', '--no-build']);
      assert.equal(up.code, 0, `docker-compose up: ${up.out}`);
      try {
        assert.deepEqual(await networksOf(engine.socketPath, names), byApply);
      } finally {
        await dockerCompose(engine.dockerHost, project, ['down', '--timeout', '0']);
      }
    });
  }
});

/** The same spec with no networks or containers, for `apply --prune` to empty the host. */
function writeEmpty(spec: string): string {
  const empty = spec.replace(/\.macvlan\.yaml$/, '-empty.macvlan.yaml');
  writeFileSync(empty, `version: 1\nname: ${path.basename(path.dirname(spec))}\n`);
  return empty;
}

function readParents(file: string): string {
  return [...readFileSync(file, 'utf8').matchAll(/parent:\s*(\S+)/g)].map((m) => m[1]).join(' ');
}

function markdown(rows: Row[], engineVersion: string, runtimeS: number): string {
  const refused = rows.filter((r) => !r.outcome.up);
  const silent = rows.filter((r) => r.outcome.up && r.findings.some((f) => f.severity === 'error'));
  const line = (r: Row) => {
    const ours = r.findings.length === 0 ? 'clean' : codesOf(r.findings).map((code) => `${code} (${r.findings.find((f) => f.code === code)?.severity})`).join(', ');
    const theirs = r.outcome.up ? 'up' : `refuses${r.c.projects.length > 1 ? ` ${r.outcome.refusal?.project}` : ''}: "${r.outcome.refusal?.text}"`;
    return `| \`${r.c.name}\` | ${r.c.what} | ${r.c.projects.length} | ${ours} | ${theirs} |`;
  };
  return `# Compose differential test: checker vs docker-compose 1.29.2 on Docker Engine 20.10

<!-- Generated by test/engine/composeDifferential.test.ts with MVS_WRITE_DIFFERENTIAL=1; do not edit by hand. -->

Every case in \`test/engine/compose-corpus/\` (${rows.length} cases, ${rows.filter((r) => r.c.projects.length > 1).length} of them with several projects on one host) is checked with \`macvlan-spec check --engine 20.10\` on all of its compose files at once, then brought up with Debian's \`docker-compose\` 1.29.2 (\`up -d\`, project by project, each project named after its folder) against a private ${engineVersion}.

The invariant the test asserts for every case:

- if docker-compose refuses a project, the checker reported at least one **error**;
- if the checker reports no error, every project comes up.

${refused.length} cases are refused by compose, ${rows.length - refused.length} come up. The VLAN sub-interfaces (\`eth0.10\`, \`eth0.20\`) are NICs of those names: this kernel has no 802.1Q links, and Docker uses a parent that exists as it is, as on a host where they were made beforehand.

Run: \`node --import tsx --test test/engine/composeDifferential.test.ts\` (after \`npm run build\`; regenerate this page: \`MVS_WRITE_DIFFERENTIAL=1\`). Last run: ${runtimeS.toFixed(1)} s.

## Compose comes up, the checker reports an error

${silent.length === 0 ? 'None.' : silent.map((r) => `- \`${r.c.name}\` — ${r.c.what}: ${r.findings.filter((f) => f.severity === 'error').map((f) => f.code).join(', ')}`).join('\n')}

## Every case

| case | what | projects | checker | docker-compose |
|---|---|---:|---|---|
${rows.map(line).join('\n')}
`;
}
