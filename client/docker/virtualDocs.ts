import * as vscode from 'vscode';

export const INSPECT_SCHEME = 'macvlan-inspect';
export const PLAN_SCHEME = 'macvlan-plan';

/**
 * Read-only documents the commands fill (inspect JSON, plans, apply reports). Content is set
 * before the document opens and forgotten when it closes; setting it again updates an open one.
 */
export class VirtualDocuments implements vscode.Disposable {
  private readonly contents = new Map<string, string>();
  /** Plan documents -> the connections (URLs) they were made against. */
  private readonly planTargets = new Map<string, Set<string>>();
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
        if (d.uri.scheme === INSPECT_SCHEME || d.uri.scheme === PLAN_SCHEME) {
          this.contents.delete(d.uri.toString());
          this.planTargets.delete(d.uri.toString());
        }
      }),
    ];
  }

  /** Sets the content and shows the document (beside the editor when `beside`). */
  async show(uri: vscode.Uri, text: string, opts: { beside?: boolean; preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
    this.contents.set(uri.toString(), text);
    this.emitters.get(uri.scheme)?.fire(uri);
    // Not setTextDocumentLanguage: it closes and reopens the document, which would forget its
    // content here; a plan's name ends in .macvlan-plan, which gives it its language instead.
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, {
      preview: true,
      preserveFocus: opts.preserveFocus ?? false,
      viewColumn: opts.beside ? vscode.ViewColumn.Beside : undefined,
    });
  }

  /** Remembers which connections a plan document was made against (see markStale). */
  planMadeAgainst(uri: vscode.Uri, urls: readonly string[]): void {
    this.planTargets.set(uri.toString(), new Set(urls));
  }

  /**
   * A plan is a snapshot: once a host it was made against changed (an apply, or the Networks
   * view seeing something new, or the host gone), its open document says so at the top rather
   * than keep showing steps that no longer hold.
   */
  markStale(url: string, why: string): void {
    for (const [key, urls] of this.planTargets) {
      const text = this.contents.get(key);
      if (!urls.has(url) || text === undefined || text.startsWith(STALE)) continue;
      this.contents.set(key, `${STALE} — ${why}. Run "macvlan: Plan Apply" again for a current plan.\n\n${text}`);
      this.emitters.get(PLAN_SCHEME)?.fire(vscode.Uri.parse(key));
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The first line of a plan that no longer holds. */
const STALE = '# OUT OF DATE';

export function docUri(scheme: string, ...segments: string[]): vscode.Uri {
  const safe = segments.map((s) => s.replace(/[\\/]+/g, '_'));
  return vscode.Uri.from({ scheme, path: `/${safe.join('/')}` });
}
