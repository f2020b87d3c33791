// Differential test: for every spec in test/engine/corpus, the checker's verdict (engine 20.10)
// against what a real Docker Engine 20.10 does when the spec is applied network by network.
// Invariant: Docker rejects anything → the checker reported an error; the checker reports no
// error → Docker accepts everything. See docs/DIFFERENTIAL.md (regenerate with
// MVS_WRITE_DIFFERENTIAL=1) and test/engine/differential.ts for how a spec is applied.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Engine, engineRequest, startEngine } from './engine';
import { applySpec, cleanEngine, type DockerVerdict, LEAKS_POOL, loadCorpus, normaliseMessage, runChecker } from './differential';
import { consoleTable, markdown, type Row, silentList } from './differential-report';

const DOC = path.resolve(__dirname, '../../docs/DIFFERENTIAL.md');
const corpus = loadCorpus();

describe('differential: checker (engine 20.10) vs docker.io 20.10', () => {
  let engine: Engine;
  let engineVersion = 'docker.io 20.10';
  const rows: Row[] = [];
  const t0 = performance.now();

  before(async () => {
    engine = await startEngine();
    const v = await engineRequest<{ Version: string; ApiVersion: string }>(engine.socketPath, 'GET', '/version');
    assert.match(v.json?.Version ?? '', /^20\.10\./, 'the corpus expectations are for Engine 20.10');
    engineVersion = `docker.io ${v.json?.Version}, API ${v.json?.ApiVersion}`;
  });

  after(async () => {
    await engine?.stop();
    const runtimeS = (performance.now() - t0) / 1000;
    if (rows.length === 0) return;
    console.log(`\ndifferential: ${rows.length} specs in ${runtimeS.toFixed(1)} s (${engineVersion})\n${consoleTable(rows)}`);
    console.log(`\nDocker silently accepts, checker flags an error:\n${silentList(rows)}\n`);
    const md = markdown(rows, { engine: engineVersion, runtimeS });
    if (process.env.MVS_WRITE_DIFFERENTIAL === '1') {
      writeFileSync(DOC, md);
      console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
    } else {
      let old = '';
      try {
        old = readFileSync(DOC, 'utf8');
      } catch {
        // no page yet
      }
      // The runtime line changes every run, and which of two equal aux addresses 20.10 names
      // follows Go's map order; anything else differing means the page is stale.
      const stable = (s: string) => s.replace(/^Last run: .*$/m, '').replace(/secondary ip address \([^:()]+:/g, 'secondary ip address (<name>:');
      if (stable(old) !== stable(md)) console.log('docs/DIFFERENTIAL.md is out of date: rerun with MVS_WRITE_DIFFERENTIAL=1');
    }
  });

  it('has a corpus of at least 40 specs, valid and broken', () => {
    assert.ok(corpus.length >= 40, `${corpus.length} specs`);
    assert.ok(corpus.filter((s) => s.expect.length === 0).length >= 8, 'valid specs');
    assert.ok(corpus.filter((s) => s.docker.kind === 'rejects').length >= 20, 'specs Docker rejects');
    assert.equal(new Set(corpus.map((s) => s.name)).size, corpus.length);
  });

  for (const spec of corpus) {
    it(`${spec.name}: ${spec.what}`, async () => {
      const checker = runChecker(spec.text);
      let restarted = false;
      let docker: DockerVerdict | undefined;
      try {
        docker = await applySpec(engine, spec);
      } finally {
        const leaked = docker?.steps.some((s) => s.status === 'rejected' && LEAKS_POOL.test(s.message ?? ''));
        await cleanEngine(engine.socketPath);
        // 20.10 keeps the subnet of such a rejected create reserved until dockerd restarts.
        if (leaked || docker === undefined) {
          await engine.restart();
          restarted = true;
        }
      }
      const rejected = docker.kind === 'rejected';
      const errors = checker.errors.length > 0;
      const invariant = (!rejected || errors) && (errors || docker.kind === 'accepted');
      rows.push({ spec, checker, docker, invariant, silentlyAccepted: docker.kind === 'accepted' && errors, restarted });

      assert.deepEqual(docker.harness, [], 'the spec was not applied faithfully');
      assert.deepEqual(checker.codes, spec.expect, `checker codes; findings:\n${checker.findings.map((f) => `  ${f.code} ${f.severity}: ${f.message}`).join('\n')}`);

      // Compared in normalised form: ids and veth names replaced, whitespace runs collapsed.
      const rejections = docker.steps.filter((s) => s.status === 'rejected').map((s) => `${s.what}: ${normaliseMessage(s.message ?? '')}`);
      if (rejected) assert.ok(errors, `Docker rejected the spec but the checker reported no error:\n${rejections.join('\n')}`);
      if (!errors) assert.equal(docker.kind, 'accepted', `the checker reported no error but Docker did not accept:\n${rejections.join('\n')}`);

      if (spec.docker.kind === 'accepts') assert.equal(docker.kind, 'accepted', `Docker rejected:\n${rejections.join('\n')}`);
      else if (spec.docker.kind === 'n/a') assert.equal(docker.kind, 'n/a');
      else {
        const text = spec.docker.text;
        assert.equal(docker.kind, 'rejected', 'Docker accepted the spec');
        assert.ok(
          rejections.some((r) => r.includes(text)),
          `no rejection contains ${JSON.stringify(text)}:\n${rejections.join('\n')}`,
        );
      }
    });
  }
});
