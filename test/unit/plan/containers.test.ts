import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../../../core/observed';
import type { ContainerDetail, Step } from '../../../core/plan/types';
import { formatPlan, planToJson } from '../../../core/plan/format';
import { emptyHost, hostAfterApply, kinds, plan } from './helpers';

const SPEC = `
  version: 1
  networks:
    front:
      parent: eth0
      subnet: 192.0.2.0/24
      gateway: 192.0.2.1
    back:
      parent: eth1
      subnet: 198.51.100.0/24
      gateway: 198.51.100.1
  containers:
    web:
      image: nginx:alpine
      command: nginx -g "daemon off;"
      env: { TZ: UTC }
      restart: unless-stopped
      labels: { tier: front }
      networks:
        front: { ipv4_address: 192.0.2.10, mac_address: "02:00:C0:00:02:0A" }
        back: { ipv4_address: 198.51.100.10 }
    db:
      image: postgres:16
      networks:
        back: { ipv4_address: 198.51.100.20 }
`;

const ctr = (host: { containers: ContainerDetail[] }, name: string) => host.containers.find((c) => c.name === name)!;
const only = <K extends Step['kind']>(steps: Step[], kind: K): Extract<Step, { kind: K }> => {
  const s = steps.filter((x) => x.kind === kind);
  assert.equal(s.length, 1, `expected one ${kind}, got ${steps.map((x) => x.kind).join(', ')}`);
  return s[0] as Extract<Step, { kind: K }>;
};

