/**
 * The `macvlan.networks` view: a thin vscode adapter over treeModel.ts. Its items come from the
 * HostMonitors' last loads plus, when a spec is open, the drift against it; the first request
 * for items (the view becoming visible) is what first talks to Docker. A spec with several
 * hosts gets one root per host, each with its own monitor (connection, state, events): the
 * selected host's is the extension's main monitor (status bar, commands), the others live here.
 */
import * as vscode from 'vscode';
import type { DriftResult } from '../../core/plan/drift';
import type { DockerHost } from '../../docker/types';
import { DRIFT_METHOD, type DriftAnswer, type DriftParams } from '../../server/protocol';
import { connectionKey, type Resolution } from './connection';
import type { Ask } from './deps';
import type { HostMonitor } from './monitor';
import type { ScopeManager } from './scope';
import { buildTree, hostNameOfNode, toSnapshot, type SnapshotNode, type TreeInput, type TreeNode } from './treeModel';

/** One root of the view: a host of the spec (or the one host without a spec). */
interface HostRoot {
  hostName: string;
  monitor: HostMonitor;
  resolution: Resolution;
}

/** The Docker host a tree node belongs to, for the commands run on it. */
export interface NodeHost {
  name: string;
  url?: string;
  host: DockerHost | undefined;
  /** Reload that host's part of the view (after a change made from it). */
  invalidate(): void;
}

export const VIEW_ID = 'macvlan.networks';

