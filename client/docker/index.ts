/**
 * Docker features of the extension: the Networks tree view and the plan/apply/import commands.
 *
 * Contract
 * - Bundled on its own as `dist/docker.js` (entry `client/docker/index.ts`) and loaded with
 *   require() on first use, so dockerode is never parsed during activation. Import `vscode`,
 *   `../../docker/*` and dockerode freely here; import only types from '../*'.
 * - Loaded when a Docker command first runs, or in the background once the language server is
 *   up (so the tree view fills without a click). Registration must be cheap: no Docker call
 *   until the view is visible or a command runs.
 * - Commands: do NOT call vscode.commands.registerCommand for the ids in DOCKER_COMMANDS; the
 *   extension already registered proxies for them at activation. Return their handlers in
 *   `commands`; a proxy whose handler is missing tells the user the command is unavailable.
 * - Everything else (createTreeView for `macvlan.networks`, status bar, listeners) is
 *   registered here and pushed to `context.subscriptions`.
 * - Observed host state goes to the server with
 *   `client.sendNotification('macvlan/observedState', params)`, types from server/protocol.ts.
 *
 * Test API (`api`, surfaced by client/extension.ts as `activate().docker`):
 * - `treeSnapshot()`: loads the Networks view's host afresh and returns every node, expanded.
 * - `macvlan.apply` with `{ specUri, host?, confirm: false }` applies without the modal
 *   confirmation, but only when the extension runs in VS Code's development or test mode.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DEFAULT_TIMEOUT_MS, openDockerHost } from '../../docker/dockerodeHost';
import { useEditorWording } from '../../docker/errors';
import type { DockerCommandId } from '../contributions';
import { ApplyCodeLens } from './codeLens';
import type { Ask, Deps } from './deps';
import { configureHost, selectHost } from './hostPicker';
import { HostMonitor } from './monitor';
import { containerAction, showLogs } from './containerCommands';
import { addToSpec, copyAddress, copySubnet, inspectNetwork, removeNetwork } from './networkCommands';
import { NetworksView } from './networksView';
import { ObservedPublisher, type Log } from './publisher';
import { ScopeManager } from './scope';
import { runApply, runImport, runPlan } from './specCommands';
import { HostStatusBar } from './statusBar';
import { allowTlsFiles } from './tlsConsent';
import type { SnapshotNode } from './treeModel';
import { VirtualDocuments } from './virtualDocs';

export type { SnapshotNode } from './treeModel';
export type { ApplyCommandResult, PlanCommandResult } from './specCommands';

export type DockerCommandHandler = (...args: unknown[]) => unknown;

/** For the e2e tests (see the contract above). */
export interface DockerApi {
  /** The Networks view's nodes (label, description, tooltip, contextValue, children), freshly loaded. */
  treeSnapshot(): Promise<SnapshotNode[]>;
}

export interface DockerFeatures {
  commands: Partial<Record<DockerCommandId, DockerCommandHandler>>;
  api?: DockerApi;
}

export type RegisterDockerFeatures = (
  context: vscode.ExtensionContext,
  client: LanguageClient,
) => DockerFeatures | Promise<DockerFeatures>;

function logOf(client: LanguageClient): Log {
  // client/languageClient.ts passes its LogOutputChannel as the client's output channel.
  const ch = client.outputChannel as vscode.OutputChannel & Partial<vscode.LogOutputChannel>;
  const line = (level: string) => (m: string) => ch.appendLine(`[${level}] ${m}`);
  return {
    info: ch.info ? (m) => ch.info?.(m) : line('info'),
    warn: ch.warn ? (m) => ch.warn?.(m) : line('warn'),
    error: ch.error ? (m) => ch.error?.(m) : line('error'),
  };
}

function timeoutMs(): number {
  const s = vscode.workspace.getConfiguration('macvlan').get<number>('docker.timeoutSeconds');
  return typeof s === 'number' && Number.isFinite(s) && s > 0 ? Math.min(s, 600) * 1000 : DEFAULT_TIMEOUT_MS;
}

