import type { ObservedState } from '../core/observed';
import type { ObservedStateParams } from './protocol';

/** The latest observed host state, for every spec and per spec URI. */
export class ObservedStore {
  private global: ObservedState | undefined;
  private readonly byUri = new Map<string, ObservedState>();

  get(uri: string): ObservedState | undefined {
    return this.byUri.get(uri) ?? this.global;
  }

  /** Stores a notification's state; false when the params are not shaped like one. */
  set(params: unknown): params is ObservedStateParams {
    if (!isParams(params)) return false;
    if (params.uri !== undefined) this.byUri.set(params.uri, params.state);
    else this.global = params.state;
    return true;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** The client is ours, but a malformed message must not reach the rules as if it were state. */
function isParams(p: unknown): p is ObservedStateParams {
  if (!p || typeof p !== 'object') return false;
  const { uri, state } = p as Record<string, unknown>;
  if (uri !== undefined && typeof uri !== 'string') return false;
  if (!state || typeof state !== 'object') return false;
  const hosts = (state as Record<string, unknown>).hosts;
  if (!hosts || typeof hosts !== 'object') return false;
  return Object.values(hosts as Record<string, unknown>).every((h) => {
    if (!h || typeof h !== 'object') return false;
    const host = h as Record<string, unknown>;
    if (host.engine !== undefined && typeof host.engine !== 'string') return false;
    if (host.interfaces !== undefined && !(Array.isArray(host.interfaces) && host.interfaces.every((i) => typeof i === 'string'))) return false;
    return Array.isArray(host.networks) && host.networks.every(isNetwork);
  });
}

function isNetwork(n: unknown): boolean {
  if (!n || typeof n !== 'object') return false;
  const r = n as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.driver === 'string' &&
    Array.isArray(r.subnets) &&
    r.subnets.every((s) => typeof s === 'string') &&
    !!r.labels &&
    typeof r.labels === 'object' &&
    (r.parent === undefined || typeof r.parent === 'string')
  );
}
