import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveTarget, parseDockerUrl } from '../../../docker/connect';
import { openDockerHost } from '../../../docker/dockerodeHost';
import { DockerError } from '../../../docker/errors';
import { isPlainTcp } from '../../../docker/target';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('resolveTarget (temp HOME, no network)', () => {
  let home: string;
  const docker = () => path.join(home, '.docker');
  const context = (name: string, host: string, opts: { skip?: boolean; tls?: string[] } = {}) => {
    const meta = path.join(docker(), 'contexts', 'meta', sha(name));
    mkdirSync(meta, { recursive: true });
    writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skip ?? false } } }));
    const tls = path.join(docker(), 'contexts', 'tls', sha(name), 'docker');
    for (const f of opts.tls ?? []) {
      mkdirSync(tls, { recursive: true });
      writeFileSync(path.join(tls, f), 'not a real pem');
    }
    return tls;
  };
  const current = (name: string) => {
    mkdirSync(docker(), { recursive: true });
    writeFileSync(path.join(docker(), 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
  };

  before(() => {
    home = mkdtempSync(path.join(tmpdir(), 'mvs-home-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('falls back to the default socket', () => {
    assert.deepEqual(resolveTarget({ env: {}, home }), { url: 'unix:///var/run/docker.sock', kind: 'unix', source: 'default', socketPath: '/var/run/docker.sock' });
  });

  it('reads DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    const certs = path.join(home, 'certs');
    mkdirSync(certs, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(certs, f), 'x');
    const t = resolveTarget({ env: { DOCKER_HOST: 'tcp://lab1.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, home });
    assert.deepEqual(t, {
      url: 'tcp://lab1.example:2376',
      kind: 'tcp',
      source: 'env',
      host: 'lab1.example',
      port: 2376,
      tls: { ca: path.join(certs, 'ca.pem'), cert: path.join(certs, 'cert.pem'), key: path.join(certs, 'key.pem'), verify: true },
    });
    assert.equal(isPlainTcp(t), false);
    const plain = resolveTarget({ env: { DOCKER_HOST: 'tcp://lab1.example' }, home });
    assert.equal(plain.port, 2375);
    assert.equal(plain.tls, undefined);
    assert.equal(isPlainTcp(plain), true);
  });

  it('uses the current docker context: ssh endpoint, agent from SSH_AUTH_SOCK', () => {
    context('lab', 'ssh://ops@lab1.example:2222');
    current('lab');
    const t = resolveTarget({ env: { SSH_AUTH_SOCK: '/tmp/agent.sock' }, home });
    const knownHostsFiles = [path.join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
    assert.deepEqual(t, { url: 'ssh://ops@lab1.example:2222', kind: 'ssh', source: 'context', host: 'lab1.example', port: 2222, username: 'ops', sshAgent: '/tmp/agent.sock', context: 'lab', knownHostsFiles });
    // Skipping the host key check takes an explicit opt-out.
    assert.equal(t.sshHostKeyCheck, undefined);
    assert.equal(resolveTarget({ env: {}, home, sshHostKeyCheck: false }).sshHostKeyCheck, false);
  });

  it('takes TLS material and SkipTLSVerify from the context store', () => {
    const dir = context('tlsctx', 'tcp://10.0.0.5:2376', { skip: true, tls: ['ca.pem', 'cert.pem', 'key.pem'] });
    const t = resolveTarget({ env: { DOCKER_CONTEXT: 'tlsctx' }, home });
    assert.equal(t.url, 'tcp://10.0.0.5:2376');
    assert.deepEqual(t.tls, { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem'), verify: false });
    assert.equal(t.context, 'tlsctx');
  });

  it('orders: --docker > spec > setting > DOCKER_HOST > context > default', () => {
    context('lab', 'ssh://ops@lab1.example:2222');
    current('lab');
    const env = { DOCKER_HOST: 'unix:///run/env.sock' };
    const spec = { docker: 'unix:///run/spec.sock' };
    assert.equal(resolveTarget({ env, home }).url, 'unix:///run/env.sock');
    assert.equal(resolveTarget({ env, home, fallback: 'unix:///run/setting.sock' }).url, 'unix:///run/setting.sock');
    assert.equal(resolveTarget({ env, home, fallback: 'unix:///run/setting.sock', spec }).url, 'unix:///run/spec.sock');
    assert.equal(resolveTarget({ env, home, spec, override: 'unix:///run/flag.sock' }).source, 'flag');
    assert.equal(resolveTarget({ env, home, spec: { context: 'lab' } }).url, 'ssh://ops@lab1.example:2222');
    assert.equal(resolveTarget({ env: {}, home, spec: { context: 'default' } }).url, 'unix:///var/run/docker.sock');
  });

  it("resolves the spec's tls: paths against the spec's directory", () => {
    const t = resolveTarget({ env: {}, home, spec: { docker: 'tcp://lab1.example:2376', tls: { ca: 'certs/ca.pem', cert: '/abs/cert.pem', key: '../key.pem' } }, specDir: '/srv/specs' });
    assert.deepEqual(t.tls, { ca: '/srv/specs/certs/ca.pem', cert: '/abs/cert.pem', key: '/srv/key.pem', verify: true });
    // the spec is explicit: TLS from the environment does not apply to it
    const noTls = resolveTarget({ env: { DOCKER_TLS_VERIFY: '1' }, home, spec: { docker: 'tcp://lab1.example:2375' } });
    assert.equal(noTls.tls, undefined);
  });

  it('honours DOCKER_CONFIG and says which context is missing', () => {
    const other = path.join(home, 'other-config');
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
    assert.throws(
      () => resolveTarget({ env: { DOCKER_CONFIG: other }, home }),
      (e: unknown) => e instanceof DockerError && e.kind === 'other' && e.message.startsWith('docker context "gone" not found (no ') && e.hint.includes('docker context ls'),
    );
  });

  it('parses and rejects URLs', () => {
    assert.deepEqual(parseDockerUrl('lab1:2375', 'flag', undefined), { url: 'tcp://lab1:2375', kind: 'tcp', source: 'flag', host: 'lab1', port: 2375, tls: undefined });
    assert.equal(parseDockerUrl('tcp://[2001:db8::1]:2376', 'flag', undefined).host, '2001:db8::1');
    assert.equal(parseDockerUrl('ssh://lab1', 'flag', undefined).port, 22);
    for (const [bad, why] of [
      ['http://lab1', 'unsupported scheme http://'],
      ['unix://', 'no socket path'],
      ['ssh://u:pw@lab1', 'put no password in the URL; use ssh-agent'],
      ['tcp://lab1:2375/path', 'a path is not supported'],
      // was a bare "URI malformed" from decodeURIComponent
      ['ssh://%zz@h', 'the user name "%zz" has a % that does not start a valid escape (%40 is @)'],
    ]) {
      assert.throws(() => parseDockerUrl(bad, 'flag', undefined), (e: unknown) => e instanceof DockerError && e.message === `bad Docker host "${bad}": ${why}`);
    }
  });
});

describe('openDockerHost (no network)', () => {
  it('names a missing TLS file, never its contents', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mvs-tls-'));
    writeFileSync(path.join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nSECRET-KEY-MATERIAL\n');
    try {
      assert.throws(
        () => openDockerHost({ url: 'tcp://lab1.example:2376', kind: 'tcp', source: 'spec', host: 'lab1.example', port: 2376, tls: { ca: path.join(dir, 'ca.pem'), key: path.join(dir, 'key.pem'), verify: true } }),
        (e: unknown) => e instanceof DockerError && e.message === `cannot read TLS CA ${path.join(dir, 'ca.pem')}: no such file` && !JSON.stringify(e).includes('SECRET'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('talks to the target it was given, whatever DOCKER_HOST says', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://203.0.113.1:2375'; // documentation address: never dialled
    try {
      const sock = path.join(tmpdir(), `mvs-missing-${process.pid}.sock`);
      const host = openDockerHost({ url: `unix://${sock}`, kind: 'unix', source: 'flag', socketPath: sock }, { timeoutMs: 2000 });
      await assert.rejects(host.info(), (e: unknown) => e instanceof DockerError && e.kind === 'unreachable' && e.message.startsWith(`cannot reach Docker at unix://${sock}: no such socket`));
      assert.equal(process.env.DOCKER_HOST, 'tcp://203.0.113.1:2375');
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
