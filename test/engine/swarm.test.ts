// A `scope: swarm` network applied to a real three-node Swarm (test/engine/swarm.ts): a
// config-only network per node with that node's slice, the attachable swarm network on the
// manager; a service with one task per node gets addresses from each node's own slice, tasks on
// different nodes reach each other; prune removes both halves.
// Run: npm run build && node --import tsx --test test/engine/swarm.test.ts
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cliRun';
import { engineRequest, execInContainer } from './engine';
import { startSwarm, until, type Swarm } from './swarm';

const SLICES = ['203.0.113.64/27', '203.0.113.96/27', '203.0.113.128/27'];
const spec = (s: Swarm, networks = true) => `version: 1
name: sw-lab
hosts:
${s.lan.engines.map((e, i) => `  n${i + 1}: { docker: "${e.dockerHost}" }`).join('\n')}
${networks ? `networks:
  sw:
    scope: swarm
    parent: eth1
    subnet: 203.0.113.0/24
    gateway: 203.0.113.1
    ip_range: { ${SLICES.map((r, i) => `n${i + 1}: ${r}`).join(', ')} }
    labels: { team: infra }
` : ''}`;

interface Net { Name: string; Id: string; Driver: string; Scope: string; ConfigOnly: boolean; ConfigFrom: { Network: string }; Attachable: boolean; IPAM: { Config: { IPRange?: string }[] | null }; Labels: Record<string, string> | null }
interface Task { NodeID: string; Status: { State: string } }

