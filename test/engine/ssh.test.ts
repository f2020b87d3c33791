// ssh:// Docker hosts: the host key is checked against known_hosts before anything else is said.
// An in-process ssh2 server on 127.0.0.1 runs `docker system dial-stdio` the way the docker CLI
// does on a real host: the exec channel is joined to the private engine's socket.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Server, utils } from 'ssh2';
import { parseDockerUrl } from '../../docker/connect';
import { openDockerHost } from '../../docker/dockerodeHost';
import type { DockerTarget } from '../../docker/target';
import { type Engine, startEngine } from './engine';

describe('ssh:// host key verification (in-process ssh2 server in front of the real engine)', () => {
  let engine: Engine;
  let server: Server;
  let port: number;
  let dir: string;
  const hostKey = utils.generateKeyPairSync('ed25519');
  const otherKey = utils.generateKeyPairSync('ed25519');
  const seen = { auth: 0, execs: [] as string[] };
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);

  before(async () => {
    engine = await startEngine({ parents: ['eth0'] });
    dir = mkdtempSync(path.join(tmpdir(), 'mvs-ssh-'));
    server = new Server({ hostKeys: [hostKey.private] }, (client) => {
      client.on('authentication', (ctx) => {
        seen.auth++;
        ctx.accept();
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          const session = accept();
          session.on('exec', (acceptExec, _reject, info) => {
            seen.execs.push(info.command);
            const stream = acceptExec();
            if (info.command !== 'docker system dial-stdio') return stream.exit(127), stream.end();
            const sock = net.connect(engine.socketPath);
            stream.pipe(sock).pipe(stream);
            sock.on('close', () => stream.end());
            stream.on('close', () => sock.destroy());
          });
        });
      });
      client.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    process.on('warning', onWarning);
  });
  after(async () => {
    process.off('warning', onWarning);
    server?.close();
    await engine?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pub = (k: { public: string }) => k.public.split(' ').slice(0, 2).join(' ');
  const target = (knownHosts: string, extra: Partial<DockerTarget> = {}): DockerTarget => {
    const file = path.join(dir, `known_hosts_${randomBytes(4).toString('hex')}`);
    writeFileSync(file, knownHosts);
    return { ...parseDockerUrl(`ssh://ops@127.0.0.1:${port}`, 'flag', undefined), knownHostsFiles: [file], ...extra };
  };
  const info = async (t: DockerTarget) => {
    const host = openDockerHost(t, { timeoutMs: 10_000 });
    try {
      return await host.info();
    } finally {
      host.close();
    }
  };

  it('a key listed as [127.0.0.1]:port reaches the engine through dial-stdio, without Node URL warnings', async () => {
    const before = seen.execs.length;
    const i = await info(target(`# a comment\nother.example ${pub(otherKey)}\n[127.0.0.1]:${port} ${pub(hostKey)}\n`));
    assert.match(i.engineVersion, /^20\.10\./);
    assert.ok(seen.execs.slice(before).every((c) => c === 'docker system dial-stdio') && seen.execs.length > before);
    assert.deepEqual(warnings.filter((w) => /DEP0170|is invalid/.test(w)), []);
  });

  it('a hashed entry (|1|salt|hash) counts too', async () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update(`[127.0.0.1]:${port}`).digest('base64');
    const i = await info(target(`|1|${salt.toString('base64')}|${hash} ${pub(hostKey)}\n`));
    assert.match(i.engineVersion, /^20\.10\./);
  });

  it('an unknown host is refused before authentication, with the fingerprint and how to add it', async () => {
    const auth = seen.auth;
    await assert.rejects(info(target('')), (e: Error & { hint?: string }) => {
      assert.match(e.message, new RegExp(`^refused ssh://ops@127\\.0\\.0\\.1:${port}: its host key \\(SHA256:[A-Za-z0-9+/]{43}\\) is not in known_hosts, so nothing proves this is the host you mean$`));
      assert.equal(e.hint, `check the fingerprint with the host's owner, then add it: \`ssh-keyscan -p ${port} 127.0.0.1 >> ~/.ssh/known_hosts\` (or connect once with \`ssh ops@127.0.0.1 -p ${port}\`)`);
      return true;
    });
    assert.equal(seen.auth, auth, 'no authentication was attempted');
  });

  it('a changed key (another key on record for this host) is refused as a possible interception', async () => {
    await assert.rejects(info(target(`[127.0.0.1]:${port} ${pub(otherKey)}\n`)), /its host key \(SHA256:.*\) is not the one known_hosts has for \[127\.0\.0\.1\]:\d+ — someone may be intercepting the connection/);
    // The port is part of the name: a key for 127.0.0.1 (port 22) does not vouch for this port.
    await assert.rejects(info(target(`127.0.0.1 ${pub(hostKey)}\n`)), /is not in known_hosts/);
    await assert.rejects(info(target(`@revoked [127.0.0.1]:${port} ${pub(hostKey)}\n[127.0.0.1]:${port} ${pub(hostKey)}\n`)), /is marked @revoked/);
  });

  it('only an explicit opt-out skips the check', async () => {
    const i = await info(target('', { sshHostKeyCheck: false }));
    assert.match(i.engineVersion, /^20\.10\./);
  });
});
