/**
 * Tells the language server what the connected hosts have (`macvlan/observedState`), per open
 * spec: each spec gets the observations of those of its hosts whose connection was observed
 * (so a spec whose host "lab1" is another daemon never gets this one's networks). Sent when an
 * observation or a spec's hosts change; unchanged state is not sent again (every notification
 * makes the server re-check every open spec). A compose file gets the implicit host's: its
 * `external:` networks are looked up there.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ObservedHost } from '../../core/observed';
import { OBSERVED_STATE_METHOD, type ObservedStateParams } from '../../server/protocol';
import { isComposeFile } from '../../core/compose/fileName';
import { IMPLICIT_HOST } from '../../core/spec/model';
import { specObservedState } from './observedState';
import { isSpec, type ScopeManager } from './scope';

const isCompose = (d: vscode.TextDocument): boolean => d.uri.scheme === 'file' && isComposeFile(d.uri.fsPath);

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class ObservedPublisher implements vscode.Disposable {
  private readonly byUrl = new Map<string, ObservedHost>();
  private readonly sent = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly scopes: ScopeManager,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isSpec(d) || isCompose(d)) this.schedule(0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.sent.delete(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Only a change of hosts: matters, but telling that needs a parse: done debounced.
        if (isSpec(e.document) && this.byUrl.size > 0) this.schedule(500);
      }),
      scopes.onDidChange(() => this.schedule(0)),
      // A restarted server starts without observed state.
      client.onDidChangeState(() => {
        if (client.isRunning()) {
          this.sent.clear();
          this.schedule(0);
        }
      }),
    );
  }

  /** A host's latest observation (undefined: it could not be read; forget it). */
  update(url: string, observed: ObservedHost | undefined): void {
    if (observed) this.byUrl.set(url, observed);
    else if (!this.byUrl.delete(url)) return;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, ms);
  }

  private publish(): void {
    if (!this.client.isRunning()) return;
    for (const doc of vscode.workspace.textDocuments) {
      const compose = isCompose(doc);
      if ((!isSpec(doc) && !compose) || doc.isClosed) continue;
      const uri = doc.uri.toString();
      let json: string;
      let params: ObservedStateParams;
      try {
        // A compose file runs where `docker compose` talks to: the implicit host's connection.
        const names = compose ? [IMPLICIT_HOST] : this.scopes.hostsOf(doc).map((h) => h.name);
        const state = specObservedState(
          names,
          (h) => {
            const r = this.scopes.resolveFor(compose ? undefined : doc, h).resolution;
            return r.ok ? r.target.url : undefined;
          },
          this.byUrl,
        );
        params = { uri, state };
        json = JSON.stringify(state);
        const prev = this.sent.get(uri);
        if (json === prev || (prev === undefined && Object.keys(state.hosts).length === 0)) continue;
      } catch (err) {
        this.log.warn(`observed state for ${uri}: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      this.sent.set(uri, json);
      this.client.sendNotification(OBSERVED_STATE_METHOD, params).catch((err: unknown) => {
        this.sent.delete(uri);
        this.log.warn(`${OBSERVED_STATE_METHOD} for ${uri} not sent: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
