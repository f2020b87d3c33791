/**
 * What the Docker features are looking at: the spec in the editor (if any), which of its hosts,
 * and how to reach that host's daemon. Changes when the active editor, the spec's text, the
 * settings, workspace trust or the user's host selection change.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMPLICIT_HOST } from '../../core/spec/model';
import { SPEC_INFO_METHOD, type SpecHostInfo, type SpecInfo, type SpecInfoParams } from '../../server/protocol';
import type { TlsFileOutside } from '../../docker/tlsPaths';
import { AUTO, connectionKey, resolveConnection, tlsAllowKey, type ConnectionChoice, type Resolution } from './connection';

/** Same as client/contributions.ts (this bundle imports only types from the client). */
export const LANGUAGE_ID = 'macvlan-yaml';
const CHOICE_KEY = 'macvlan.docker.connection';

export interface SpecInScope {
  document: vscode.TextDocument;
  /** What the language server says about the spec; undefined until its first answer. */
  info?: SpecInfo;
  /** File name, for labels. */
  name: string;
}

export interface Scope {
  spec?: SpecInScope;
  /** Spec host name; "local" without a spec (the implicit host). */
  hostName: string;
  resolution: Resolution;
  /** Equal keys: the same daemon, reached the same way. */
  key: string;
}

export interface HostResolution {
  hostName: string;
  hostSpec?: SpecHostInfo;
  resolution: Resolution;
}

export const isSpec = (doc: vscode.TextDocument): boolean => doc.languageId === LANGUAGE_ID;

/** The spec's hosts as the server last described them; the implicit host until it has. */
export function hostsOf(info: SpecInfo | undefined): SpecHostInfo[] {
  return info?.hosts.length ? info.hosts : [{ name: IMPLICIT_HOST }];
}

