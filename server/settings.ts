import type { Connection } from 'vscode-languageserver/node';
import { normaliseSettings, type CheckSettings } from '../core/settings';
import { SETTINGS_SECTION } from './protocol';

export interface ServerSettings {
  /** Severity overrides and fallback engine, as the check reads them. */
  check: CheckSettings;
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = { check: {}, inlayHints: true };

/** The `macvlan` settings object as the client sends it: untrusted JSON. */
export function readSettings(raw: unknown): ServerSettings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const hints = r.inlayHints as Record<string, unknown> | undefined;
  return { check: normaliseSettings(r), inlayHints: !(hints && typeof hints === 'object' && hints.enabled === false) };
}

/**
 * Settings per document, asked of the client once (workspace/configuration, resource scope)
 * and kept until the client says they changed: a check must never wait on a round trip.
 * Clients without workspace/configuration push them with didChangeConfiguration instead.
 * The same object is handed out until then, so the spec cache can tell that nothing changed.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  private pushed: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let p = this.byUri.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(readSettings, (err: unknown) => {
        this.connection.console.error(`Could not read the ${SETTINGS_SECTION} settings: ${err instanceof Error ? err.message : String(err)}`);
        return DEFAULT_SETTINGS;
      });
      this.byUri.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: drop what is cached; a push client sends the new values along. */
  changed(payload: unknown): void {
    this.byUri.clear();
    if (!this.canPull()) {
      const all = payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      this.pushed = readSettings(all);
    }
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
