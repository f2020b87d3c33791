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
});
