/**
 * What the client and the server say to each other beyond standard LSP. Types and constants
 * only, with no runtime import of vscode-languageserver, so the VS Code client imports it too.
 */
import type { ObservedHost, ObservedNetwork, ObservedState } from '../core/observed';

export type { ObservedHost, ObservedNetwork, ObservedState };

/**
 * Notification client -> server: what the connected Docker hosts report (networks, interfaces,
 * engine version). The server re-checks open specs with it (MV208, the live half of MV304, and
 * the engine version rules assume). Without `uri` it applies to every spec; with one, only to
 * that spec (and takes precedence over the state without `uri`).
 */
export const OBSERVED_STATE_METHOD = 'macvlan/observedState';

export interface ObservedStateParams {
  uri?: string;
  state: ObservedState;
}

/**
 * Request client -> server: what creates the host's own link into each network with a
 * host_shim (the `macvlan-spec shim` output), for an open spec. Without `host` on a spec with
 * several hosts, the answer lists the hosts to choose from instead.
 */
export const SHIM_METHOD = 'macvlan/shim';

export interface ShimParams {
  uri: string;
  host?: string;
  format: 'sh' | 'networkd' | 'nmcli';
}

export type ShimResult = { text: string; host: string } | { hosts: string[] };

/** The settings section the server reads with workspace/configuration. */
export const SETTINGS_SECTION = 'macvlan';

/** Code action kind of "Fix all safe problems" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.macvlan';

/** The README rule table, where each code has an anchor (`#mv201`). */
export const RULES_URL = 'https://github.com/macvlan-spec/macvlan-spec';