describe('planApply: containers', () => {
  it('creates containers with their image, command, env, restart, labels and addresses (spec order of networks)', () => {
    const p = plan(SPEC, emptyHost());
    const web = p.steps.find((s) => s.kind === 'createContainer' && s.container === 'web');
    assert.ok(web && web.kind === 'createContainer');
    assert.equal(web.def.image, 'nginx:alpine');
    assert.deepEqual(web.def.command, ['nginx', '-g', 'daemon off;']);
    assert.deepEqual(web.def.env, ['TZ=UTC']);
    assert.equal(web.def.restart, 'unless-stopped');
    assert.equal(web.def.labels.tier, 'front');
    assert.equal(web.def.labels[MANAGED_LABEL], 'true');
    assert.match(web.def.labels[HASH_LABEL], /^[0-9a-f]{16}$/);
    assert.deepEqual(web.def.attachments, [
      { network: 'front', ipv4: '192.0.2.10', ipv6: undefined, mac: '02:00:c0:00:02:0a' },
      { network: 'back', ipv4: '198.51.100.10', ipv6: undefined, mac: undefined },
    ]);
    assert.equal(web.pull, false); // presence unknown: the executor pulls if missing
  });

  it('marks images the host lacks for a pull', () => {
    const host = emptyHost();
    host.images = { 'nginx:alpine': false, 'postgres:16': true };
    const p = plan(SPEC, host);
    const pulls = p.steps.flatMap((s) => (s.kind === 'createContainer' ? [`${s.container} ${s.pull}`] : []));
    assert.deepEqual(pulls, ['web true', 'db false']);
  });

  it('connects a container to a network the spec adds, and to a network that is new', () => {
    const host = hostAfterApply(SPEC);
    const changed = SPEC.replace("      networks:\n        back: { ipv4_address: 198.51.100.20 }", '      networks:\n        back: { ipv4_address: 198.51.100.20 }\n        front: { ipv4_address: 192.0.2.20 }');
    const p = plan(changed, host);
    assert.deepEqual(kinds(p), ['connect db']);
    const c = only(p.steps, 'connect');
    assert.deepEqual(c.attach, { network: 'front', ipv4: '192.0.2.20', ipv6: undefined, mac: undefined });
    assert.equal(c.containerId, ctr(host, 'db').id);

    const withNew = changed.replace('  containers:', '    extra:\n      parent: bond0\n      subnet: 203.0.113.0/24\n      gateway: 203.0.113.1\n  containers:').replace('front: { ipv4_address: 192.0.2.20 }', 'extra:');
    assert.deepEqual(kinds(plan(withNew, host)), ['createNetwork extra', 'connect db']);
  });

  it('moves a container to its new address on an unchanged network', () => {
    const host = hostAfterApply(SPEC);
    const p = plan(SPEC.replace('198.51.100.20', '198.51.100.21'), host);
    assert.deepEqual(kinds(p), ['reconnect db']);
    const r = only(p.steps, 'reconnect');
    assert.deepEqual(r.old, { network: 'back', ipv4: '198.51.100.20', ipv6: undefined });
    assert.equal(r.attach.ipv4, '198.51.100.21');
    assert.deepEqual(r.reasons, ['back: 198.51.100.20 → 198.51.100.21']);
  });

  it('disconnects a managed container from a managed network the spec no longer gives it', () => {
    const host = hostAfterApply(SPEC);
    const p = plan(SPEC.replace('        back: { ipv4_address: 198.51.100.10 }\n', ''), host);
    assert.deepEqual(kinds(p), ['disconnect web']);
    const d = only(p.steps, 'disconnect');
    assert.equal(d.network, 'back');
    assert.equal(d.reason, 'the spec no longer puts web on back');
  });

  it('starts a managed container that is not running', () => {
    const host = hostAfterApply(SPEC);
    ctr(host, 'db').state = 'exited';
    const p = plan(SPEC, host);
    assert.deepEqual(kinds(p), ['startContainer db']);
    assert.equal(only(p.steps, 'startContainer').state, 'exited');
  });

  it('recreates a container whose definition changed, saying what changed', () => {
    const host = hostAfterApply(SPEC);
    ctr(host, 'web').config = { command: ['nginx', '-g', 'daemon off;'], env: ['TZ=UTC', 'PATH=/usr/bin'], restart: 'unless-stopped', macAddress: '02:00:c0:00:02:0a', imageCommand: ['nginx'], imageEnv: ['PATH=/usr/bin'], imageLabels: { maintainer: 'x' } };
    ctr(host, 'web').labels.maintainer = 'x';
    const p = plan(SPEC.replace('image: nginx:alpine', 'image: nginx:1.27').replace('TZ: UTC', 'TZ: CET'), host);
    assert.deepEqual(kinds(p), ['recreateContainer web']);
    const r = only(p.steps, 'recreateContainer');
    assert.deepEqual(r.reasons, ['image nginx:alpine → nginx:1.27', 'env TZ changed']);
    assert.equal(r.wasRunning, true);
    assert.equal(r.id, ctr(host, 'web').id);
  });

  it('never shows an env value, from the host or the spec, in reasons, plan text or plan JSON', () => {
    const host = hostAfterApply(SPEC);
    ctr(host, 'web').config = { command: ['nginx', '-g', 'daemon off;'], env: ['TZ=UTC', 'API_TOKEN=old-secret-token', 'GONE=old-gone-value'], restart: 'unless-stopped', macAddress: '02:00:c0:00:02:0a', imageCommand: ['nginx'], imageEnv: [], imageLabels: {} };
    const p = plan(SPEC.replace('TZ: UTC', 'TZ: UTC, API_TOKEN: new-secret-token, ADDED: new-added-value'), host);
    const r = only(p.steps, 'recreateContainer');
    assert.deepEqual(r.reasons, ['env ADDED, API_TOKEN, GONE changed']);
    const created = plan(SPEC.replace('TZ: UTC', 'TZ: UTC, API_TOKEN: new-secret-token'), emptyHost());
    for (const shown of [formatPlan(p), JSON.stringify(planToJson(p)), formatPlan(created), JSON.stringify(planToJson(created))]) {
      assert.doesNotMatch(shown, /secret-token|old-gone-value|new-added-value|UTC/);
    }
    const json = planToJson(created) as { steps: { kind: string; def?: { envNames?: string[]; env?: unknown } }[] };
    const create = json.steps.find((st) => st.kind === 'createContainer' && st.def?.envNames?.includes('API_TOKEN'));
    assert.deepEqual(create?.def?.envNames, ['TZ', 'API_TOKEN']);
    assert.equal(create?.def?.env, undefined);
  });

  it('without inspect details, still recreates on a hash change', () => {
    const host = hostAfterApply(SPEC);
    const p = plan(SPEC.replace('restart: unless-stopped', 'restart: always'), host);
    const r = only(p.steps, 'recreateContainer');
    assert.match(r.reasons[0], /^definition changed \(hash [0-9a-f]{16} → [0-9a-f]{16}\)$/);
  });

  it("keeps this spec's containers that left it as orphans, removes them with --prune; leaves everyone else's alone", () => {
    const host = hostAfterApply(SPEC);
    host.containers.push({ id: 's'.repeat(64), name: 'sidecar', image: 'alpine', labels: {}, state: 'running', networks: [{ network: 'bridge' }] });
    host.containers.push({ id: 't'.repeat(64), name: 'theirs', image: 'alpine', labels: { [MANAGED_LABEL]: 'true', [SPEC_LABEL]: 'lab', [HASH_LABEL]: '0123456789abcdef' }, state: 'running', networks: [{ network: 'bridge' }] });
    const smaller = SPEC.replace(/ {4}db:\n(?: {6}.*\n)+/, '');
    const kept = plan(smaller, host);
    assert.deepEqual(kinds(kept), []);
    assert.deepEqual(kept.orphans, [{ kind: 'container', name: 'db', id: ctr(host, 'db').id, reason: "this spec's container, no longer in the spec for this host" }]);
    const p = plan(smaller, host, 'local', { prune: true });
    assert.deepEqual(kinds(p), ['removeContainer db']);
    assert.equal(only(p.steps, 'removeContainer').id, ctr(host, 'db').id);
  });

  it("an image's labels never make a container ours: managed and spec labels the image carries are not the container's own", () => {
    const host = hostAfterApply(SPEC);
    const labelled = { [MANAGED_LABEL]: 'true', [SPEC_LABEL]: 'default', [HASH_LABEL]: '0123456789abcdef' };
    const config = { env: [], restart: 'no', imageEnv: [], imageLabels: { ...labelled } };
    host.containers.push({ id: 'i'.repeat(64), name: 'from-image', image: 'evil', labels: { ...labelled }, state: 'running', networks: [{ network: 'bridge' }], config });
    const p = plan(SPEC, host, 'local', { prune: true });
    assert.deepEqual(kinds(p), []);
    assert.deepEqual(p.orphans, []);
    // our own labels on top of an image with only the managed label: still ours
    const db = ctr(host, 'db');
    db.config = { env: [], restart: 'no', imageEnv: [], imageLabels: { [MANAGED_LABEL]: 'true' } };
    assert.deepEqual(plan(SPEC, host).unchanged.find((u) => u.name === 'db')?.state, 'owned');
  });

  it("refuses another spec's container by name, naming the spec", () => {
    const host = hostAfterApply(SPEC);
    ctr(host, 'db').labels[SPEC_LABEL] = 'lab';
    const p = plan(SPEC, host, 'local', { prune: true, adopt: true });
    assert.deepEqual(p.conflicts.map((c) => c.name), ['db']);
    assert.match(p.conflicts[0].message, /^container db \(id c\d+\) belongs to spec lab/);
  });

  it("an address an orphan holds blocks a create until --prune, which removes the orphan first", () => {
    const host = hostAfterApply(SPEC);
    const renamed = SPEC.replace('    db:', '    db2:');
    const p = plan(renamed, host);
    assert.match(p.conflicts.map((c) => c.message).join('\n'), /is held by container db — this spec's container, no longer in the spec \(an orphan\); run apply --prune/);
    const q = plan(renamed, host, 'local', { prune: true });
    assert.deepEqual(q.conflicts, []);
    assert.deepEqual(kinds(q), ['removeContainer db', 'createContainer db2']);
  });

  it('leaves an unmanaged container that matches the spec as it is, and refuses one that differs', () => {
    const host = hostAfterApply(SPEC);
    const db = ctr(host, 'db');
    db.labels = {};
    const same = plan(SPEC, host);
    assert.deepEqual(same.steps, []);
    assert.deepEqual(same.conflicts, []);
    assert.deepEqual(same.unchanged.find((u) => u.name === 'db'), { kind: 'container', name: 'db', id: db.id, state: 'adopted' });

    db.image = 'postgres:15';
    db.networks[0].staticIpv4 = '198.51.100.99';
    const p = plan(SPEC, host);
    assert.deepEqual(p.conflicts.map((c) => `${c.kind} ${c.name}`), ['container db']);
    assert.equal(
      p.conflicts[0].message,
      `a container named db (id ${db.id.slice(0, 12)}, image postgres:15) exists on the host but was not created by macvlan-spec, and differs from the spec (image postgres:15, the spec says postgres:16; back 198.51.100.99, the spec says 198.51.100.20); apply never changes it — make the spec match it, rename the spec's container, or remove the existing one yourself`,
    );
    assert.ok(!kinds(p).some((k) => k.endsWith(' db')));
  });

  it('warns that a MAC on a second network needs API 1.44', () => {
    const changed = SPEC.replace('back: { ipv4_address: 198.51.100.10 }', 'back: { ipv4_address: 198.51.100.10, mac_address: "02:00:00:00:00:0b" }');
    const p = plan(changed, emptyHost());
    assert.deepEqual(p.warnings, [
      'container web: mac_address on back (not its first network) needs Docker API 1.44 (Engine 25); this host speaks 1.41 and will give that interface a random MAC',
    ]);
    const newer = { ...emptyHost(), apiVersion: '1.47' };
    assert.deepEqual(plan(changed, newer).warnings, []);
  });

  it('orders creates that need no removal first, recreates next, removals last', () => {
    const host = hostAfterApply(SPEC);
    ctr(host, 'db').state = 'exited';
    host.containers.push({ ...ctr(host, 'db'), id: 'o'.repeat(64), name: 'old', state: 'running' });
    const changed = SPEC.replace(/front:\n {6}parent: eth0\n {6}subnet: 192.0.2.0\/24\n {6}gateway: 192.0.2.1/, 'front:\n      parent: eth0\n      subnet: 192.0.2.0/24\n      gateway: 192.0.2.254')
      .replace('  containers:', '    extra:\n      parent: bond0\n      subnet: 203.0.113.0/24\n      gateway: 203.0.113.1\n  containers:\n    new1:\n      image: busybox\n      networks: { extra: }')
      .replace('198.51.100.20', '198.51.100.21');
    const p = plan(changed, host, 'local', { prune: true });
    assert.deepEqual(kinds(p), ['createNetwork extra', 'recreateNetwork front', 'createContainer new1', 'reconnect db', 'startContainer db', 'removeContainer old']);
    // the orphan on the recreated network is taken off it and not put back: it goes at the end
    const front = p.steps.find((s) => s.kind === 'recreateNetwork');
    assert.deepEqual(front?.kind === 'recreateNetwork' && front.reattach.find((r) => r.container === 'old')?.next, undefined);
  });
});

describe('container order', () => {
  it('creates containers with only static addresses before dynamic ones', () => {
    const p = plan(
      `
      version: 1
      networks:
        lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: 192.0.2.0/25 }
      containers:
        aa-dynamic: { image: busybox, networks: { lan: } }
        zz-static: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.2 } } }
      `,
      emptyHost(),
    );
    const order = p.steps.flatMap((s) => (s.kind === 'createContainer' ? [s.container] : []));
    assert.deepEqual(order, ['zz-static', 'aa-dynamic']);
  });
});
