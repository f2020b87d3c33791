import { LSPErrorCodes, ResponseError, type Connection, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { serverCapabilities } from './capabilities';
import { registerCodeActions } from './codeActions';
import { registerFeatures } from './features';
import { describe, guard, traceLine } from './guard';
import { registerNames } from './names';
import { ObservedStore } from './observed';
import { OBSERVED_STATE_METHOD, SHIM_METHOD, type ShimParams, type ShimResult } from './protocol';
import { defaultService, type LanguageService } from './service';
import { SettingsStore } from './settings';
import { OpenSpecs } from './specs';
import { HostFiles } from './hostFiles';
import { WorkspaceFiles } from './workspaceFiles';
import { DiagnosticResults } from './pullDiagnostics';
import { currentDiagnostics, Validator } from './validation';
import { warmUpRound } from '../core/service/warmUp';
import { formatShims, shimLinks } from '../core/shim/shim';
import { registerSpecRequests } from './specRequests';
import { registerConvert } from './convertRequest';

/** Rounds of warmUpRound() after initialized (~5 ms each once warm). */
const WARM_UP_ROUNDS = 8;

export interface ServerOptions {
  /** Replaces language features (tests use it to make one fail). */
  service?: Partial<LanguageService>;
}

/** Wires the language service to a connection; the caller calls `connection.listen()`. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service: LanguageService = { ...defaultService, ...options.service };
  const log = (m: string): void => {
    try {
      connection.console.error(m);
    } catch {
      // The connection is gone (a timer outlived it): nobody is left to tell.
    }
  };
  let canPull = false;
  let canRefreshHints = false;
  let canShowDisabled = false;
  // Pull diagnostics when the client offers them (VS Code does); push for the others.
  let pull = false;
  let canRefreshDiagnostics = false;
  const results = new DiagnosticResults();
  const settings = new SettingsStore(connection, () => canPull);
  const observed = new ObservedStore();
  const specs = new OpenSpecs(settings, observed);
  const documents = specs.documents;
  let folders: string[] = [];
  // Defined below; the workspace reports changes only after initialized.
  let dependants: (except?: string) => void = () => undefined;
  const workspace = new WorkspaceFiles(() => {
    dependants();
    // Check what changed before a document asks: settings of the first folder stand in.
    void specs.settingsOf(folders[0] ?? '').then((s) => hosts.warm(s), () => undefined);
  });
  const hosts = new HostFiles(specs, workspace, observed);
  const validator = new Validator(specs, hosts, (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }), log);

  connection.onInitialize((params) => {
    canPull = params.capabilities.workspace?.configuration === true;
    settings.initialize(params.initializationOptions);
    canRefreshHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    pull = params.capabilities.textDocument?.diagnostic !== undefined;
    canShowDisabled = params.capabilities.textDocument?.codeAction?.disabledSupport === true;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return { capabilities: serverCapabilities(params.capabilities), serverInfo: { name: 'macvlan-spec' } };
  });

  /** Everything the diagnostics depend on outside the text changed (settings, observed state). */
  const recheck = (uri?: string): void => {
    if (!pull) {
      if (uri !== undefined) validator.now(uri);
      else validator.all();
    } else if (canRefreshDiagnostics) {
      connection.languages.diagnostics.refresh().catch((err: unknown) => log(`diagnostic refresh failed: ${describe(err)}`));
    }
  };

  /**
   * A file's change can change the findings of every other file on its hosts (one host, one
   * address space): they are checked again once the edits pause, not on every keystroke.
   */
  let dependantTimer: NodeJS.Timeout | undefined;
  const DEPENDANTS_DELAY_MS = 300;
  dependants = (except?: string): void => {
    if (dependantTimer) clearTimeout(dependantTimer);
    dependantTimer = setTimeout(guard(log, 'recheck dependants', undefined, () => {
      dependantTimer = undefined;
      if (pull) recheck();
      else for (const d of documents.all()) if (d.uri !== except) validator.now(d.uri);
    }), DEPENDANTS_DELAY_MS);
  };
  const othersThere = (uri: string): boolean => documents.all().some((d) => d.uri !== uri);

  documents.onDidOpen(guard(log, 'didOpen', undefined, (e) => {
    if (!pull) validator.opened(e.document.uri);
    // An open document stands in for its file on disk: the others see its text from now on.
    if (othersThere(e.document.uri)) dependants(e.document.uri);
  }));
  documents.onDidChangeContent(guard(log, 'didChange', undefined, (e) => {
    if (!pull) validator.changed(e.document.uri);
    if (othersThere(e.document.uri)) dependants(e.document.uri);
  }));
  documents.onDidClose(guard(log, 'didClose', undefined, (e) => {
    if (pull) results.forget(e.document.uri);
    else validator.closed(e.document.uri);
    specs.forget(e.document.uri);
    hosts.forget(e.document.uri);
    settings.forget(e.document.uri);
    observed.forget(e.document.uri);
    // Its file on disk (or nothing, for an unsaved one) is what the others see now.
    if (othersThere(e.document.uri)) dependants(e.document.uri);
  }));
  connection.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (p) => {
    void workspace.changed(p.changes).catch((err: unknown) => log(`reading changed workspace files failed: ${describe(err)}`));
  }));

  connection.onDidChangeConfiguration(guard(log, 'didChangeConfiguration', undefined, (p) => {
    settings.changed(p.settings);
    recheck();
    if (canRefreshHints) connection.languages.inlayHint.refresh().catch((err: unknown) => log(`inlay hint refresh failed: ${describe(err)}`));
  }));

  connection.onNotification(OBSERVED_STATE_METHOD, guard(log, OBSERVED_STATE_METHOD, undefined, (p: unknown) => {
    if (!observed.set(p)) {
      log(`${OBSERVED_STATE_METHOD}: ignored params that are not { uri?, state: { hosts } }`);
      return;
    }
    recheck(p.uri);
  }));

  connection.onRequest(SHIM_METHOD, guard(log, SHIM_METHOD, { hosts: [] } as ShimResult, async (p: ShimParams): Promise<ShimResult> => {
    const open = await specs.get(p.uri);
    if (!open) return { hosts: [] };
    const { facts } = open.spec.result;
    const names = facts.model.hosts.map((h) => h.name);
    const host = p.host ?? (names.length === 1 ? names[0] : undefined);
    if (host === undefined || !names.includes(host)) return { hosts: names };
    return { host, text: formatShims(shimLinks(facts, host), host, p.format) };
  }));

  registerSpecRequests(connection, specs, log);
  registerConvert(connection, specs, log);

  const emptyReport: DocumentDiagnosticReport = { kind: 'full', items: [] };
  connection.languages.diagnostics.on(guard(log, 'diagnostic', emptyReport, async (params): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    if (!specs.documents.get(uri)) return emptyReport;
    const items = await currentDiagnostics(specs, hosts, uri);
    // Edited while settings were read: the client asks again for the new version.
    if (!items) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    const report = results.report(uri, items, params.previousResultId);
    traceLine(() => `diagnostic pull v${specs.documents.get(uri)?.version}: ${report.kind}, ${items.length} findings`);
    return report;
  }));

  // Compile the schema validator and warm the checker while the editor is still starting, so
  // the first spec a user opens does not pay for it (~60 ms of ajv compilation alone).
  // A few short rounds, each on its own turn of the event loop, so a didOpen that arrives
  // meanwhile waits for one round at most.
  connection.onInitialized(guard(log, 'initialized', undefined, () => {
    const round = (n: number): void => {
      if (n >= WARM_UP_ROUNDS) return;
      warmUpRound(n);
      setImmediate(guard(log, 'warm-up', undefined, () => round(n + 1)));
    };
    setImmediate(guard(log, 'warm-up', undefined, () => round(0)));
    // The workspace's specs and compose files share hosts with the open ones (hostFiles.ts).
    workspace
      .scan(folders)
      .then(() => {
        workspace.poll();
        if (workspace.truncated) log(`workspace: stopped reading specs and compose files after ${workspace.truncated}; files beyond that are not checked across files until opened`);
      })
      .catch((err: unknown) => log(`reading the workspace's specs and compose files failed: ${describe(err)}`));
  }));

  registerFeatures(connection, specs, hosts, service, log);
  registerNames(connection, specs, service, log);
  registerCodeActions(connection, specs, hosts, service, log, () => canShowDisabled);
  connection.onShutdown(() => {
    validator.dispose();
    workspace.dispose();
    if (dependantTimer) clearTimeout(dependantTimer);
  });
  documents.listen(connection);
}