describe('scope: swarm on a real three-node Swarm', () => {
  let swarm: Swarm;
  let dir: string;
  const sock = (i: number) => swarm.lan.engines[i].socketPath;
  const ours = async (i: number) => {
    const r = await engineRequest<Net[]>(sock(i), 'GET', '/networks');
    return (r.json ?? []).filter((n) => n.Name === 'sw' || n.Name === 'sw-config').sort((a, b) => (a.Name < b.Name ? -1 : 1));
  };

  before(async () => {
    const t0 = performance.now();
    swarm = await startSwarm(3);
    console.log(`three engines + swarm init/join: ${Math.round(performance.now() - t0)} ms`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'mvs-swarm-'));
  });
  after(async () => {
    const t0 = performance.now();
    await swarm?.stop();
    console.log(`teardown (services, then engines): ${Math.round(performance.now() - t0)} ms`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('MV209 from the live nodes: a swarm network whose hosts are workers only is refused before anything is created', async () => {
    const f = path.join(dir, 'workers.macvlan.yaml');
    writeFileSync(f, spec(swarm).replace('    labels: { team: infra }', '    labels: { team: infra }\n    hosts: [n2, n3]'));
    const r = await cli(['plan', f, '--yes']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /error MV209 network sw has scope: swarm, but none of n2, n3 is a Swarm manager, and only a manager can create the swarm network/);
    for (let i = 0; i < 3; i++) assert.deepEqual(await ours(i), []);
  });

  it('apply makes a config-only network on every node with its own slice and one swarm network on the manager', async () => {
    const f = path.join(dir, 'sw.macvlan.yaml');
    writeFileSync(f, spec(swarm));
    const plan = await cli(['plan', f, '--yes']);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Plan for host n1 [\s\S]*\+ create\s+sw-config\s+config-only: macvlan bridge on eth1 · 203\.0\.113\.0\/24 gateway 203\.0\.113\.1 ip_range 203\.0\.113\.64\/27[\s\S]*\+ create\s+sw\s+swarm network: macvlan --config-from sw-config · attachable/);
    assert.match(plan.stdout, /Plan for host n3 [\s\S]*ip_range 203\.0\.113\.128\/27/);

    const t0 = performance.now();
    const r = await cli(['apply', f, '--yes']);
    console.log(`apply to three Swarm nodes: ${Math.round(performance.now() - t0)} ms (CLI included)`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^n1: \[1\/2\] create config-only network sw-config$/m);
    assert.match(r.stdout, /^n1: \[2\/2\] create swarm network sw$/m);
    assert.match(r.stdout, /^n2: \[1\/1\] create config-only network sw-config$/m);
    for (let i = 0; i < 3; i++) {
      const nets = await ours(i);
      const co = nets.find((n) => n.Name === 'sw-config');
      assert.equal(co?.ConfigOnly, true);
      assert.equal(co?.IPAM.Config?.[0].IPRange, SLICES[i]);
      assert.equal(co?.Labels?.['io.macvlan-spec.spec'], 'sw-lab');
      assert.equal(co?.Labels?.team, 'infra');
    }
    const sw = (await ours(0)).find((n) => n.Name === 'sw');
    assert.deepEqual([sw?.Scope, sw?.Driver, sw?.Attachable, sw?.ConfigFrom.Network], ['swarm', 'macvlan', true, 'sw-config']);
    const again = await cli(['plan', f, '--yes']);
    assert.equal((again.stdout.match(/Nothing to do: the host matches the spec/g) ?? []).length, 3, again.stdout);
  });

  it('a service with one task per node gets addresses from each node\'s own slice, and the tasks reach each other', async () => {
    const created = await engineRequest<{ ID: string }>(sock(0), 'POST', '/services/create', {
      Name: 'pingers',
      TaskTemplate: {
        ContainerSpec: { Image: swarm.lan.engines[0].image, Command: ['sleep', '3600'], StopGracePeriod: 1_000_000_000 },
        Networks: [{ Target: 'sw' }],
        Placement: { MaxReplicas: 1 },
        RestartPolicy: { Condition: 'none' },
      },
      Mode: { Replicated: { Replicas: 3 } },
    });
    assert.equal(created.status, 201, created.text);
    const t0 = performance.now();
    const tasks = await until('three running tasks', 60_000, async () => {
      const r = await engineRequest<Task[]>(sock(0), 'GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({ service: ['pingers'], 'desired-state': ['running'] }))}`);
      const running = (r.json ?? []).filter((t) => t.Status.State === 'running');
      return running.length === 3 ? running : undefined;
    });
    console.log(`three tasks running: ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(new Set(tasks.map((t) => swarm.nodeIds.indexOf(t.NodeID))), new Set([0, 1, 2]), 'one task per node');
    // Each node's IPAM hands out the address (the manager's task record has none for this network).
    const tasksOf = async (i: number) => {
      const r = await engineRequest<{ Id: string }[]>(sock(i), 'GET', `/containers/json?filters=${encodeURIComponent(JSON.stringify({ label: ['com.docker.swarm.service.name=pingers'] }))}`);
      const id = r.json?.[0]?.Id;
      assert.ok(id, `task container on n${i + 1}`);
      const c = await engineRequest<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>(sock(i), 'GET', `/containers/${id}/json`);
      return { id, ip: c.json?.NetworkSettings.Networks.sw?.IPAddress };
    };
    const found = await Promise.all([0, 1, 2].map(tasksOf));
    // the first address of each node's own slice: .64, .96, .128
    assert.deepEqual(found.map((c) => c.ip), SLICES.map((r) => r.replace(/\/27$/, '')));
    for (let i = 0; i < 3; i++) {
      const other = found[(i + 1) % 3].ip ?? '';
      const ping = await execInContainer(sock(i), found[i].id, ['ping', '-c', '1', '-W', '3', other]);
      assert.equal(ping.code, 0, `n${i + 1} -> ${other}: ${ping.output}`);
    }
    // While its task runs, n2 holds the swarm network made from its sw-config: a change to that is a conflict, not a failed step.
    const f = path.join(dir, 'busy.macvlan.yaml');
    writeFileSync(f, spec(swarm).replace('n2: 203.0.113.96/27', 'n2: 203.0.113.160/27'));
    const busy = await cli(['apply', f, '--yes']);
    assert.equal(busy.code, 1, busy.stdout + busy.stderr);
    assert.match(busy.stdout, /! network sw-config: config-only network sw-config must be recreated \(ip_range 203\.0\.113\.96\/27 → 203\.0\.113\.160\/27\), but swarm network sw, made from it, is in use on this node/);
    assert.equal((await ours(1)).find((n) => n.Name === 'sw-config')?.IPAM.Config?.[0].IPRange, '203.0.113.96/27');
  });

  it('drift with the service gone: a changed slice recreates that node\'s config-only network, internal recreates the swarm network', async () => {
    const del = await engineRequest(sock(0), 'DELETE', '/services/pingers');
    assert.equal(del.status, 200, del.text);
    await until('task containers gone', 30_000, async () => {
      for (let i = 0; i < 3; i++) {
        const r = await engineRequest<unknown[]>(sock(i), 'GET', '/containers/json?all=true');
        if ((r.json ?? []).length > 0) return undefined;
      }
      return true;
    });
    // A worker drops its instance of the swarm network with its last task (plan says so while it has one).
    await until('the workers drop their instance of sw', 30_000, async () => ((await ours(1)).length + (await ours(2)).length === 2 ? true : undefined));
    const f = path.join(dir, 'moved.macvlan.yaml');
    writeFileSync(f, spec(swarm).replace('n2: 203.0.113.96/27', 'n2: 203.0.113.160/27'));
    const plan = await cli(['plan', f, '--yes']);
    assert.match(plan.stdout, /Plan for host n2 [\s\S]*~ recreate\s+sw-config\s+config-only network: ip_range 203\.0\.113\.96\/27 → 203\.0\.113\.160\/27/);
    const moved = await cli(['apply', f, '--yes']);
    assert.equal(moved.code, 0, moved.stdout + moved.stderr);
    assert.equal((await ours(1)).find((n) => n.Name === 'sw-config')?.IPAM.Config?.[0].IPRange, '203.0.113.160/27');

    writeFileSync(f, spec(swarm).replace('    labels: { team: infra }', '    labels: { team: infra }\n    internal: true'));
    const internal = await cli(['apply', f, '--yes']);
    assert.equal(internal.code, 0, internal.stdout + internal.stderr);
    assert.match(internal.stdout, /^n1: \[1\/1\] recreate swarm network sw$/m);
    assert.match(internal.stdout, /^n2: \[1\/1\] recreate config-only network sw-config$/m);
    const sw = await engineRequest<Net & { Internal: boolean }>(sock(0), 'GET', '/networks/sw');
    assert.deepEqual([sw.json?.Internal, sw.json?.ConfigFrom.Network], [true, 'sw-config']);
  });

  it('prune removes the swarm network first and every config-only network', async () => {
    const f = path.join(dir, 'gone.macvlan.yaml');
    writeFileSync(f, spec(swarm, false));
    const kept = await cli(['plan', f, '--yes']);
    assert.match(kept.stdout, /Plan for host n1[\s\S]*· orphan\s+network sw {2}[\s\S]*· orphan\s+network sw-config /);
    const t0 = performance.now();
    const r = await cli(['apply', f, '--yes', '--prune']);
    console.log(`prune on three Swarm nodes: ${Math.round(performance.now() - t0)} ms (CLI included)`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^n1: \[1\/2\] remove swarm network sw$/m);
    assert.match(r.stdout, /^n1: \[2\/2\] remove config-only network sw-config$/m);
    for (let i = 0; i < 3; i++) assert.deepEqual((await ours(i)).map((n) => n.Name), [], `n${i + 1}`);
  });
});
