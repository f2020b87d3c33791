// The Docker part of the extension against the private engine of the run (scripts/engine: Docker
// 20.10 in its own network namespace, veth "NICs" eth0 eth1 eth2 bond0 …; scripts/e2e/run.sh
// passes its socket as MVS_E2E_DOCKER_HOST and as the workspace's macvlan.docker.host).
// These tests fail, not skip, while the Docker features (client/docker/) are missing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { engineRequest, type EngineResponse } from '../../engine/engine';
import { answerPrompts } from './prompts';
import { uiStep } from './uiSteps';
import { codeOf, codes, describeDiagnostics, extensionApi, openChecked, openSpec, pollUntil, timeSuite, waitForDiagnostics, withTimeout, wsUri, type ExtensionApi } from './util';

/** What the Networks view shows, read from its DOM by test/e2e/ui/steps.mjs. */
interface TreeRow {
  level: number;
  label: string;
  description: string;
  aria: string;
}
interface TreeStep {
  rows: TreeRow[];
  welcome: string;
  shot?: string;
}

interface EngineNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Options: Record<string, string>;
  Labels: Record<string, string> | null;
  IPAM: { Config: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null };
  Containers: Record<string, { Name: string; IPv4Address: string }> | null;
}

// Created by hand on the engine before the extension looks: not managed by macvlan-spec.
const EXISTING = { name: 'e2e-existing', parent: 'eth2', subnet: '203.0.113.0/25', gateway: '203.0.113.1', container: 'e2e-web', address: '203.0.113.10' };
// What test/e2e/workspace/docker/macvlan.yaml asks for.
const APPLIED = [
  { name: 'e2e-lan', parent: 'eth0', subnet: '192.0.2.0/24', gateway: '192.0.2.1', ipRange: '192.0.2.128/25' },
  { name: 'e2e-lab', parent: 'eth1', subnet: '198.51.100.0/24', gateway: '198.51.100.1', ipRange: undefined },
  { name: 'e2e-bond', parent: 'bond0', subnet: '203.0.113.128/25', gateway: '203.0.113.129', ipRange: undefined },
];
const MANAGED_LABEL = 'io.macvlan-spec.managed';

const WHY_NO_DOCKER =
  'the Docker features are missing (client/docker/index.ts is still the placeholder, or dist/docker.js failed to load: see the macvlan output)';

function rowText(r: TreeRow): string {
  return `${r.label} ${r.description} ${r.aria}`;
}

/** Index of the first row showing all of `parts`, or -1. */
function findRow(rows: TreeRow[], parts: string[], from = 0): number {
  for (let i = from; i < rows.length; i++) if (parts.every((p) => rowText(rows[i]).includes(p))) return i;
  return -1;
}