export const registerDockerFeatures: RegisterDockerFeatures = (context, client) => {
  useEditorWording();
  const log = logOf(client);
  const openHost = (t: Parameters<typeof openDockerHost>[0]) => openDockerHost(t, { timeoutMs: timeoutMs() });
  const docs = new VirtualDocuments();
  const scopes = new ScopeManager(context, client);
  const ask: Ask = (method, params) => client.sendRequest(method, params);
  const publisher = new ObservedPublisher(client, scopes, log);
  let redraw = () => {};
  const monitor = new HostMonitor({
    open: openHost,
    onState: () => redraw(),
    onObserved: (url, observed) => publisher.update(url, observed),
    log: (m) => log.info(m),
  });
  const otherHost = () =>
    new HostMonitor({
      open: openHost,
      onState: () => view.redraw(),
      onObserved: (url, observed) => publisher.update(url, observed),
      log: (m) => log.info(m),
    });
  const view: NetworksView = new NetworksView(scopes, monitor, ask, otherHost, () => String(timeoutMs()));
  const status = new HostStatusBar(scopes, monitor, () => view.visible);
  // What the Networks view last saw of each host, to tell open plans when it changed.
  const seen = new Map<string, string>();
  let lastLoad = '';
  const notePlans = () => {
    const url = monitor.currentTarget?.url;
    const st = monitor.state;
    if (!url || st.status === 'loading' || st.status === 'idle') return;
    // Redraws come often (drift, diagnostics); only a new load can bring news of the host.
    const load = `${url} ${st.status} ${st.loadedAt ?? ''}`;
    if (load === lastLoad) return;
    lastLoad = load;
    const now = st.status === 'ok' ? JSON.stringify((st.networks ?? []).map((n) => [n.id, n.name, n.labels, n.ipam, n.containers.map((c) => [c.name, c.ipv4, c.ipv6, c.mac])])) : `unreachable`;
    const before = seen.get(url);
    seen.set(url, now);
    if (before === undefined || before === now) return;
    const at = new Date().toLocaleTimeString();
    docs.markStale(url, now === 'unreachable' ? `host ${url} could not be reached at ${at}` : `host ${url} changed at ${at} (seen by the Networks view)`);
  };
  redraw = () => {
    view.redraw();
    status.update();
    notePlans();
  };
  // The timeout is part of the key: a new one needs a new connection.
  const follow = () => {
    const s = scopes.scope;
    monitor.setTarget(s.resolution.ok ? s.resolution.target : undefined, `${s.key} ${timeoutMs()}`);
    redraw();
  };
  follow();
  const codeLens = new ApplyCodeLens(scopes);
  context.subscriptions.push(
    docs,
    scopes,
    publisher,
    view,
    status,
    codeLens,
    { dispose: () => monitor.dispose() },
    scopes.onDidChange(follow),
    view.onDidChangeVisibility(() => status.update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('macvlan.docker.timeoutSeconds')) follow();
    }),
  );

  const deps: Deps = {
    log,
    ask,
    scopes,
    monitor,
    view,
    docs,
    publisher,
    openHost,
    // Only VS Code's own test and development modes: no environment variable can switch it on
    // for an installed extension.
    testMode: context.extensionMode !== vscode.ExtensionMode.Production,
  };
  const commands: Record<DockerCommandId, DockerCommandHandler> = {
    'macvlan.plan': (arg) => runPlan(deps, arg),
    'macvlan.apply': (arg) => runApply(deps, arg),
    'macvlan.import': () => runImport(deps),
    'macvlan.selectHost': (arg) => selectHost(deps, arg),
    'macvlan.networks.refresh': async () => {
      scopes.update();
      // The view does not connect while the spec's tls: files lie outside the workspace; a
      // refresh is the user asking to, so ask about the files (allowing updates the scope).
      const s = scopes.scope;
      if (!s.resolution.ok && s.resolution.reason === 'tlsOutside') {
        if (!(await allowTlsFiles(deps, s.resolution, s.hostName, s.spec?.name ?? 'the spec'))) return;
      }
      await monitor.refresh();
      redraw();
    },
    'macvlan.networks.inspect': (arg) => inspectNetwork(deps, arg),
    'macvlan.networks.copySubnet': (arg) => copySubnet(deps, arg),
    'macvlan.networks.copyAddress': (arg) => copyAddress(deps, arg),
    'macvlan.networks.remove': (arg) => removeNetwork(deps, arg),
    'macvlan.networks.addToSpec': (arg) => addToSpec(deps, arg),
    'macvlan.networks.configureHost': () => configureHost(deps),
    'macvlan.networks.startContainer': (arg) => containerAction(deps, 'start', arg),
    'macvlan.networks.stopContainer': (arg) => containerAction(deps, 'stop', arg),
    'macvlan.networks.restartContainer': (arg) => containerAction(deps, 'restart', arg),
    'macvlan.networks.showLogs': (arg) => showLogs(deps, arg),
  };
  return { commands, api: { treeSnapshot: () => view.snapshot() } };
};
