import * as vscode from 'vscode';
import type { DockerTarget } from '../../docker/target';
import type { DockerHost } from '../../docker/types';
import type { HostMonitor } from './monitor';
import type { NetworksView } from './networksView';
import type { Log, ObservedPublisher } from './publisher';
import type { ScopeManager } from './scope';
import type { VirtualDocuments } from './virtualDocs';

/** A request to the language server (server/protocol.ts): it owns the parse of every spec. */
export type Ask = <T>(method: string, params: unknown) => Promise<T>;

/** What the commands share. */
export interface Deps {
  log: Log;
  ask: Ask;
  scopes: ScopeManager;
  monitor: HostMonitor;
  view: NetworksView;
  docs: VirtualDocuments;
  publisher: ObservedPublisher;
  /** A host with the configured timeout; the caller closes it. */
  openHost(target: DockerTarget): DockerHost;
  /** `{ confirm: false }` is honoured (the extension runs in VS Code's development or test mode). */
  testMode: boolean;
}

/** What plan/apply/selectHost accept: a Uri (editor title, explorer), or `{ specUri, host, confirm }`. */
export interface SpecArg {
  uri?: vscode.Uri;
  host?: string;
  confirm?: boolean;
  /** apply: plan with --prune / --adopt (from a caller that decided already, e.g. a test or a keybinding). */
  prune?: boolean;
  adopt?: boolean;
}

export function parseSpecArg(arg: unknown): SpecArg {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (!arg || typeof arg !== 'object') return {};
  const o = arg as Record<string, unknown>;
  const raw = o.specUri ?? o.uri;
  const uri = raw instanceof vscode.Uri ? raw : typeof raw === 'string' && raw !== '' ? vscode.Uri.parse(raw) : undefined;
  const flag = (k: string) => (typeof o[k] === 'boolean' ? (o[k] as boolean) : undefined);
  return { uri, host: typeof o.host === 'string' ? o.host : undefined, confirm: flag('confirm'), prune: flag('prune'), adopt: flag('adopt') };
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
