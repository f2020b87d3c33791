/**
 * What the client and the server say to each other beyond standard LSP. Types and constants
 * only, with no runtime import of vscode-languageserver, so the VS Code client imports it too.
 */
import type { ObservedHost, ObservedNetwork, ObservedState } from '../core/observed';
import type { DriftResult } from '../core/plan/drift';
import type { PlanOptions } from '../core/plan/planNetworks';
import type { NetworkDetail, ObservedHostDetail, Plan } from '../core/plan/types';
import type { AddressMap } from '../core/map/types';

export type { ObservedHost, ObservedNetwork, ObservedState };

/**
 * Request client -> server: what the Docker features need to know about an open spec (the
 * server owns parsing; the extension host never parses a spec). Null when the spec is not open.
 */
export const SPEC_INFO_METHOD = 'macvlan/specInfo';

export interface SpecInfoParams {
  uri: string;
}

export interface SpecHostInfo {
  name: string;
  /** Offset of the host's key in the spec (absent for the implicit host), to open it there. */
  offset?: number;
  docker?: string;
  context?: string;
  tls?: { ca?: string; cert?: string; key?: string };
}

export interface SpecInfo {
  uri: string;
  /** The document version this describes. */
  version: number;
  /** The spec's name: its owner label on the hosts. */
  name: string;
  hostsDeclared: boolean;
  /** Declared hosts, or the implicit host "local". */
  hosts: SpecHostInfo[];
  /** Container names and images, for what an apply needs to observe. */
  containers: { name: string; image: string }[];
  /** Errors of the spec as checked now (with the observed state the server has). */
  errors: number;
}

/** Request client -> server: how each network of `host` stands against the spec (the tree). */
export const DRIFT_METHOD = 'macvlan/drift';

export interface DriftParams {
  uri: string;
  host: string;
  networks: NetworkDetail[];
  /** The spec's hosts the client saw as active Swarm managers (where a swarm network is made). */
  swarmManagers?: string[];
}

export type DriftAnswer = DriftResult | null;

/**
 * Request client -> server: the spec checked against its live hosts, all at once (MV208, their
 * engines, addresses duplicated across hosts), with the server's settings for that document,
 * and each host planned for each of `variants` (plain, --prune, --adopt...). Null when the spec
 * is not open.
 */
export const APPLY_PLAN_METHOD = 'macvlan/applyPlan';

export interface ApplyPlanHost {
  host: string;
  live: ObservedHost;
  detail: ObservedHostDetail;
}

export interface ApplyPlanParams {
  uri: string;
  hosts: ApplyPlanHost[];
  variants: PlanOptions[];
}

export interface ApplyPlanError {
  code: string;
  message: string;
  /** 0-based. */
  line: number;
  character: number;
}

/**
 * Request client -> server: "Add to Spec" — put what `import` made of one network (and its
 * containers) into the open spec, keeping the user's text; the answer is one edit in offsets
 * of `version`, which the client applies only to that version.
 */
export const ADD_TO_SPEC_METHOD = 'macvlan/addToSpec';

export interface AddToSpecParams {
  uri: string;
  /** The imported YAML (core/plan/import.ts) of the network and its containers. */
  imported: string;
  /** The spec host the network was observed on. */
  host: string;
}

export type AddToSpecAnswer =
  | { ok: true; version: number; edit: { start: number; end: number; text: string }; networks: string[]; containers: string[]; skipped: string[] }
  | { ok: false; error: string };

/** With errors there are no plans: apply refuses a spec with errors. `plans[h][v]`: host h, variant v. */
export type ApplyPlanAnswer = { errors: ApplyPlanError[]; plans: Plan[][] } | null;

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

/**
 * Request client -> server: the address map of an open spec (core/map), as of the document
 * version the server has, checked with that document's settings. Null when the spec is not open.
 */
export const ADDRESS_MAP_METHOD = 'macvlan/addressMap';

export interface AddressMapParams {
  uri: string;
  /** Only networks whose name contains this (case-insensitive). */
  filter?: string;
  /** At most this many networks; `map.matched` says how many there were. */
  limit?: number;
}

export type AddressMapAnswer = { uri: string; version: number; map: AddressMap } | null;

/**
 * Request client -> server: an open compose file as a spec, or an open spec as one compose
 * project (core/compose/convert.ts), from the text the server has. `fileName` is what to call
 * the result; `notes` say what the other form cannot hold.
 */
export const CONVERT_METHOD = 'macvlan/convert';

export interface ConvertParams {
  uri: string;
  to: 'spec' | 'compose';
}

export type ConvertAnswer = { text: string; notes: string[]; fileName: string } | { error: string };

/** The settings section the server reads with workspace/configuration. */
export const SETTINGS_SECTION = 'macvlan';

/** Code action kind of "Fix all safe problems" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.macvlan';

/** The README rule table, where each code has an anchor (`#mv201`). */
export const RULES_URL = 'https://github.com/macvlan-spec/macvlan-spec';
