import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { computeDrift } from '../../../../core/plan/drift';
import { addressesOf, buildTree, hostNameOfNode, toSnapshot, type TreeInput, type TreeNode } from '../../../../client/docker/treeModel';
import { factsOf } from '../../plan/helpers';
import { BRIDGE, ENGINE, HOST_NET, net } from './fixtures';

const MANAGED = { 'io.macvlan-spec.managed': 'true', 'io.macvlan-spec.spec': 'default', 'io.macvlan-spec.hash': '0123456789abcdef' };
const CONN = { ok: true as const, url: 'unix:///var/run/docker.sock', origin: 'the default socket' };

function lan() {
  return net('lan', {
    options: { parent: 'eth0', macvlan_mode: 'bridge' },
    ipam: [
      { subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25', aux: { router2: '192.0.2.2' } },
      { subnet: '2001:db8:10::/64', gateway: '2001:db8:10::1', aux: {} },
    ],
    enableIPv6: true,
    labels: { ...MANAGED, team: 'infra' },
    containers: [
      { id: 'c2'.padEnd(64, '0'), name: 'web', ipv4: '192.0.2.10', ipv6: '2001:db8:10::10', mac: '02:00:c0:00:02:0a' },
      { id: 'c1'.padEnd(64, '0'), name: 'db', ipv4: '192.0.2.11', mac: '02:42:c0:00:02:0b' },
    ],
  });
}

function input(over: Partial<TreeInput> = {}): TreeInput {
  return { hostName: 'local', connection: CONN, status: 'ok', info: ENGINE, networks: [BRIDGE(), lan(), HOST_NET(), net('wifi', { driver: 'ipvlan', options: { parent: 'wlan0' }, ipam: [{ subnet: '198.51.100.0/24', aux: {} }] })], ...over };
}

const all = (ns: TreeNode[]): TreeNode[] => ns.flatMap((n) => [n, ...all(n.children)]);
const find = (ns: TreeNode[], label: string) => all(ns).find((n) => n.label === label);

/** The view/item/context menus of package.json, as (command, contextValue regex). */
function menus(): { command: string; re: RegExp }[] {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  return pkg.contributes.menus['view/item/context'].map((m) => {
    assert.match(m.when ?? '', /view == macvlan\.networks/);
    const r = /viewItem =~ \/(.*?)\//.exec(m.when ?? '');
    assert.ok(r, `menu ${m.command} matches on viewItem`);
    return { command: m.command, re: new RegExp(r[1]) };
  });
}
const offered = (n: TreeNode) =>
  menus()
    .filter((m) => m.re.test(n.contextValue))
    .map((m) => m.command.replace('macvlan.networks.', ''))
    .sort();

test('host → macvlan/ipvlan networks by name, then the others under "Other networks"', () => {
  const [host, ...rest] = buildTree(input());
  assert.equal(rest.length, 0);
  assert.equal(host.label, 'local');
  assert.equal(host.description, 'unix:///var/run/docker.sock · Docker 20.10.24');
  assert.equal(host.collapsible, 'expanded');
  assert.deepEqual(
    host.children.map((c) => [c.label, c.description]),
    [
      ['lan', 'macvlan bridge on eth0 · 192.0.2.0/24, 2001:db8:10::/64 · spec default'],
      ['wifi', 'ipvlan l2 on wlan0 · 198.51.100.0/24'],
      ['Other networks', '2'],
    ],
  );
  assert.deepEqual(
    host.children[2].children.map((c) => [c.label, c.description]),
    [
      ['bridge', 'bridge · 172.17.0.0/16'],
      ['host', 'host · no subnet'],
    ],
  );
});

test('a network lists its settings, then its containers (name, IPv4, IPv6, MAC)', () => {
  const lanNode = find(buildTree(input()), 'lan')!;
  assert.deepEqual(
    lanNode.children.map((c) => [c.label, c.description, c.contextValue]),
    [
      ['driver', 'macvlan', 'property'],
      ['mode', 'bridge', 'property'],
      ['parent', 'eth0', 'property'],
      ['subnet', '192.0.2.0/24', 'address'],
      ['gateway', '192.0.2.1', 'address'],
      ['ip range', '192.0.2.128/25', 'address'],
      ['aux router2', '192.0.2.2', 'address'],
      ['IPv6 subnet', '2001:db8:10::/64', 'address'],
      ['IPv6 gateway', '2001:db8:10::1', 'address'],
      ['labels', 'team=infra', 'property'],
      ['db', '192.0.2.11 · 02:42:c0:00:02:0b', 'container'],
      ['web', '192.0.2.10 · 2001:db8:10::10 · 02:00:c0:00:02:0a', 'container'],
    ],
  );
  assert.equal(find(buildTree(input()), 'wifi')!.children.find((c) => c.label === 'mode')!.description, 'l2 (default)');
});

test('contextValues give exactly the menus package.json means for each kind of node', () => {
  const tree = buildTree(input());
  assert.deepEqual(offered(tree[0]), ['configureHost']);
  assert.deepEqual(offered(find(tree, 'lan')!), ['addToSpec', 'copySubnet', 'inspect', 'remove']);
  assert.deepEqual(offered(find(tree, 'wifi')!), ['addToSpec', 'copySubnet', 'inspect']);
  assert.deepEqual(offered(find(tree, 'bridge')!), ['addToSpec', 'copySubnet', 'inspect']);
  assert.deepEqual(offered(find(tree, 'web')!), ['copyAddress', 'showLogs']);
  assert.deepEqual(offered(find(tree, 'gateway')!), ['copyAddress']);
  for (const label of ['driver', 'mode', 'parent', 'labels', 'Other networks']) assert.deepEqual(offered(find(tree, label)!), [], label);
  const failed = buildTree(input({ status: 'error', networks: undefined, error: { kind: 'unreachable', message: 'cannot reach Docker at unix:///var/run/docker.sock: connection refused', hint: 'start the daemon' } }));
  for (const n of failed[0].children) assert.deepEqual(offered(n), ['configureHost'], n.label);
});

test('"no daemon" is a node with a Configure host… action, not a pop-up', () => {
  const [host] = buildTree(input({ status: 'error', networks: undefined, error: { kind: 'unreachable', message: 'cannot reach Docker at unix:///var/run/docker.sock: connection refused — is the Docker daemon running?', hint: 'start the Docker daemon' } }));
  assert.equal(host.description, 'unix:///var/run/docker.sock · unreachable');
  assert.deepEqual(
    host.children.map((c) => [c.label, c.contextValue, c.command?.command]),
    [
      ['Cannot reach Docker', 'error', 'macvlan.networks.configureHost'],
      ['Configure host…', 'error action', 'macvlan.networks.configureHost'],
    ],
  );
  assert.match(host.children[0].tooltip ?? '', /Hint: start the Docker daemon/);
});

test('an invalid host setting and Restricted Mode are nodes too', () => {
  const [bad] = buildTree(input({ connection: { ok: false, reason: 'invalid', message: 'bad Docker host "ftp://x": unsupported scheme ftp://' }, status: 'idle', networks: undefined }));
  assert.deepEqual(bad.children.map((c) => [c.label, c.contextValue]), [['Invalid Docker host', 'error'], ['Configure host…', 'error action']]);
  const [restricted] = buildTree(input({ connection: { ok: false, reason: 'restricted', message: 'Restricted Mode: not connecting to host lab1 of the spec (docker: ssh://ops@lab1)' }, status: 'idle', networks: undefined }));
  assert.equal(restricted.description, 'Restricted Mode');
  assert.deepEqual(restricted.children.map((c) => [c.label, c.contextValue, c.command?.command]), [['Restricted Mode', 'restricted', 'workbench.trust.manage']]);
});

test('tls: files outside the workspace: no connection, a node that asks (refresh) and no Docker menus', () => {
  const message = 'host lab1 of the spec reads TLS files outside the workspace: tls.key (../../etc/key.pem) is /etc/key.pem';
  const hint = 'refresh the view or run Plan Apply to review and allow them, or move the files into the workspace';
  const [host] = buildTree(input({ connection: { ok: false, reason: 'tlsOutside', message, hint }, status: 'idle', networks: undefined, info: undefined }));
  assert.equal(host.description, 'TLS files outside the workspace');
  assert.deepEqual(host.icon, { id: 'shield' });
  assert.equal(host.data.kind, 'host');
  assert.equal(host.data.kind === 'host' ? host.data.url : 'x', undefined, 'no URL: nothing is connected');
  assert.deepEqual(host.children.map((c) => [c.label, c.contextValue, c.command?.command]), [['TLS files outside the workspace', 'tlsOutside', 'macvlan.networks.refresh']]);
  assert.equal(host.children[0].tooltip, `${message}\n${hint}`);
  for (const m of menus()) assert.doesNotMatch('tlsOutside', m.re, `${m.command} must not apply to the tlsOutside node`);
});

test('while loading the host says so', () => {
  const [host] = buildTree(input({ status: 'loading', networks: undefined, info: undefined }));
  assert.equal(host.description, 'unix:///var/run/docker.sock · connecting…');
  assert.deepEqual(host.children.map((c) => c.label), ['Loading…']);
});

test('with a spec open each network shows its drift; spec-only networks appear among them', () => {
  const facts = factsOf(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/24
        gateway: 192.0.2.1
        ip_range: 192.0.2.128/25
        aux_addresses: { router2: 192.0.2.2 }
        ipv6: { subnet: "2001:db8:10::/64", gateway: "2001:db8:10::1" }
        labels: { team: infra }
      lab:
        parent: eth1
        subnet: 198.51.100.0/25
        gateway: 198.51.100.1
  `);
  const networks = input().networks!;
  const drift = computeDrift(facts, 'local', networks);
  const tree = buildTree(input({ networks, drift, spec: { name: 'macvlan.yaml', errors: 0 } }));
  assert.deepEqual(
    tree[0].children.map((c) => [c.label, c.description, c.contextValue]),
    [
      ['lab', 'macvlan bridge on eth1 · 198.51.100.0/25 · conflicts with the host', 'specnet conflict'],
      ['lan', 'macvlan bridge on eth0 · 192.0.2.0/24, 2001:db8:10::/64 · spec default · in sync', 'network managed vlan sync'],
      ['wifi', 'ipvlan l2 on wlan0 · 198.51.100.0/24 · only on host', 'network vlan extra'],
      ['Other networks', '2', 'group'],
    ],
  );
  // lab overlaps wifi, which apply never touches: the plan refuses it, and the tree says so (MV208 in the editor)
  assert.match(tree[0].tooltip ?? '', /Compared with macvlan\.yaml \(spec default\): 1 in sync, 1 in conflict, 1 only on host/);
  assert.match(find(tree, 'lab')!.tooltip ?? '', /apply refuses until this is resolved/);
  assert.deepEqual(offered(find(tree, 'lab')!), []);
  assert.match(find(tree, 'wifi')!.tooltip ?? '', /apply never touches it/);
});

test('a differing network gets a drift child with one reason per field', () => {
  const facts = factsOf(`
    version: 1
    networks:
      lan:
        parent: eth0
        subnet: 192.0.2.0/25
        gateway: 192.0.2.1
  `);
  const n = net('lan', { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }], labels: MANAGED });
  const tree = buildTree(input({ networks: [n], drift: computeDrift(facts, 'local', [n]), spec: { name: 'macvlan.yaml' } }));
  const node = find(tree, 'lan')!;
  assert.equal(node.description, 'macvlan bridge on eth0 · 192.0.2.0/24 · spec default · differs (subnet 192.0.2.0/24 → 192.0.2.0/25)');
  assert.equal(node.contextValue, 'network managed vlan differs');
  assert.deepEqual(node.icon, { id: 'diff-modified', color: 'list.warningForeground' });
  const d = node.children[0];
  assert.equal(d.description, 'apply recreates it');
  assert.deepEqual(d.children.map((c) => c.label), ['subnet 192.0.2.0/24 → 192.0.2.0/25']);
});

test('node ids are unique and stable across rebuilds (VS Code keeps expansion by id)', () => {
  const a = all(buildTree(input()));
  const ids = a.map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length);
  const again = all(buildTree(input({ networks: input().networks!.map((n) => ({ ...n })) }))).map((n) => n.id);
  assert.equal(again.length, ids.length);
});

test('the snapshot holds labels, descriptions, tooltips and contextValues, fully expanded', () => {
  const snap = toSnapshot(buildTree(input()));
  const lanSnap = snap[0].children.find((c) => c.label === 'lan')!;
  assert.equal(lanSnap.contextValue, 'network managed vlan');
  const web = lanSnap.children.find((c) => c.label === 'web')!;
  assert.deepEqual({ ...web, tooltip: undefined }, { label: 'web', description: '192.0.2.10 · 2001:db8:10::10 · 02:00:c0:00:02:0a', tooltip: undefined, contextValue: 'container', icon: 'vm-running', children: [] });
  assert.doesNotThrow(() => JSON.stringify(snap));
});

test('copy offers the node\'s subnets or addresses', () => {
  const tree = buildTree(input());
  assert.deepEqual(addressesOf(find(tree, 'lan')!), ['192.0.2.0/24', '2001:db8:10::/64']);
  assert.deepEqual(addressesOf(find(tree, 'web')!), ['192.0.2.10', '2001:db8:10::10', '02:00:c0:00:02:0a']);
  assert.deepEqual(addressesOf(find(tree, 'aux router2')!), ['192.0.2.2']);
  assert.deepEqual(addressesOf(find(tree, 'driver')!), []);
});

test('containers under a network show how they stand against the spec; one the spec puts there but that is not, shows too', () => {
  const spec = `
    version: 1
    networks:
      lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }
    containers:
      probe: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.11 } } }
      db: { image: busybox, networks: { lan: { ipv4_address: 192.0.2.30 } } }
  `;
  const n = net('lan', { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }], labels: MANAGED });
  n.containers = [{ id: 'p'.repeat(64), name: 'probe', ipv4: '192.0.2.10' }];
  const facts = factsOf(spec);
  const drift = computeDrift(facts, 'local', [n]);
  const tree = buildTree(input({ networks: [n], drift, spec: { name: 'macvlan.yaml', errors: 0 } }));
  const lanNode = find(tree, 'lan')!;
  assert.match(lanNode.description ?? '', /containers differ \(probe: 192\.0\.2\.10 → 192\.0\.2\.11, \+1\)/);
  const probe = find(tree, 'probe')!;
  assert.equal(probe.description, '192.0.2.10 · differs: 192.0.2.10 → 192.0.2.11');
  const db = find(tree, 'db')!;
  assert.equal(db.description, 'not on lan (apply puts it at 192.0.2.30)');
  assert.equal(db.contextValue, 'specMember missing');
  assert.deepEqual(offered(db), [], 'no container actions on a container that is not there');
});

test('containers show their state: running ones as the network lists them, stopped ones from the container list', () => {
  const n = net('lan', { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }] });
  n.containers = [{ id: 'r'.repeat(64), name: 'up', ipv4: '192.0.2.10' }];
  const containers = [
    { id: 'r'.repeat(64), name: 'up', image: 'busybox', labels: {}, state: 'running', networks: [{ network: 'lan', staticIpv4: '192.0.2.10' }] },
    { id: 's'.repeat(64), name: 'down', image: 'busybox', labels: {}, state: 'exited', networks: [{ network: 'lan', staticIpv4: '192.0.2.11' }] },
    { id: 'o'.repeat(64), name: 'elsewhere', image: 'busybox', labels: {}, state: 'exited', networks: [{ network: 'bridge' }] },
  ];
  const tree = buildTree(input({ networks: [n], containers }));
  const up = find(tree, 'up')!;
  assert.equal(up.description, '192.0.2.10');
  assert.deepEqual(up.icon, { id: 'vm-running', color: 'testing.iconPassed' });
  const down = find(tree, 'down')!;
  assert.equal(down.description, '192.0.2.11 · exited');
  assert.deepEqual(down.icon, { id: 'vm-outline', color: 'disabledForeground' });
  assert.equal(find(tree, 'elsewhere'), undefined, 'only the members of a network are listed under it');
});

test('containers macvlan-spec made offer start, stop, restart and logs by their state; others only logs and copy', () => {
  const n = net('lan', { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }] });
  n.containers = [
    { id: 'r'.repeat(64), name: 'mine-up', ipv4: '192.0.2.10' },
    { id: 'h'.repeat(64), name: 'handmade', ipv4: '192.0.2.12' },
  ];
  const containers = [
    { id: 'r'.repeat(64), name: 'mine-up', image: 'busybox', labels: MANAGED, state: 'running', networks: [{ network: 'lan', staticIpv4: '192.0.2.10' }] },
    { id: 's'.repeat(64), name: 'mine-down', image: 'busybox', labels: MANAGED, state: 'exited', networks: [{ network: 'lan', staticIpv4: '192.0.2.11' }] },
    { id: 'h'.repeat(64), name: 'handmade', image: 'busybox', labels: {}, state: 'running', networks: [{ network: 'lan', staticIpv4: '192.0.2.12' }] },
  ];
  const tree = buildTree(input({ networks: [n], containers }));
  assert.deepEqual(offered(find(tree, 'mine-up')!), ['copyAddress', 'restartContainer', 'showLogs', 'stopContainer']);
  assert.deepEqual(offered(find(tree, 'mine-down')!), ['copyAddress', 'showLogs', 'startContainer']);
  assert.deepEqual(offered(find(tree, 'handmade')!), ['copyAddress', 'showLogs']);
  assert.match(find(tree, 'handmade')!.tooltip ?? '', /running — not created by macvlan-spec: shown, never started or stopped from here/);
});

test('a spec with several hosts: one root per host, ids apart, and a node tells its host', () => {
  const up = buildTree(input({ hostName: 'lab1' }));
  const down = buildTree(input({ hostName: 'lab2', status: 'error', networks: undefined, error: { kind: 'unreachable', message: 'cannot reach Docker at unix:///nowhere.sock', hint: 'start the Docker daemon' } }));
  const roots = [...up, ...down];
  assert.deepEqual(roots.map((r) => [r.label, r.description]), [
    ['lab1', 'unix:///var/run/docker.sock · Docker 20.10.24'],
    ['lab2', 'unix:///var/run/docker.sock · unreachable'],
  ]);
  const ids = (ns: TreeNode[]): string[] => ns.flatMap((n) => [n.id, ...ids(n.children)]);
  const all = ids(roots);
  assert.equal(new Set(all).size, all.length, 'no id twice across hosts');
  assert.equal(hostNameOfNode(find(up, 'lan')!.id), 'lab1');
  assert.equal(hostNameOfNode(down[0].children[0].id), 'lab2');
  assert.equal(hostNameOfNode('lan'), undefined, 'a node made elsewhere has no host of its own');
});

test('a managed container that is restarting or paused offers Stop and Restart, not Start', () => {
  const n = net('lan', { options: { parent: 'eth0', macvlan_mode: 'bridge' }, ipam: [{ subnet: '192.0.2.0/24', gateway: '192.0.2.1', aux: {} }] });
  n.containers = [];
  const containers = ['restarting', 'paused', 'created', 'dead'].map((state, i) => ({ id: String(i).repeat(64), name: `c-${state}`, image: 'busybox', labels: MANAGED, state, networks: [{ network: 'lan', staticIpv4: `192.0.2.${10 + i}` }] }));
  const tree = buildTree(input({ networks: [n], containers }));
  for (const s of ['restarting', 'paused']) assert.deepEqual(offered(find(tree, `c-${s}`)!), ['copyAddress', 'restartContainer', 'showLogs', 'stopContainer'], s);
  for (const s of ['created', 'dead']) assert.deepEqual(offered(find(tree, `c-${s}`)!), ['copyAddress', 'showLogs', 'startContainer'], s);
});