function describeTree(t: TreeStep): string {
  if (t.rows.length === 0) return `no rows; welcome text: "${t.welcome}"`;
  return t.rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label} — ${r.description}`).join('\n    ');
}

/** A network row showing name + subnet, with a row below it (deeper) showing the container + address. */
function assertTreeShows(t: TreeStep, net: { name: string; subnet: string }, container: { name: string; address: string }): void {
  const n = findRow(t.rows, [net.name]);
  assert.ok(n >= 0, `the Networks view lists network ${net.name}; it shows:\n    ${describeTree(t)}`);
  const netRow = t.rows[n];
  // The subnet is on the network's row (label/description) or on one of its children.
  let end = n + 1;
  while (end < t.rows.length && t.rows[end].level > netRow.level) end++;
  const subtree = t.rows.slice(n, end);
  assert.ok(subtree.some((r) => rowText(r).includes(net.subnet)), `network ${net.name} shows its subnet ${net.subnet}:\n    ${describeTree(t)}`);
  assert.ok(
    subtree.some((r) => r.level > netRow.level && rowText(r).includes(container.name) && rowText(r).includes(container.address)),
    `under ${net.name}: container ${container.name} with ${container.address}:\n    ${describeTree(t)}`,
  );
}

interface SnapshotNode {
  text: string;
  children: SnapshotNode[];
}

/** Reads the tree snapshot leniently: any object with a label (string or {label}) and children. */
function normaliseSnapshot(v: unknown): SnapshotNode[] {
  const list = Array.isArray(v) ? v : v && typeof v === 'object' ? ((v as Record<string, unknown>).items ?? (v as Record<string, unknown>).children ?? (v as Record<string, unknown>).roots ?? [v]) : [];
  const out: SnapshotNode[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const label = typeof o.label === 'string' ? o.label : o.label && typeof o.label === 'object' ? String((o.label as { label?: unknown }).label ?? '') : '';
    const description = typeof o.description === 'string' ? o.description : '';
    const tooltip = typeof o.tooltip === 'string' ? o.tooltip : '';
    out.push({ text: `${label} ${description} ${tooltip}`, children: normaliseSnapshot(o.children ?? []) });
  }
  return out;
}

function snapshotHas(nodes: SnapshotNode[], net: { name: string; subnet: string }, container: { name: string; address: string }): boolean {
  const all = (ns: SnapshotNode[]): SnapshotNode[] => ns.flatMap((n) => [n, ...all(n.children)]);
  return all(nodes).some(
    (n) =>
      n.text.includes(net.name) &&
      [n, ...all(n.children)].some((x) => x.text.includes(net.subnet)) &&
      all(n.children).some((c) => c.text.includes(container.name) && c.text.includes(container.address)),
  );
}

suite('docker: Networks view and apply against a private engine', () => {
  timeSuite('docker');
  let socket = '';
  let api: ExtensionApi;
  let existingId = '';
  const req = <T = unknown>(method: string, p: string, body?: unknown): Promise<EngineResponse<T>> => engineRequest<T>(socket, method, p, body);

  suiteSetup(async function () {
    this.timeout(90_000);
    const host = process.env.MVS_E2E_DOCKER_HOST ?? '';
    assert.match(host, /^unix:\/\//, 'MVS_E2E_DOCKER_HOST=unix://… (scripts/e2e/run.sh starts the engine and sets it)');
    socket = host.slice('unix://'.length);
    const ping = await req('GET', '/_ping');
    assert.equal(ping.text, 'OK', `the engine answers on ${socket}`);
    // A network and a running container that macvlan-spec did not create.
    const net = await req<{ Id: string }>('POST', '/networks/create', {
      Name: EXISTING.name,
      Driver: 'macvlan',
      CheckDuplicate: true,
      Options: { parent: EXISTING.parent },
      IPAM: { Driver: 'default', Config: [{ Subnet: EXISTING.subnet, Gateway: EXISTING.gateway }] },
    });
    assert.equal(net.status, 201, net.text);
    existingId = net.json?.Id ?? '';
    const image = process.env.MVS_E2E_ENGINE_IMAGE || 'macvlan-test/busybox:latest';
    const created = await req('POST', `/containers/create?name=${EXISTING.container}`, {
      Image: image,
      Cmd: ['sleep', '3600'],
      StopTimeout: 1,
      HostConfig: { NetworkMode: EXISTING.name },
      NetworkingConfig: { EndpointsConfig: { [EXISTING.name]: { IPAMConfig: { IPv4Address: EXISTING.address } } } },
    });
    assert.equal(created.status, 201, created.text);
    const started = await req('POST', `/containers/${EXISTING.container}/start`);
    assert.equal(started.status, 204, started.text);
    api = await extensionApi();
  });

  suiteTeardown(async function () {
    this.timeout(60_000);
    if (!socket) return;
    // Leave the engine as found, for anything that runs after this suite.
    for (const c of [EXISTING.container, 'e2e-probe']) await req('DELETE', `/containers/${c}?force=true`).catch(() => undefined);
    for (const n of [EXISTING.name, ...APPLIED.map((a) => a.name)]) await req('DELETE', `/networks/${n}`).catch(() => undefined);
  });

  test('the workspace points the extension at the private engine', () => {
    const setting = vscode.workspace.getConfiguration('macvlan').get<string>('docker.host');
    assert.equal(setting, process.env.MVS_E2E_DOCKER_HOST);
  });

  test('activate() exposes docker.treeSnapshot() for tests', () => {
    assert.equal(typeof api.docker?.treeSnapshot, 'function', `expected activate() to return { client, ready, docker: { treeSnapshot() } }: ${WHY_NO_DOCKER}`);
  });

  test('the Networks view lists the engine networks with subnets and containers (tree DOM)', async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.view.extension.macvlan');
    await withTimeout(vscode.commands.executeCommand('macvlan.networks.refresh'), 30_000, 'macvlan.networks.refresh');
    const tree = await uiStep<TreeStep>('tree', { expect: [EXISTING.name, EXISTING.subnet, EXISTING.container, EXISTING.address], timeoutMs: 30_000, shot: 'networks-before' }, 120_000);
    assert.ok(tree.rows.length > 0, `the Networks view has items; ${WHY_NO_DOCKER}; it shows:\n    ${describeTree(tree)}`);
    assertTreeShows(tree, EXISTING, { name: EXISTING.container, address: EXISTING.address });
  });

  test('docker.treeSnapshot() holds the same network, subnet and container', async function () {
    this.timeout(60_000);
    const snap = api.docker?.treeSnapshot;
    assert.ok(typeof snap === 'function', `no docker.treeSnapshot() on the extension API: ${WHY_NO_DOCKER}`);
    const nodes = normaliseSnapshot(await withTimeout(snap(), 30_000, 'treeSnapshot()'));
    assert.ok(snapshotHas(nodes, EXISTING, { name: EXISTING.container, address: EXISTING.address }), `snapshot: ${JSON.stringify(nodes).slice(0, 2000)}`);
  });

  test('a spec overlapping an unmanaged network on the host gets MV208', async function () {
    this.timeout(60_000);
    const { doc } = await openSpec('docker/conflict.macvlan.yaml');
    const ds = await waitForDiagnostics(doc.uri, (d) => codes(d).includes('MV208'), `MV208 (the Docker features send the host's networks to the server): ${WHY_NO_DOCKER}`, 30_000);
    const d = ds.find((x) => codeOf(x) === 'MV208');
    assert.equal(doc.getText(d?.range), '203.0.113.0/24');
    assert.match(d?.message ?? '', /e2e-existing/);
  });

  test('a compose file\'s external network is looked up on the connected host: missing there is MV401, an address outside its subnet MV402', async function () {
    this.timeout(90_000);
    const rel = 'docker/ext/compose.yaml';
    const text = ['services:', '  probe:', '    image: busybox', '    networks:', '      shared:', '        ipv4_address: 198.51.100.7', 'networks:', '  shared:', '    external: true', '    name: e2e-missing', ''].join('\n');
    await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from(text));
    try {
      // The view loads the implicit host's networks, which the extension sends the server.
      await vscode.commands.executeCommand('workbench.view.extension.macvlan');
      const { doc } = await openSpec(rel);
      const ds = await waitForDiagnostics(doc.uri, (d) => codes(d).includes('MV401'), `MV401 for an external network the engine does not have: ${WHY_NO_DOCKER}`, 30_000);
      assert.deepEqual(codes(ds), ['MV401'], describeDiagnostics(ds));
      assert.equal(doc.getText(ds[0].range), 'shared');
      assert.match(ds[0].message, /declared as external, but could not be found/);
      // The network made by hand above exists: the address is now checked against its subnet.
      const edit = new vscode.WorkspaceEdit();
      const at = doc.getText().indexOf('e2e-missing');
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'e2e-missing'.length)), EXISTING.name);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const next = await waitForDiagnostics(doc.uri, (d) => codes(d).includes('MV402'), 'MV402 against the live subnet', 30_000);
      assert.deepEqual(codes(next), ['MV402'], describeDiagnostics(next));
      assert.match(next[0].message, new RegExp(`outside ${EXISTING.subnet.replace(/\./g, '\\.')}, the subnet of network ${EXISTING.name} on the connected host`));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
      await vscode.workspace.fs.delete(wsUri('docker/ext'), { recursive: true }).then(undefined, () => undefined);
    }
  });

  test('apply, confirmed, creates the spec networks and container on the engine', async function () {
    this.timeout(180_000);
    const uri = wsUri('docker/macvlan.yaml');
    const { diagnostics: ds } = await openChecked('docker/macvlan.yaml');
    assert.deepEqual(ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(codeOf), [], describeDiagnostics(ds));

    // VS Code refuses modal dialogs while extension tests run (DialogService.prompt throws
    // "refused to show dialog in tests"), so the test answers the extension's question itself.
    const prompts = answerPrompts(/apply/i);
    let result: unknown;
    try {
      result = await withTimeout(vscode.commands.executeCommand('macvlan.apply', uri), 120_000, 'macvlan.apply');
    } finally {
      prompts.restore();
    }
    if (result && typeof result === 'object' && 'applied' in result) {
      assert.equal((result as { applied: unknown }).applied, true, `macvlan.apply reports: ${JSON.stringify(result).slice(0, 600)}; asked: ${JSON.stringify(prompts.asked)}`);
    }
    const asked = prompts.asked.find((a) => a.chosen !== undefined);
    assert.ok(
      asked,
      `macvlan.apply asked nothing that offers an "Apply" choice (returned ${JSON.stringify(result)}; asked: ${JSON.stringify(prompts.asked)}): ${WHY_NO_DOCKER}`,
    );
    assert.match(`${asked.message}\n${asked.detail}`, /e2e-lan|network|change/i, `the confirmation says what it changes: ${JSON.stringify(asked)}`);

    const nets = await pollUntil(async () => {
      const r = await req<EngineNetwork[]>('GET', '/networks');
      const found = APPLIED.map((a) => r.json?.find((n) => n.Name === a.name));
      return found.every(Boolean) ? (found as EngineNetwork[]) : undefined;
    }, `networks ${APPLIED.map((a) => a.name).join(', ')} on the engine`, 30_000);
    for (const [i, want] of APPLIED.entries()) {
      const n = (await req<EngineNetwork>('GET', `/networks/${nets[i].Id}`)).json;
      assert.ok(n);
      assert.equal(n.Driver, 'macvlan', want.name);
      assert.equal(n.Options.parent, want.parent, want.name);
      assert.deepEqual(
        (n.IPAM.Config ?? []).map((c) => [c.Subnet, c.Gateway, c.IPRange || undefined]),
        [[want.subnet, want.gateway, want.ipRange]],
        want.name,
      );
      assert.equal(n.Labels?.[MANAGED_LABEL], 'true', `${want.name} is labelled as managed`);
    }
    const probe = (await req<{ State: { Running: boolean }; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('GET', '/containers/e2e-probe/json')).json;
    assert.ok(probe, 'container e2e-probe exists');
    assert.equal(probe.State.Running, true, 'e2e-probe runs');
    assert.equal(probe.NetworkSettings.Networks['e2e-lan']?.IPAddress, '192.0.2.10');
    const existing = (await req<EngineNetwork>('GET', `/networks/${EXISTING.name}`)).json;
    assert.equal(existing?.Id, existingId, 'apply left the unmanaged network alone');
    // the plan it showed no longer holds: its document says so at the top
    const planDoc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'macvlan-plan' && d.uri.path.endsWith('macvlan.yaml on local.macvlan-plan'));
    assert.equal(planDoc?.languageId, 'macvlan-plan', 'a plan document has its own language (it wraps)');
    assert.ok(planDoc, `the plan document is open: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`);
    await pollUntil(async () => (planDoc.getText().startsWith('# OUT OF DATE — applied to host local at ') ? true : undefined), 'the plan marked out of date', 15_000);
    assert.match(planDoc.getText(), /\n\nPlan for host local /);
  });

  test('after apply the Networks view shows the new networks', async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand('workbench.view.extension.macvlan');
    await withTimeout(vscode.commands.executeCommand('macvlan.networks.refresh'), 30_000, 'macvlan.networks.refresh');
    const tree = await uiStep<TreeStep>('tree', { expect: ['e2e-lan', '192.0.2.0/24', 'e2e-probe', '192.0.2.10', 'e2e-bond'], timeoutMs: 30_000, shot: 'networks' }, 120_000);
    assertTreeShows(tree, { name: 'e2e-lan', subnet: '192.0.2.0/24' }, { name: 'e2e-probe', address: '192.0.2.10' });
    assert.ok(findRow(tree.rows, ['e2e-bond']) >= 0, `e2e-bond listed:\n    ${describeTree(tree)}`);
    assertTreeShows(tree, EXISTING, { name: EXISTING.container, address: EXISTING.address });
  });

  test('the tree follows an edit of the open spec down to its containers: a moved address shows as a difference', async function () {
    this.timeout(120_000);
    const { doc, editor } = await openSpec('docker/macvlan.yaml');
    const at = doc.getText().indexOf('192.0.2.10 }');
    assert.ok(at > 0);
    try {
      await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '192.0.2.10'.length)), '192.0.2.11'));
      const snap = api.docker?.treeSnapshot;
      assert.ok(typeof snap === 'function');
      const all = (ns: SnapshotNode[]): SnapshotNode[] => ns.flatMap((n) => [n, ...all(n.children)]);
      const probe = await pollUntil(async () => {
        const nodes = all(normaliseSnapshot(await withTimeout(snap(), 30_000, 'treeSnapshot()')));
        return nodes.find((n) => n.text.startsWith('e2e-probe ') && /differs: 192\.0\.2\.10 → 192\.0\.2\.11/.test(n.text));
      }, 'e2e-probe marked as moved in the tree', 30_000);
      assert.ok(probe);
      const lanRow = all(normaliseSnapshot(await snap())).find((n) => n.text.startsWith('e2e-lan '));
      assert.match(lanRow?.text ?? '', /containers differ \(e2e-probe: 192\.0\.2\.10 → 192\.0\.2\.11\)/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('container actions: stop and start a container apply made, from the tree; a hand-made one is not touched; Show Logs reads any', async function () {
    this.timeout(120_000);
    const snap = api.docker?.treeSnapshot;
    assert.ok(typeof snap === 'function');
    type Raw = { label: string; description: string; contextValue: string; children: Raw[] };
    const flat = (ns: Raw[]): Raw[] => ns.flatMap((n) => [n, ...flat(n.children)]);
    const row = async (name: string, want: RegExp) =>
      pollUntil(async () => {
        await vscode.commands.executeCommand('macvlan.networks.refresh');
        const r = flat((await withTimeout(snap(), 30_000, 'treeSnapshot()')) as Raw[]).find((n) => n.label === name);
        return r && want.test(`${r.contextValue} | ${r.description}`) ? r : undefined;
      }, `${name} in the tree as ${want}`, 40_000);
    const nodeOf = async (name: string, network: string, managed: boolean, state: string) => {
      const c = (await req<{ Id: string }>('GET', `/containers/${name}/json`)).json;
      assert.ok(c, name);
      return { contextValue: managed ? `container mine ${state === 'running' ? 'running' : 'stopped'}` : 'container', data: { kind: 'container', network, endpoint: { id: c.Id, name }, state, managed } };
    };
    const status = async (name: string) => (await req<{ State: { Status: string } }>('GET', `/containers/${name}/json`)).json?.State.Status;

    await row('e2e-probe', /^container mine running \|/);
    await row(EXISTING.container, /^container \|/);
    assert.equal(await vscode.commands.executeCommand('macvlan.networks.stopContainer', await nodeOf('e2e-probe', 'e2e-lan', true, 'running')), true);
    assert.equal(await status('e2e-probe'), 'exited');
    await row('e2e-probe', /^container mine stopped \| .*exited/);
    assert.equal(await vscode.commands.executeCommand('macvlan.networks.startContainer', await nodeOf('e2e-probe', 'e2e-lan', true, 'exited')), true);
    assert.equal(await status('e2e-probe'), 'running');
    await row('e2e-probe', /^container mine running \|/);

    assert.equal(await vscode.commands.executeCommand('macvlan.networks.stopContainer', await nodeOf(EXISTING.container, EXISTING.name, false, 'running')), false, 'a hand-made container is not stopped from the tree');
    assert.equal(await status(EXISTING.container), 'running');

    const image = process.env.MVS_E2E_ENGINE_IMAGE || 'macvlan-test/busybox:latest';
    const created = await req('POST', '/containers/create?name=e2e-talker', { Image: image, Cmd: ['sh', '-c', 'echo talker says hello; echo talker warns >&2; exec sleep 3600'], StopTimeout: 1, HostConfig: { NetworkMode: EXISTING.name } });
    assert.equal(created.status, 201, created.text);
    try {
      assert.equal((await req('POST', '/containers/e2e-talker/start')).status, 204);
      const doc = await pollUntil(async () => {
        assert.equal(await vscode.commands.executeCommand('macvlan.networks.showLogs', await nodeOf('e2e-talker', EXISTING.name, false, 'running')), true);
        const d = vscode.window.activeTextEditor?.document;
        return d && d.uri.path.endsWith('/e2e-talker.log') && d.getText().includes('talker warns') ? d : undefined;
      }, 'the logs of e2e-talker in an editor', 20_000);
      assert.match(doc.getText(), /^# logs of container e2e-talker on local: the last 500 lines \(stdout and stderr\), running\n/);
      assert.deepEqual(doc.getText().split('\n').slice(1).filter(Boolean).sort(), ['talker says hello', 'talker warns']);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await req('DELETE', '/containers/e2e-talker?force=true');
    }
  });

  test('a spec with two hosts shows both in the Networks view, each with its own connection state', async function () {
    this.timeout(120_000);
    const uri = wsUri('docker/two-hosts.macvlan.yaml');
    const spec = [
      'version: 1',
      'hosts:',
      `  lab1: { docker: "unix://${socket}" }`,
      '  lab2: { docker: "unix:///nonexistent/docker.sock" }',
      'networks:',
      '  e2e-lan: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1, ip_range: 192.0.2.128/25, hosts: [lab1] }',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(spec));
    try {
      await openSpec('docker/two-hosts.macvlan.yaml');
      await vscode.commands.executeCommand('workbench.view.extension.macvlan');
      const snap = api.docker?.treeSnapshot;
      assert.ok(typeof snap === 'function');
      type Raw = { label: string; description: string; tooltip: string; children: Raw[] };
      const roots = await pollUntil(async () => {
        const r = (await withTimeout(snap(), 60_000, 'treeSnapshot()')) as Raw[];
        return r.length === 2 && /Docker 20\.10/.test(r[0].description) && /unreachable/.test(r[1].description) ? r : undefined;
      }, 'two roots: lab1 connected, lab2 unreachable', 60_000);
      assert.deepEqual(roots.map((r) => r.label), ['lab1', 'lab2']);
      assert.ok(roots[0].children.some((c) => c.label === 'e2e-lan'), `lab1 lists its networks: ${roots[0].children.map((c) => c.label).join(', ')}`);
      assert.equal(roots[1].children[0]?.label, 'Cannot reach Docker', 'lab2 shows its error without hiding lab1');
      assert.match(roots[1].tooltip, /unix:\/\/\/nonexistent\/docker\.sock/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('Add to Spec of a hand-made network: the editor, the tree and the plan agree that it is adopted', async function () {
    this.timeout(180_000);
    const uri = wsUri('docker/adopt.macvlan.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('version: 1\nnetworks: {}\n'));
    try {
      const { doc } = await openSpec('docker/adopt.macvlan.yaml');
      await withTimeout(vscode.commands.executeCommand('macvlan.networks.refresh'), 30_000, 'macvlan.networks.refresh');
      const engineNet = (await req<EngineNetwork>('GET', `/networks/${EXISTING.name}`)).json;
      assert.ok(engineNet);
      const node = { contextValue: 'network vlan', data: { kind: 'network', network: { id: engineNet.Id, name: engineNet.Name, driver: engineNet.Driver, options: engineNet.Options, ipam: [], enableIPv6: false, internal: false, labels: {}, containers: [] } } };
      await withTimeout(vscode.commands.executeCommand('macvlan.networks.addToSpec', node), 60_000, 'macvlan.networks.addToSpec');
      await pollUntil(async () => (doc.getText().includes(EXISTING.subnet) ? true : undefined), `${EXISTING.name} added to the spec`, 20_000);
      assert.match(doc.getText(), new RegExp(`${EXISTING.name}:[\\s\\S]*${EXISTING.container}:`), doc.getText());
      // editor: no MV208 (nor any error) for the network the spec now describes as it is
      const ds = await waitForDiagnostics(doc.uri, (d) => !codes(d).includes('MV208') && d.every((x) => x.severity !== vscode.DiagnosticSeverity.Error), 'no errors once the spec describes the network as it is', 30_000);
      assert.deepEqual(codes(ds).filter((c) => c === 'MV208'), []);
      // tree: the network is "adopted"
      const snap = api.docker?.treeSnapshot;
      assert.ok(typeof snap === 'function');
      const found = await pollUntil(async () => {
        const nodes = normaliseSnapshot(await withTimeout(snap(), 30_000, 'treeSnapshot()'));
        const all = (ns: SnapshotNode[]): SnapshotNode[] => ns.flatMap((n) => [n, ...all(n.children)]);
        return all(nodes).find((x) => x.text.startsWith(`${EXISTING.name} `) && / · adopted /.test(x.text));
      }, `the tree marks ${EXISTING.name} adopted`, 30_000);
      assert.match(found.text, /adopted as it is — apply never recreates or removes it/);
      // plan: nothing to do, and it says why
      const planned = (await withTimeout(vscode.commands.executeCommand('macvlan.plan', { specUri: uri.toString(), confirm: false }), 60_000, 'macvlan.plan')) as { steps: number; conflicts: number; plan: string } | undefined;
      assert.ok(planned, 'macvlan.plan returned a plan');
      assert.equal(planned.steps, 0, planned.plan);
      assert.equal(planned.conflicts, 0, planned.plan);
      assert.match(planned.plan, new RegExp(`= unchanged ${EXISTING.name} +adopted: not created by macvlan-spec, matches the spec`));
      assert.match(planned.plan, new RegExp(`= unchanged ${EXISTING.container} +adopted:`));
      // apply: nothing to do, and the hand-made network is as it was
      const prompts = answerPrompts(/apply/i);
      let applied: unknown;
      try {
        applied = await withTimeout(vscode.commands.executeCommand('macvlan.apply', uri), 120_000, 'macvlan.apply');
      } finally {
        prompts.restore();
      }
      assert.equal((applied as { reason?: string }).reason, 'nothingToDo', JSON.stringify(applied));
      assert.equal((await req<EngineNetwork>('GET', `/networks/${EXISTING.name}`)).json?.Id, existingId);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  test('apply asks with "Apply" (removes nothing) first and "Apply and Remove N" for the orphans apart', async function () {
    this.timeout(240_000);
    // The same spec (name: docker, the folder's name for docker/macvlan.yaml) without e2e-bond,
    // and with e2e-probe changed so that there is something to apply besides the removal.
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri('docker/macvlan.yaml')));
    const text = original.replace('version: 1\n', 'version: 1\nname: docker\n').replace(/\n {2}e2e-bond:\n(?: {4}.*\n)+/, '\n').replace('command: sleep 3600', 'command: sleep 3601');
    assert.ok(!text.includes('e2e-bond') && text.includes('sleep 3601'), text);
    const uri = wsUri('docker/orphans.macvlan.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    try {
      await openChecked('docker/orphans.macvlan.yaml');
      const first = answerPrompts(/^Apply$/);
      let r1: unknown;
      try {
        r1 = await withTimeout(vscode.commands.executeCommand('macvlan.apply', uri), 120_000, 'macvlan.apply');
      } finally {
        first.restore();
      }
      const asked = first.asked.find((a) => a.modal);
      assert.ok(asked, `a modal question: ${JSON.stringify(first.asked)}`);
      assert.deepEqual(asked.choices, ['Apply', 'Apply and Remove 1'], 'the default (first) button removes nothing');
      assert.match(asked.detail, /"Apply and Remove 1" also does:\n• remove network e2e-bond/);
      assert.equal((r1 as { applied?: boolean }).applied, true, JSON.stringify(r1));
      assert.equal((await req('GET', '/networks/e2e-bond')).status, 200, '"Apply" kept the orphan');
      const probe = (await req<{ Config: { Cmd: string[] } }>('GET', '/containers/e2e-probe/json')).json;
      assert.deepEqual(probe?.Config.Cmd, ['sleep', '3601']);

      const second = answerPrompts(/^Apply and Remove/);
      let r2: unknown;
      try {
        r2 = await withTimeout(vscode.commands.executeCommand('macvlan.apply', uri), 120_000, 'macvlan.apply');
      } finally {
        second.restore();
      }
      const asked2 = second.asked.find((a) => a.modal);
      assert.deepEqual(asked2?.choices, ['Apply and Remove 1'], 'nothing else to apply: only the explicit button');
      assert.equal((r2 as { applied?: boolean }).applied, true, JSON.stringify(r2));
      assert.equal((await req('GET', '/networks/e2e-bond')).status, 404, '"Apply and Remove 1" removed it');
      assert.equal((await req<EngineNetwork>('GET', `/networks/${EXISTING.name}`)).json?.Id, existingId, 'never anything that is not the spec\'s');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
