/**
 * The `macvlan.networks` view: a thin vscode adapter over treeModel.ts. Its items come from the
 * HostMonitor's last load plus, when a spec is open, the drift against it; the first request
 * for items (the view becoming visible) is what first talks to Docker.
 */
import * as vscode from 'vscode';
import type { DriftResult } from '../../core/plan/drift';
import { DRIFT_METHOD, type DriftAnswer, type DriftParams } from '../../server/protocol';
import type { Ask } from './deps';
import type { HostMonitor } from './monitor';
import type { ScopeManager } from './scope';
import { buildTree, toSnapshot, type SnapshotNode, type TreeInput, type TreeNode } from './treeModel';

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
  private driftCache: DriftEntry | undefined;
  private lastErrors = 0;
  /** Fired when the view's visibility changes (the status bar follows it). */
  readonly onDidChangeVisibility: vscode.Event<vscode.TreeViewVisibilityChangeEvent>;

  constructor(
    private readonly scopes: ScopeManager,
    private readonly monitor: HostMonitor,
    private readonly ask: Ask,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.onDidChangeVisibility = this.view.onDidChangeVisibility;
    this.subscriptions.push(
      this.emitter,
      this.view,
      this.view.onDidChangeVisibility((e) => monitor.setVisible(e.visible)),
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
    await this.monitor.ensureLoaded();
    return this.build();
  }

  /** The whole tree, freshly loaded (test API). */
  async snapshot(): Promise<SnapshotNode[]> {
    await this.monitor.refresh();
    if (this.scopes.scope.spec) await this.scopes.load(this.scopes.scope.spec.document);
    this.drift();
    await this.driftCache?.pending;
    return toSnapshot(this.build());
  }

  build(): TreeNode[] {
    return buildTree(this.input());
  }

  private input(): TreeInput {
    const scope = this.scopes.scope;
    const r = scope.resolution;
    const s = this.monitor.state;
    const spec = scope.spec;
    const errors = spec ? this.specErrors(spec.document.uri) : 0;
    this.lastErrors = errors;
    return {
      hostName: scope.hostName,
      spec: spec ? { name: spec.name, errors } : undefined,
      connection: r.ok ? { ok: true, url: r.target.url, origin: r.origin } : r,
      status: s.status,
      info: s.info,
      networks: s.networks,
      containers: s.containers,
      error: s.error,
      drift: this.drift(),
    };
  }

  private specErrors(uri: vscode.Uri): number {
    return vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  }

  private drift(): DriftResult | undefined {
    const scope = this.scopes.scope;
    const spec = scope.spec;
    const networks = this.monitor.state.networks;
    if (!spec || !networks || this.monitor.state.status !== 'ok') return undefined;
    const where = `${spec.document.uri.toString()} ${scope.hostName}`;
    const key = `${where} @${spec.document.version} ${this.monitor.state.loadedAt}`;
    const cached = this.driftCache;
    if (cached?.key === key) return cached.drift;
    // The server computes it (it has the parse); meanwhile the last drift of this spec and host stands.
    const entry: DriftEntry = { key, scope: where, drift: cached?.scope === where ? cached.drift : undefined };
    const params: DriftParams = { uri: spec.document.uri.toString(), host: scope.hostName, networks };
    entry.pending = this.ask<DriftAnswer>(DRIFT_METHOD, params).then(
      (d) => {
        entry.pending = undefined;
        const same = JSON.stringify(d ?? undefined) === JSON.stringify(entry.drift);
        entry.drift = d ?? undefined;
        // Redraw only for news: a redraw re-renders rows the user (or a test) may be clicking.
        if (this.driftCache === entry && !same) this.emitter.fire();
      },
      () => {
        // A spec half-typed into a shape the planner cannot read: no drift until it can.
        entry.pending = undefined;
        entry.drift = undefined;
      },
    );
    this.driftCache = entry;
    return entry.drift;
  }

  /** "macvlan.yaml → lab1" next to the view's title. */
  private describe(): void {
    const scope = this.scopes.scope;
    this.view.description = scope.spec ? `${scope.spec.name} → ${scope.hostName}` : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