/** The server's drift for a spec version, host and load; `pending` until it answers. */
interface DriftEntry {
  key: string;
  /** Spec and host, without version: a newer version shows the last drift until its own arrives. */
  scope: string;
  drift?: DriftResult;
  pending?: Promise<void>;
}

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export class NetworksView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly view: vscode.TreeView<TreeNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly driftCache = new Map<string, DriftEntry>();
  /** Monitors of the spec's hosts other than the selected one, by host name. */
  private readonly others = new Map<string, { monitor: HostMonitor; key: string }>();
  private lastErrors = 0;
  /** Fired when the view's visibility changes (the status bar follows it). */
  readonly onDidChangeVisibility: vscode.Event<vscode.TreeViewVisibilityChangeEvent>;

  constructor(
    private readonly scopes: ScopeManager,
    private readonly monitor: HostMonitor,
    private readonly ask: Ask,
    /** A monitor for another host of the spec; `connectionKey` of the timeout setting keeps them in step. */
    private readonly newMonitor: () => HostMonitor,
    private readonly keySuffix: () => string,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.onDidChangeVisibility = this.view.onDidChangeVisibility;
    this.subscriptions.push(
      this.emitter,
      this.view,
      this.view.onDidChangeVisibility((e) => {
        monitor.setVisible(e.visible);
        for (const o of this.others.values()) o.monitor.setVisible(e.visible);
      }),
      // The host's tooltip counts the spec's errors: redraw when that count changes.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = scopes.scope.spec?.document.uri;
        if (!uri || !e.uris.some((u) => u.toString() === uri.toString())) return;
        if (this.specErrors(uri) !== this.lastErrors) this.redraw();
      }),
    );
    monitor.setVisible(this.view.visible);
    this.describe();
  }

  get visible(): boolean {
    return this.view.visible;
  }

  redraw(): void {
    this.describe();
    this.emitter.fire();
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(n.label, COLLAPSIBLE[n.collapsible]);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.contextValue = n.contextValue;
    if (n.icon) item.iconPath = new vscode.ThemeIcon(n.icon.id, n.icon.color ? new vscode.ThemeColor(n.icon.color) : undefined);
    if (n.command) item.command = { command: n.command.command, title: n.command.title, arguments: n.command.arguments ?? [n] };
    return item;
  }

  async getChildren(n?: TreeNode): Promise<TreeNode[]> {
    if (n) return n.children;
    const roots = this.roots();
    // The selected host first; the others draw themselves when they have loaded, so one
    // unreachable host never holds up the rest.
    for (const r of roots) if (r.monitor !== this.monitor) void r.monitor.ensureLoaded();
    await this.monitor.ensureLoaded();
    return this.build(roots);
  }

  /** The whole tree, every host freshly loaded (test API). */
  async snapshot(): Promise<SnapshotNode[]> {
    if (this.scopes.scope.spec) await this.scopes.load(this.scopes.scope.spec.document);
    const roots = this.roots();
    await Promise.all(roots.map((r) => r.monitor.refresh()));
    const managers = swarmManagers(roots);
    roots.forEach((r) => this.drift(r, managers));
    await Promise.all(roots.map((r) => this.driftCache.get(r.hostName)?.pending));
    return toSnapshot(this.build(roots));
  }

  build(roots = this.roots()): TreeNode[] {
    const spec = this.scopes.scope.spec;
    this.lastErrors = spec ? this.specErrors(spec.document.uri) : 0;
    const summary = spec ? { name: spec.name, errors: this.lastErrors } : undefined;
    const managers = swarmManagers(roots);
    return roots.flatMap((r) => buildTree(this.input(r, summary, managers)));
  }

  /** The Docker host of a node (its root's); nodes made elsewhere (tests, commands) get the selected one. */
  hostOf(node: TreeNode | undefined): NodeHost {
    const name = node?.id ? hostNameOfNode(node.id) : undefined;
    const other = name !== undefined && name !== this.scopes.scope.hostName ? this.others.get(name)?.monitor : undefined;
    const m = other ?? this.monitor;
    return { name: other ? (name as string) : this.scopes.scope.hostName, url: m.currentTarget?.url, host: m.dockerHost(), invalidate: () => m.invalidate() };
  }

  /**
   * The roots for the current scope: every host of the open spec (spec order), else the one
   * host. Monitors of hosts the spec no longer has are closed.
   */
  private roots(): HostRoot[] {
    const scope = this.scopes.scope;
    const doc = scope.spec?.document;
    const names = doc ? this.scopes.hostsOf(doc).map((h) => h.name) : [];
    if (!doc || names.length <= 1) {
      this.closeOthers(new Set());
      return [{ hostName: scope.hostName, monitor: this.monitor, resolution: scope.resolution }];
    }
    this.closeOthers(new Set(names.filter((n) => n !== scope.hostName)));
    return names.map((name) => {
      if (name === scope.hostName) return { hostName: name, monitor: this.monitor, resolution: scope.resolution };
      const { resolution } = this.scopes.resolveFor(doc, name);
      const key = `${connectionKey(resolution)} ${this.keySuffix()}`;
      let o = this.others.get(name);
      if (!o) {
        o = { monitor: this.newMonitor(), key: '' };
        this.others.set(name, o);
      }
      o.monitor.setTarget(resolution.ok ? resolution.target : undefined, key);
      o.key = key;
      o.monitor.setVisible(this.view.visible);
      return { hostName: name, monitor: o.monitor, resolution };
    });
  }

  private closeOthers(keep: ReadonlySet<string>): void {
    for (const [name, o] of this.others) {
      if (keep.has(name)) continue;
      o.monitor.dispose();
      this.others.delete(name);
      this.driftCache.delete(name);
    }
  }

  private input(root: HostRoot, spec: TreeInput['spec'], managers: string[]): TreeInput {
    const r = root.resolution;
    const s = root.monitor.state;
    return {
      hostName: root.hostName,
      spec,
      connection: r.ok ? { ok: true, url: r.target.url, origin: r.origin } : r,
      status: s.status,
      info: s.info,
      networks: s.networks,
      containers: s.containers,
      error: s.error,
      drift: this.drift(root, managers),
    };
  }

  private specErrors(uri: vscode.Uri): number {
    return vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  }

  /** `swarmManagers`: the roots that are active Swarm managers (where the spec's swarm networks are made). */
  private drift(root: HostRoot, swarmManagers: string[]): DriftResult | undefined {
    const spec = this.scopes.scope.spec;
    const state = root.monitor.state;
    const networks = state.networks;
    if (!spec || !networks || state.status !== 'ok') return undefined;
    const where = `${spec.document.uri.toString()} ${root.hostName}`;
    const key = `${where} @${spec.document.version} ${state.loadedAt} ${swarmManagers.join(',')}`;
    const cached = this.driftCache.get(root.hostName);
    if (cached?.key === key) return cached.drift;
    // The server computes it (it has the parse); meanwhile the last drift of this spec and host stands.
    const entry: DriftEntry = { key, scope: where, drift: cached?.scope === where ? cached.drift : undefined };
    const params: DriftParams = { uri: spec.document.uri.toString(), host: root.hostName, networks, ...(swarmManagers.length ? { swarmManagers } : {}) };
    entry.pending = this.ask<DriftAnswer>(DRIFT_METHOD, params).then(
      (d) => {
        entry.pending = undefined;
        const same = JSON.stringify(d ?? undefined) === JSON.stringify(entry.drift);
        entry.drift = d ?? undefined;
        // Redraw only for news: a redraw re-renders rows the user (or a test) may be clicking.
        if (this.driftCache.get(root.hostName) === entry && !same) this.emitter.fire();
      },
      () => {
        // A spec half-typed into a shape the planner cannot read: no drift until it can.
        entry.pending = undefined;
        entry.drift = undefined;
      },
    );
    this.driftCache.set(root.hostName, entry);
    return entry.drift;
  }

  /** "macvlan.yaml → lab1" (or "→ 3 hosts") next to the view's title. */
  private describe(): void {
    const scope = this.scopes.scope;
    const n = scope.spec ? this.scopes.hostsOf(scope.spec.document).length : 1;
    this.view.description = scope.spec ? `${scope.spec.name} → ${n > 1 ? `${n} hosts` : scope.hostName}` : undefined;
  }

  dispose(): void {
    this.closeOthers(new Set());
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The roots this view sees as active Swarm managers. */
function swarmManagers(roots: readonly HostRoot[]): string[] {
  return roots.filter((r) => r.monitor.state.status === 'ok' && r.monitor.state.info?.swarm?.state === 'active' && r.monitor.state.info.swarm.manager).map((r) => r.hostName);
}
