import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerError, hintWording, toDockerError, useEditorWording } from '../../../docker/errors';

const ctx = { what: 'create network lan', target: 'unix:///var/run/docker.sock' };
const errno = (code: string) => Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code });
const http = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) ...`), { statusCode, json: { message } });

describe('toDockerError', () => {
  it('says what failed and what to do when the socket cannot be used', () => {
    const p = toDockerError(errno('EACCES'), ctx);
    assert.equal(p.kind, 'permission');
    assert.equal(p.message, 'cannot reach Docker at unix:///var/run/docker.sock: permission denied — is your user in the docker group?');
    assert.match(p.hint, /usermod -aG docker/);
    const u = toDockerError(errno('ECONNREFUSED'), ctx);
    assert.equal(u.kind, 'unreachable');
    assert.equal(u.message, 'cannot reach Docker at unix:///var/run/docker.sock: connection refused — is the Docker daemon running?');
    assert.equal(toDockerError(errno('ENOENT'), ctx).kind, 'unreachable');
    assert.equal(toDockerError(errno('ECONNRESET'), ctx).kind, 'unreachable');
  });

  it("keeps the engine's text and classifies it", () => {
    const overlap = toDockerError(http(403, 'Pool overlaps with other one on this address space'), ctx);
    assert.equal(overlap.kind, 'conflict');
    assert.equal(overlap.message, 'cannot create network lan on unix:///var/run/docker.sock: Pool overlaps with other one on this address space');
    assert.equal(overlap.engineMessage, 'Pool overlaps with other one on this address space');
    assert.equal(overlap.status, 403);
    assert.equal(toDockerError(http(409, 'network with name lan already exists'), ctx).kind, 'conflict');
    assert.equal(toDockerError(http(404, 'network lan not found'), ctx).kind, 'notFound');
    const parent = toDockerError(http(500, 'network dm-0123456789ab is already using parent interface eth0'), ctx);
    assert.equal(parent.kind, 'conflict');
    assert.match(parent.hint, /before Engine 27/);
    const vlan = toDockerError(http(500, 'failed to create eth0.10 vlan link: operation not supported'), ctx);
    assert.equal(vlan.kind, 'rejected');
    assert.match(vlan.hint, /kernel lacks/);
    assert.equal(toDockerError(http(500, 'invalid subinterface vlan name ens9, example formatting is eth0.10'), ctx).kind, 'rejected');
  });

  it('tells a timeout from a cancel, and passes DockerErrors through', () => {
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    const t = toDockerError(abort, { ...ctx, aborted: 'timeout', timeoutMs: 15_000 });
    assert.equal(t.kind, 'timeout');
    assert.equal(t.message, 'create network lan on unix:///var/run/docker.sock: no answer within 15 s');
    assert.equal(toDockerError(abort, { ...ctx, aborted: 'cancelled' }).kind, 'cancelled');
    assert.equal(toDockerError(abort, ctx).kind, 'cancelled');
    const mine = new DockerError('other', 'x');
    assert.equal(toDockerError(mine, ctx), mine);
    assert.equal(toDockerError('weird', ctx).message, 'create network lan on unix:///var/run/docker.sock failed: weird');
  });

  it('reads ssh and TLS failures', () => {
    const ssh = toDockerError(Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), { ...ctx, target: 'ssh://ops@lab1' });
    assert.equal(ssh.kind, 'permission');
    assert.equal(ssh.message, 'cannot reach Docker at ssh://ops@lab1: ssh authentication failed');
    const tls = toDockerError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), { ...ctx, target: 'tcp://lab1:2376' });
    assert.equal(tls.kind, 'unreachable');
    assert.match(tls.message, /TLS failed \(DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate\)/);
  });

  it('prints message and hint together', () => {
    assert.equal(new DockerError('unreachable', 'a', 'b').describe(), 'a\n  hint: b');
    assert.equal(new DockerError('other', 'a').describe(), 'a');
  });
});

test('in the editor, hints name its settings instead of the CLI flags', () => {
  const saved = { ...hintWording };
  try {
    useEditorWording();
    const e = toDockerError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { what: 'ping', target: 'unix:///x.sock' });
    assert.equal(e.hint, "start the Docker daemon (e.g. `sudo systemctl start docker`), or point the macvlan.docker.host setting / DOCKER_HOST / the spec's docker: at the right host");
    const t = toDockerError(new Error('x'), { what: 'ping', target: 'unix:///x.sock', aborted: 'timeout', timeoutMs: 15_000 });
    assert.match(t.hint, /raise the timeout \(the macvlan\.docker\.timeoutSeconds setting\)/);
    assert.doesNotMatch(`${e.hint} ${t.hint}`, /--/);
  } finally {
    Object.assign(hintWording, saved);
  }
});
