import type { Connection } from 'vscode-languageserver/node';
import { normaliseSettings, type CheckSettings } from '../core/settings';
import { DEFAULT_MAX_DIAGNOSTICS } from './diagnosticLimit';
import { SETTINGS_SECTION } from './protocol';

export interface ServerSettings {
  /** Severity overrides and fallback engine, as the check reads them. */
  check: CheckSettings;
  inlayHints: boolean;
  /** At most this many diagnostics per file (0: all); see diagnosticLimit.ts. */
  maxDiagnostics: number;
  /** Globs (workspace-folder relative) of files left out of the checks across files (hostFiles.ts). */
  workspaceExclude: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { check: {}, inlayHints: true, maxDiagnostics: DEFAULT_MAX_DIAGNOSTICS, workspaceExclude: [] };

/** The `macvlan` settings object as the client sends it: untrusted JSON. */
export function readSettings(raw: unknown): ServerSettings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const hints = r.inlayHints as Record<string, unknown> | undefined;
  const diagnostics = r.diagnostics as Record<string, unknown> | undefined;
  const max = diagnostics && typeof diagnostics === 'object' ? diagnostics.maxPerFile : undefined;
  const workspace = r.workspace as Record<string, unknown> | undefined;
  const exclude = workspace && typeof workspace === 'object' && Array.isArray(workspace.exclude) ? workspace.exclude.filter((x): x is string => typeof x === 'string') : [];
  return {
    check: normaliseSettings(r),
    inlayHints: !(hints && typeof hints === 'object' && hints.enabled === false),
    maxDiagnostics: typeof max === 'number' && Number.isInteger(max) && max >= 0 ? max : DEFAULT_MAX_DIAGNOSTICS,
    workspaceExclude: exclude,
  };
}

/**
 * Settings per document, asked of the client once (workspace/configuration, resource scope)
 * and kept until the client says they changed: a check must never wait on a round trip.
 * Clients without workspace/configuration push them with didChangeConfiguration instead.
 * The same object is handed out until then, so the spec cache can tell that nothing changed.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  /** From initializationOptions: what a client that cannot answer workspace/configuration configures. */
  private initial: { settings: ServerSettings; source: string } = { settings: DEFAULT_SETTINGS, source: 'defaults' };
  private pushed = this.initial;
  /** The settings last logged, so the log says which settings are used once per change, not per request. */
  private logged?: { settings: ServerSettings; source: string; text: string };

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  /**
   * initializationOptions: `{ macvlan: {...} }` or the `macvlan` object itself. They apply until
   * the client sends settings of its own (workspace/configuration or didChangeConfiguration).
   */
  initialize(options: unknown): void {
    if (!options || typeof options !== 'object') return;
    const o = options as Record<string, unknown>;
    const section = SETTINGS_SECTION in o ? o[SETTINGS_SECTION] : o;
    this.initial = { settings: readSettings(section), source: 'initializationOptions' };
    this.pushed = this.initial;
  }

  get(uri: string): Promise<ServerSettings> {
    if (!this.canPull()) return Promise.resolve(this.use(this.pushed.settings, this.pushed.source));
    let p = this.byUri.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw: unknown) => (raw === null || raw === undefined ? this.use(this.initial.settings, this.initial.source) : this.use(readSettings(raw), 'workspace/configuration')),
        (err: unknown) => {
          this.connection.console.error(`Could not read the ${SETTINGS_SECTION} settings: ${err instanceof Error ? err.message : String(err)}`);
          return this.initial.settings;
        },
      );
      this.byUri.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: drop what is cached; a push client sends the new values along. */
  changed(payload: unknown): void {
    this.byUri.clear();
    if (!this.canPull()) {
      const all = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      // A notification without our section (some clients send `{ settings: null }`) keeps what we had.
      if (all !== undefined && all !== null) this.pushed = { settings: readSettings(all), source: 'didChangeConfiguration' };
    }
  }

  /** Logs the settings in use when they differ from the last ones logged: a client author can see what arrived. */
  private use(settings: ServerSettings, source: string): ServerSettings {
    // A push client asks on every request with the same object: no text is built for that.
    if (this.logged?.settings === settings && this.logged.source === source) return settings;
    const text = `${describeSettings(settings)} (from ${source})`;
    if (text !== this.logged?.text) this.connection.console.info(`settings: ${text}`);
    this.logged = { settings, source, text };
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** One line for the log: severity overrides, engine, inlay hints. */
export function describeSettings(s: ServerSettings): string {
  const sev = Object.entries(s.check.severity ?? {}).map(([code, level]) => `${code}=${level}`);
  return [`severity ${sev.length > 0 ? sev.join(' ') : 'defaults'}`, `engine ${s.check.engine ?? 'from the spec or host'}`, `inlay hints ${s.inlayHints ? 'on' : 'off'}`].join(', ');
}
