import * as vscode from 'vscode';

export const INSPECT_SCHEME = 'macvlan-inspect';
export const PLAN_SCHEME = 'macvlan-plan';

/**
 * Read-only documents the commands fill (inspect JSON, plans, apply reports). Content is set
 * before the document opens and forgotten when it closes; setting it again updates an open one.
 */
export class VirtualDocuments implements vscode.Disposable {
  private readonly contents = new Map<string, string>();
  // One emitter per scheme: VS Code ignores a provider's change event for another scheme.
  private readonly emitters = new Map([INSPECT_SCHEME, PLAN_SCHEME].map((s) => [s, new vscode.EventEmitter<vscode.Uri>()] as const));
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      ...this.emitters.values(),
      ...[...this.emitters].map(([scheme, emitter]) =>
        vscode.workspace.registerTextDocumentContentProvider(scheme, {
          onDidChange: emitter.event,
          provideTextDocumentContent: (uri) => this.contents.get(uri.toString()) ?? '',
        }),
      ),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === INSPECT_SCHEME || d.uri.scheme === PLAN_SCHEME) this.contents.delete(d.uri.toString());
      }),
    ];
  }

  /** Sets the content and shows the document (beside the editor when `beside`). */
  async show(uri: vscode.Uri, text: string, opts: { beside?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    this.contents.set(uri.toString(), text);
    this.emitters.get(uri.scheme)?.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, {
      preview: true,
      preserveFocus: opts.preserveFocus ?? false,
      viewColumn: opts.beside ? vscode.ViewColumn.Beside : undefined,
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

export function docUri(scheme: string, ...segments: string[]): vscode.Uri {
  const safe = segments.map((s) => s.replace(/[\\/]+/g, '_'));
  return vscode.Uri.from({ scheme, path: `/${safe.join('/')}` });
}
