import * as vscode from 'vscode';
import type { HostMonitor } from './monitor';
import type { ScopeManager } from './scope';

/**
 * The connected Docker host (spec host name + engine version) in the status bar, shown while a
 * spec is in the editor or the Networks view is open; a click selects another host.
 */
export class HostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('macvlan.dockerHost', vscode.StatusBarAlignment.Right, 100);

  constructor(
    private readonly scopes: ScopeManager,
    private readonly monitor: HostMonitor,
    private readonly viewVisible: () => boolean,
  ) {
    this.item.name = 'macvlan Docker host';
    this.item.command = 'macvlan.selectHost';
    this.update();
  }

  update(): void {
    const scope = this.scopes.scope;
    const r = scope.resolution;
    const s = this.monitor.state;
    const name = scope.hostName;
    const lines = [`Docker host ${name}${scope.spec ? ` (${scope.spec.name})` : ''}`];
    this.item.backgroundColor = undefined;
    if (!r.ok) {
      this.item.text = `$(${r.reason === 'invalid' ? 'warning' : 'shield'}) ${name}`;
      lines.push(r.message);
      if (r.reason === 'invalid') this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (s.status === 'ok') {
      this.item.text = `$(server) ${name}${s.info?.engineVersion ? ` · Docker ${s.info.engineVersion}` : ''}`;
      lines.push(`${r.target.url} (from ${r.origin})`);
      if (s.info) lines.push(`Docker ${s.info.engineVersion}, API ${s.info.apiVersion}${s.info.name ? `, daemon ${s.info.name}` : ''}`);
    } else if (s.status === 'error') {
      this.item.text = `$(warning) ${name}`;
      lines.push(`${r.target.url} (from ${r.origin})`, s.error?.message ?? 'error');
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `$(server) ${name}`;
      lines.push(`${r.target.url} (from ${r.origin})`, s.status === 'loading' ? 'connecting…' : 'not connected yet');
    }
    lines.push('', 'Click to select the Docker host');
    this.item.tooltip = lines.join('\n');
    if (scope.spec || this.viewVisible()) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
