// `macvlan-spec plan / apply / import` as a user runs them: the built dist/cli.js in a child
// process against the real engine, with exit codes and messages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { acquireLock } from '../../docker/lock';
import { openDockerHost } from '../../docker/dockerodeHost';
import { cli, CLI, ROOT, type Run } from './cliRun';
import { type Engine, engineRequest, startEngine } from './engine';

const SPEC = (image: string) => `version: 1
name: lab
networks:
  front:
    parent: eth0
    subnet: 192.0.2.0/24
    gateway: 192.0.2.1
    ip_range: 192.0.2.128/25
  back:
    parent: eth1
    subnet: 198.51.100.0/24
    gateway: 198.51.100.1
containers:
  web:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      front: { ipv4_address: 192.0.2.10 }
      back: { ipv4_address: 198.51.100.10 }
  worker:
    image: ${image}
    command: [sleep, "3600"]
    networks:
      back:
`;

describe('macvlan-spec plan / apply / import (dist/cli.js against the real engine)', () => {
  let engine: Engine;
  let dir: string;
  let docker: string;
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text, { mode: 0o644 });
    return f;
  };
  const networkNames = async () =>
    ((await engineRequest<{ Name: string }[]>(engine.socketPath, 'GET', '/networks')).json ?? [])
      .map((n) => n.Name)
      .filter((n) => n !== 'host' && n !== 'none')
      .sort();

  before(async () => {
    const t0 = performance.now();
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, `npm run build failed:\n${built.stderr}${built.stdout}`);
    console.log(`npm run build: ${Math.round(performance.now() - t0)} ms`);
    engine = await startEngine({ parents: ['eth0', 'eth1', 'eth2', 'bond0'] });
    docker = engine.dockerHost;
    dir = mkdtempSync('/tmp/mvs-cli-');
    chmodSync(dir, 0o755); // the permission test runs the CLI as nobody
  });
  after(async () => {
    await engine?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plan: prints the plan, exit 0; --format json is data', async () => {
    const spec = file('lab.macvlan.yaml', SPEC(engine.image));
    const t0 = performance.now();
    const r = await cli(['plan', spec, '--docker', docker]);
    console.log(`cli plan (node start + connect + observe + plan): ${Math.round(performance.now() - t0)} ms`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Plan for host local \\(${docker.replace(/[.]/g, '\\.')}, Docker 20\\.10\\.\\d+`));
    assert.match(r.stdout, /\n {2}\+ create {4}front +macvlan bridge on eth0 · 192\.0\.2\.0\/24 gateway 192\.0\.2\.1 ip_range 192\.0\.2\.128\/25\n/);
    assert.match(r.stdout, /\n4 to create, 0 to recreate, 0 to change, 0 to remove, 0 unchanged\.\n$/);
    const j = await cli(['plan', spec, '--docker', docker, '--format', 'json']);
    assert.equal(j.code, 0, j.stderr);
    const parsed = JSON.parse(j.stdout) as { summary: { create: number }; steps: { kind: string }[] };
    assert.equal(parsed.summary.create, 4);
    assert.deepEqual(parsed.steps.map((s) => s.kind), ['createNetwork', 'createNetwork', 'createContainer', 'createContainer']);
  });

  it('apply: refuses without a terminal and without --yes (exit 2), applies with --yes (exit 0)', async () => {
    const spec = file('lab.macvlan.yaml', SPEC(engine.image));
    const no = await cli(['apply', spec, '--docker', docker]);
    assert.equal(no.code, 2);
    assert.match(no.stderr, /apply needs confirmation: not on a terminal, so review the plan above and run again with --yes/);
    assert.deepEqual(await networkNames(), []);

    const t0 = performance.now();
    const yes = await cli(['apply', spec, '--docker', docker, '--yes']);
    console.log(`cli apply --yes (4 steps): ${Math.round(performance.now() - t0)} ms`);
    assert.equal(yes.code, 0, yes.stderr);
    assert.match(yes.stdout, /\n\[1\/4\] create network front\n\[2\/4\] create network back\n\[3\/4\] create container web\n\[4\/4\] create container worker\nApplied 4 of 4 step\(s\) to host local in \d+\.\d s\.\n$/);
    assert.deepEqual(await networkNames(), ['back', 'front']);

    const again = await cli(['plan', spec, '--docker', docker]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /\nNothing to do: the host matches the spec \(4 unchanged\)\.\n$/);
    const apply2 = await cli(['apply', spec, '--docker', docker]);
    assert.equal(apply2.code, 0, 'nothing to do needs no confirmation');
  });

  it('import: YAML on stdout that plans nothing against the same host', async () => {
    const r = await cli(['import', '--docker', docker, '--host', 'lab9']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^# imported from ${docker.replace(/[.]/g, '\\.')} \\(Docker 20\\.10\\.\\d+\\S*\\) by macvlan-spec import\\n\\nversion: 1\\nname: lab\\nhosts:\\n {2}lab9:\\n {4}docker: ${docker.replace(/[.]/g, '\\.')}\\n`));
    assert.match(r.stderr, /imported 2 network\(s\), 2 container\(s\)/);
    const imported = file('imported.macvlan.yaml', r.stdout);
    const check = await cli(['check', imported]);
    assert.equal(check.code, 0, check.stdout);
    // Its hosts: entry points at the engine: a host the spec names, so plan asks first (no terminal here).
    const asked = await cli(['plan', imported]);
    assert.equal(asked.code, 2);
    assert.match(asked.stderr, /plan refused: .*imported\.macvlan\.yaml names unix:\/\/.* for host lab9; not on a terminal, so run again with --yes/);
    const p = await cli(['plan', imported, '--yes']);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /^Plan for host lab9 /);
    assert.match(p.stdout, /\nNothing to do: the host matches the spec \(4 unchanged\)\.\n$/);
  });

  it('on a terminal: asks y/N, and only "y" applies', async () => {
    const spec = file('move.macvlan.yaml', SPEC(engine.image).replace('192.0.2.10 }', '192.0.2.12 }'));
    // util-linux `script` gives the CLI a pseudo-terminal; stdin feeds the answer
    const onTty = (answer: string) =>
      new Promise<Run>((resolve, reject) => {
        const child = spawn('script', ['-qec', `${process.execPath} ${CLI} apply ${spec} --docker ${docker}`, '/dev/null'], { env: { ...process.env, DOCKER_HOST: '' }, cwd: ROOT });
        let stdout = '';
        child.stdout.on('data', (c) => (stdout += String(c)));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr: '' }));
        child.stdin.end(answer);
      });
    const no = await onTty('n\n');
    assert.equal(no.code, 1, no.stdout);
    assert.match(no.stdout, /Apply these 1 step\(s\) to host local \(unix:\/\/.*\)\? \[y\/N\]/);
    assert.match(no.stdout, /apply cancelled; nothing changed/);
    const yes = await onTty('y\n');
    assert.equal(yes.code, 0, yes.stdout);
    assert.match(yes.stdout, /\[1\/1\] move web on front to 192\.0\.2\.12\r?\nApplied 1 of 1 step\(s\)/);
    const back = await cli(['apply', file('lab.macvlan.yaml', SPEC(engine.image)), '--docker', docker, '--yes']);
    assert.equal(back.code, 0, back.stderr);
  });

  it('uses DOCKER_HOST when neither the spec nor --docker names a host', async () => {
    const r = await cli(['plan', file('lab.macvlan.yaml', SPEC(engine.image))], { env: { DOCKER_HOST: docker } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Nothing to do/);
  });

  it('refuses specs with errors (exit 1) and bad usage (exit 2)', async () => {
    const bad = file('bad.macvlan.yaml', SPEC(engine.image).replace('gateway: 192.0.2.1', 'gateway: 203.0.113.1'));
    for (const cmd of ['plan', 'apply']) {
      const r = await cli([cmd, bad, '--docker', docker, '--yes'].slice(0, cmd === 'plan' ? 4 : 5));
      assert.equal(r.code, 1, `${cmd}: ${r.stderr}`);
      assert.match(r.stderr, /error MV104 /);
      assert.match(r.stderr, new RegExp(`${cmd} refused: ${bad.replace(/[.]/g, '\\.')} has errors`));
    }
    const two = file('two.macvlan.yaml', `version: 1\nhosts:\n  lab1: { docker: "${docker}" }\n  lab2: { docker: "${docker}" }\nnetworks:\n  n1: { parent: eth2, subnet: 203.0.113.0/24, gateway: 203.0.113.1, ip_range: { lab1: 203.0.113.64/26, lab2: 203.0.113.128/26 } }\n`);
    // every host of the spec is planned; two hosts on one daemon is the spec's mistake
    const noHost = await cli(['plan', two, '--yes']);
    assert.equal(noHost.code, 2);
    assert.match(noHost.stderr, /hosts lab1 and lab2 both reach unix:\/\/\S+: one Docker daemon cannot be two hosts of a spec/);
    const unknown = await cli(['plan', two, '--host', 'lab3']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /the spec has no host "lab3" \(hosts: lab1, lab2\)/);
    const picked = await cli(['plan', two, '--host', 'lab2', '--yes']);
    assert.equal(picked.code, 0, picked.stderr);
    assert.match(picked.stdout, /^Plan for host lab2 /);
    const help = await cli(['apply', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: macvlan-spec apply FILE \[--host NAME\] \[--docker URL\] \[--timeout SECONDS\] \[--ssh-skip-host-key-check\] \[--prune\] \[--adopt\] \[--yes\]\n/);
    assert.equal((await cli(['plan', two, '--host', 'lab1', '--format', 'xml'])).code, 2);
  });

  it('unreachable daemon: exit 2 with what failed and a hint', async () => {
    const sock = path.join(dir, 'nothing.sock');
    const r = await cli(['plan', file('lab.macvlan.yaml', SPEC(engine.image)), '--docker', `unix://${sock}`]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `macvlan-spec: cannot reach Docker at unix://${sock}: no such socket — is the Docker daemon running, and is this the right socket?\n  hint: start the Docker daemon (e.g. \`sudo systemctl start docker\`), or point --docker / DOCKER_HOST / the spec's docker: at the right host\n`,
    );
  });

  it('socket without permission (run as nobody): exit 2, "permission denied — is your user in the docker group?"', async () => {
    const r = await cli(['plan', file('lab.macvlan.yaml', SPEC(engine.image)), '--docker', docker], { user: 'nobody', cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      `macvlan-spec: cannot reach Docker at ${docker}: permission denied — is your user in the docker group?\n  hint: add it with \`sudo usermod -aG docker $USER\` and log in again, or run as a user that may use the socket\n`,
    );
  });

  it('plain tcp:// without TLS: warns (MV501) and needs --yes', async () => {
    // a loopback TCP port in front of the engine's socket, as a daemon with -H tcp://... would be
    const proxy = net.createServer((c) => {
      const u = net.connect(engine.socketPath);
      c.pipe(u).pipe(c);
      u.on('error', () => c.destroy());
      c.on('error', () => u.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as net.AddressInfo).port;
    try {
      const spec = file('tcp.macvlan.yaml', SPEC(engine.image).replace('containers:', '  extra:\n    parent: bond0\n    subnet: 203.0.113.0/24\n    gateway: 203.0.113.1\ncontainers:'));
      const url = `tcp://127.0.0.1:${port}`;
      const no = await cli(['apply', spec, '--docker', url]);
      assert.equal(no.code, 2, no.stderr);
      assert.match(no.stderr, new RegExp(`warning MV501: ${url} is plain TCP without TLS: the Docker API is root on that host`));
      assert.match(no.stderr, /apply over plain tcp:\/\/ needs --yes \(or add tls: to the host\)/);
      assert.ok(!(await networkNames()).includes('extra'));
      const yes = await cli(['apply', spec, '--docker', url, '--yes']);
      assert.equal(yes.code, 0, yes.stderr);
      assert.match(yes.stderr, /warning MV501/);
      assert.ok((await networkNames()).includes('extra'));
    } finally {
      proxy.close();
    }
  });

  it('another apply holds the lock: exit 1, saying who holds it', async () => {
    const host = openDockerHost({ url: docker, kind: 'unix', source: 'flag', socketPath: engine.socketPath });
    const lock = await acquireLock(host);
    try {
      const spec = file('lab.macvlan.yaml', SPEC(engine.image).replace('192.0.2.10 }', '192.0.2.11 }'));
      const r = await cli(['apply', spec, '--docker', docker, '--yes']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^macvlan-spec: apply did not start: another apply is running against .*: the lock \\(volume macvlan-spec-lock\\) is taken by pid ${process.pid} on `));
      assert.match(r.stderr, /\n {2}hint: if no apply is running .* docker volume rm macvlan-spec-lock\nnothing changed\n$/);
    } finally {
      await lock.release();
      host.close();
    }
  });

  it('a failed step: exit 1 with what was done, what was not and why', async () => {
    const spec = file('ghost.macvlan.yaml', SPEC(engine.image).replace('containers:', 'containers:\n  ghost:\n    image: localhost:1/missing:2\n    networks:\n      back: { ipv4_address: 198.51.100.50 }'));
    const r = await cli(['apply', spec, '--docker', docker, '--yes', '--prune']);
    assert.equal(r.code, 1);
    // creates run first and removals last: the orphan "extra" is still there when the create fails
    assert.match(r.stderr, /apply failed at step 1\/2: image localhost:1\/missing:2 is not on .* and pulling it failed: Get "http:\/\/localhost:1\/v2\/": dial tcp 127\.0\.0\.1:1: connect: connection refused\n/);
    assert.match(r.stderr, /\nthe host is as it was before the apply \(0 completed step\(s\) undone\)\nnot done: create container ghost; remove network extra\n/);
    assert.equal((await engineRequest(engine.socketPath, 'GET', '/networks/extra')).status, 200);
  });
});
