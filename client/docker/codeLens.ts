import * as vscode from 'vscode';
import { LANGUAGE_ID, type ScopeManager } from './scope';

/** "Apply to <host> · Plan" (and "Switch host" with several) at the top of every spec. */
export class ApplyCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly scopes: ScopeManager) {
    this.subscriptions = [
      this.emitter,
      vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: LANGUAGE_ID }, { scheme: 'untitled', language: LANGUAGE_ID }], this),
      scopes.onDidChange(() => this.emitter.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const hosts = this.scopes.hostsOf(doc);
    const host = this.scopes.effectiveHost(doc);
    // A spec with several hosts is planned and applied on all of them, as the CLI does.
    const all = hosts.length > 1;
    const arg = all ? { specUri: doc.uri.toString() } : { specUri: doc.uri.toString(), host };
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    if (vscode.workspace.isTrusted) {
      const to = all ? `all ${hosts.length} hosts` : host;
      lenses.push(new vscode.CodeLens(top, { title: `$(cloud-upload) Apply to ${to}`, command: 'macvlan.apply', arguments: [arg], tooltip: `Plan, confirm and apply this spec to ${all ? `hosts ${hosts.map((h) => h.name).join(', ')}` : `host ${host}`}` }));
    }
    lenses.push(new vscode.CodeLens(top, { title: 'Plan', command: 'macvlan.plan', arguments: [arg], tooltip: `What apply would change on ${all ? `hosts ${hosts.map((h) => h.name).join(', ')}` : `host ${host}`}` }));
    if (hosts.length > 1) {
      lenses.push(new vscode.CodeLens(top, { title: 'Switch host', command: 'macvlan.selectHost', arguments: [{ specUri: doc.uri.toString() }], tooltip: `${hosts.length} hosts: ${hosts.map((h) => h.name).join(', ')}` }));
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