export class ScopeManager implements vscode.Disposable {
  private readonly selected = new Map<string, string>();
  /** The server's answers, by URI (the latest known version; a stale one serves until the next arrives). */
  private readonly infos = new Map<string, SpecInfo>();
  private readonly pending = new Map<string, Promise<SpecInfo | undefined>>();
  /** tls: files outside the workspace the user allowed; kept for the session only, on purpose. */
  private readonly tlsAllowed = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<Scope>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private choice: ConnectionChoice;
  private current: Scope;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.choice = context.workspaceState.get<ConnectionChoice>(CHOICE_KEY) ?? AUTO;
    this.current = this.compute();
    this.subscriptions.push(
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.current.spec?.document) this.updateSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.infos.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('macvlan.docker')) this.update();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    );
  }

  get scope(): Scope {
    return this.current;
  }

  get connectionChoice(): ConnectionChoice {
    return this.choice;
  }

  /** The spec the features work on: the active editor's, else the first visible one. */
  specDocument(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isSpec(active)) return active;
    return vscode.window.visibleTextEditors.map((e) => e.document).find(isSpec);
  }

  /**
   * What the server last said about `doc` (possibly of an earlier version), asking again when
   * the version moved on; the scope updates when the answer arrives. The extension host never
   * parses a spec: the server has the parse, the settings and the checks.
   */
  infoOf(doc: vscode.TextDocument): SpecInfo | undefined {
    const hit = this.infos.get(doc.uri.toString());
    if (!hit || hit.version < doc.version) void this.load(doc);
    return hit;
  }

  /** The server's answer for the document's current version (for commands, which must not act on a stale one). */
  load(doc: vscode.TextDocument): Promise<SpecInfo | undefined> {
    const key = doc.uri.toString();
    const hit = this.infos.get(key);
    if (hit && hit.version >= doc.version) return Promise.resolve(hit);
    const at = `${key}@${doc.version}`;
    let p = this.pending.get(at);
    if (p) return p;
    p = this.client.sendRequest<SpecInfo | null>(SPEC_INFO_METHOD, { uri: key } satisfies SpecInfoParams).then(
      (info) => {
        this.pending.delete(at);
        if (!info) return undefined;
        const prev = this.infos.get(key);
        if (!prev || prev.version <= info.version) this.infos.set(key, info);
        if (JSON.stringify(prev) !== JSON.stringify(info)) this.update(true);
        return info;
      },
      () => {
        this.pending.delete(at);
        return undefined;
      },
    );
    this.pending.set(at, p);
    return p;
  }

  /** The spec's hosts (the implicit one until the server has answered). */
  hostsOf(doc: vscode.TextDocument): SpecHostInfo[] {
    return hostsOf(this.infoOf(doc));
  }

  /** The host the user picked for this spec, while the spec still has it. */
  selectedHost(doc: vscode.TextDocument): string | undefined {
    const name = this.selected.get(doc.uri.toString());
    return name !== undefined && this.hostsOf(doc).some((h) => h.name === name) ? name : undefined;
  }

  /** The picked host, else the first (the implicit "local" when the spec has no hosts:). */
  effectiveHost(doc: vscode.TextDocument): string {
    return this.selectedHost(doc) ?? this.hostsOf(doc)[0]?.name ?? IMPLICIT_HOST;
  }

  setSelectedHost(doc: vscode.TextDocument, host: string): void {
    this.selected.set(doc.uri.toString(), host);
    this.update();
  }

  setChoice(choice: ConnectionChoice): void {
    this.choice = choice;
    void this.context.workspaceState.update(CHOICE_KEY, choice.kind === 'auto' ? undefined : choice);
    this.update();
  }

  setting(): string {
    return vscode.workspace.getConfiguration('macvlan').get<string>('docker.host', '') ?? '';
  }

  /** false only when the user turned ssh host key checks off (a restricted setting). */
  sshHostKeyCheck(): boolean {
    return vscode.workspace.getConfiguration('macvlan').get<boolean>('docker.sshHostKeyCheck', true) !== false;
  }

  /** How `hostName` of `doc` (or, without a doc, the implicit host) is reached. */
  resolveFor(doc: vscode.TextDocument | undefined, hostName?: string, choice: ConnectionChoice = this.choice): HostResolution {
    const info = doc ? this.infoOf(doc) : undefined;
    const name = hostName ?? (doc ? this.effectiveHost(doc) : IMPLICIT_HOST);
    const hostSpec = info?.hosts.find((h) => h.name === name);
    const resolution = resolveConnection({
      specHost: hostSpec,
      specDir: doc ? specDir(doc) : undefined,
      choice,
      setting: this.setting(),
      sshHostKeyCheck: this.sshHostKeyCheck(),
      trusted: vscode.workspace.isTrusted,
      tlsRoot: doc ? tlsRoot(doc) : undefined,
      tlsAllowed: this.tlsAllowed,
    });
    return { hostName: name, hostSpec, resolution };
  }

  /** The user allowed reading these tls: files (tlsConsent.ts); the views may connect now. */
  allowTls(files: readonly TlsFileOutside[]): void {
    for (const f of files) this.tlsAllowed.add(tlsAllowKey(f));
    this.update();
  }

  /** Recomputes now; fires when something that matters changed (`infoChanged`: the server's answer did). */
  update(infoChanged = false): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = undefined;
    const next = this.compute();
    const prev = this.current;
    this.current = next;
    const same =
      !infoChanged &&
      prev.key === next.key &&
      prev.hostName === next.hostName &&
      prev.spec?.document === next.spec?.document &&
      prev.spec?.document.version === next.spec?.document.version;
    if (!same) this.emitter.fire(next);
  }

  private updateSoon(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.update(), 500);
  }

  private compute(): Scope {
    const doc = this.specDocument();
    const r = this.resolveFor(doc);
    const spec = doc ? { document: doc, info: this.infoOf(doc), name: path.basename(doc.uri.path) || doc.uri.toString() } : undefined;
    return { spec, hostName: r.hostName, resolution: r.resolution, key: connectionKey(r.resolution) };
  }

  dispose(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Where relative tls: paths of a spec start: its folder, else (untitled) the workspace's. */
export function specDir(doc: vscode.TextDocument): string | undefined {
  if (doc.uri.scheme === 'file') return path.dirname(doc.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Where a spec's tls: files may be read without asking: its workspace folder, else its own folder. */
export function tlsRoot(doc: vscode.TextDocument): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (folder?.uri.scheme === 'file') return folder.uri.fsPath;
  return specDir(doc);
}
