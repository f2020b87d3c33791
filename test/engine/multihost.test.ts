// A spec with two hosts applied in one run to two real engines on one bridged LAN
// (test/engine/lan.ts): per host plans, locks and rollback, the macvlan L2 path across hosts,
// and a cross-host duplicate address refused before anything is created.
// Run: node scripts/run-node-tests.mjs test/engine
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cliRun';
import { engineRequest, execInContainer } from './engine';
import { startLan, type Lan } from './lan';

const spec = (lan: Lan, c2 = '192.0.2.22') => `version: 1
name: lab
hosts:
  lab1: { docker: "${lan.engines[0].dockerHost}" }
  lab2: { docker: "${lan.engines[1].dockerHost}" }
networks:
  lan:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
    ip_range: { lab1: 192.0.2.64/26, lab2: 192.0.2.128/26 }
containers:
  c1:
    image: ${lan.engines[0].image}
    host: lab1
    command: [sleep, "3600"]
    networks:
      lan: { ipv4_address: 192.0.2.21 }
  c2:
    image: ${lan.engines[1].image}
    host: lab2
    command: [sleep, "3600"]
    networks:
      lan: { ipv4_address: ${c2} }
`;

describe('every host of a spec in one run, on a real two-engine LAN', () => {
  let lan: Lan;
  let dir: string;
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const names = async (i: number, kind: 'networks' | 'containers') => {
    const r = await engineRequest<{ Name?: string; Names?: string[] }[]>(lan.engines[i].socketPath, 'GET', kind === 'networks' ? '/networks' : '/containers/json?all=true');
    return (r.json ?? []).map((x) => x.Name ?? x.Names?.[0]?.replace(/^\//, '') ?? '').filter((x) => x !== 'none' && x !== 'host').sort();
  };

  before(async () => {
    lan = await startLan(2, { parents: ['eth0', 'eth1'] });
    dir = mkdtempSync(path.join(os.tmpdir(), 'mvs-multi-'));
  });
  after(async () => {
    await lan?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a cross-host duplicate address is refused (MV404) before anything is created on either host', async () => {
    const f = file('dup.macvlan.yaml', spec(lan, '192.0.2.21'));
    const r = await cli(['apply', f, '--yes']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /error MV404 ipv4_address 192\.0\.2\.21 of container c2 is already used by container c1/);
    assert.deepEqual(await names(0, 'networks'), []);
    assert.deepEqual(await names(1, 'networks'), []);
  });

  it('plan and apply cover both hosts at once: a section and a lock per host, one summary', async () => {
    const f = file('lab.macvlan.yaml', spec(lan));
    const plan = await cli(['plan', f, '--yes']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^Plan for host lab1 \(unix:\/\/\S+, Docker 20\.10\.\S+\), spec lab\n[\s\S]*\nPlan for host lab2 /);
    const json = await cli(['plan', f, '--yes', '--format', 'json']);
    const plans = (JSON.parse(json.stdout) as { plans: { host: string; steps: { kind: string }[] }[] }).plans;
    assert.deepEqual(plans.map((p) => [p.host, p.steps.map((s) => s.kind)]), [['lab1', ['createNetwork', 'createContainer']], ['lab2', ['createNetwork', 'createContainer']]]);

    const t0 = performance.now();
    const r = await cli(['apply', f, '--yes']);
    console.log(`apply to two hosts in one run: ${Math.round(performance.now() - t0)} ms (CLI included)`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\nSummary\n {2}lab1: applied 2 step\(s\)\n {2}lab2: applied 2 step\(s\)\n/);
    assert.match(r.stdout, /^lab1: \[1\/2\] create network lan$/m);
    assert.match(r.stdout, /^lab2: \[1\/2\] create network lan$/m);
    for (const [i, c] of [[0, 'c1'], [1, 'c2']] as const) {
      assert.deepEqual(await names(i, 'networks'), ['lan']);
      assert.deepEqual(await names(i, 'containers'), [c]);
    }
    const again = await cli(['plan', f, '--yes']);
    assert.match(again.stdout, /Nothing to do[\s\S]*Nothing to do/);
  });

  it('the macvlan L2 path works across the hosts: c1 reaches c2 on the other host and the router', async () => {
    const toC2 = await execInContainer(lan.engines[0].socketPath, 'c1', ['ping', '-c', '1', '-W', '3', '192.0.2.22']);
    assert.equal(toC2.code, 0, toC2.output);
    const toRouter = await execInContainer(lan.engines[1].socketPath, 'c2', ['ping', '-c', '1', '-W', '3', '192.0.2.1']);
    assert.equal(toRouter.code, 0, toRouter.output);
  });

  it('a host that fails is rolled back on its own; the other is applied and the summary says which', async () => {
    // a network only lab2 gets, on a NIC lab2 does not have
    const broken = spec(lan).replace('containers:', '  only2:\n    parent: eth7\n    subnet: 203.0.113.0/25\n    hosts: [lab2]\n  only1:\n    parent: eth1\n    subnet: 198.51.100.0/25\n    hosts: [lab1]\ncontainers:');
    const f = file('broken.macvlan.yaml', broken);
    const r = await cli(['apply', f, '--yes']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /\nSummary\n {2}lab1: applied 1 step\(s\)\n {2}lab2: FAILED \(/);
    assert.match(r.stderr, /lab2: apply failed at step 1\/1/);
    assert.deepEqual(await names(0, 'networks'), ['lan', 'only1']);
    assert.deepEqual(await names(1, 'networks'), ['lan'], 'lab2 as it was');
  });
});
