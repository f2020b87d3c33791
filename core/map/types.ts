/**
 * The address map: each network's address space as bars, one per family. Plain JSON (no bigint):
 * the language server sends it to the extension, which only draws it. Positions are fractions
 * of the subnet (0 = network address, 1 = one past the last address), worked out with bigint
 * precision on the server, so the renderer needs no address arithmetic.
 */
import type { Severity } from '../findings';

export type MapRole = 'network' | 'broadcast' | 'gateway' | 'auto-gateway' | 'aux' | 'exclude' | 'pool' | 'static' | 'shim' | 'host' | 'free' | 'overlap';

export interface MapSpan {
  start: number;
  end: number;
}

export interface MapElement {
  role: MapRole;
  /** Which lane of the bar (index into `MapBar.lanes`). */
  lane: number;
  /** Fractions of the subnet: [from, to). */
  from: number;
  to: number;
  /** First and last address, formatted (RFC 5952 for IPv6). */
  first: string;
  last: string;
  /** How many addresses, as decimal text (an IPv6 free run does not fit a number). */
  count: string;
  /** What it is, for the hover: "gateway", "aux switch", "db (ipv4_address)", "pool of host lab1". */
  label: string;
  /** Where it is written in the spec, for a click to jump to. */
  span?: MapSpan;
  /** The worst finding on that place in the spec (or, for an overlap, on either subnet), if any. */
  severity?: Severity;
  codes?: string[];
}

export interface MapBar {
  family: 4 | 6;
  subnet: string;
  /** The subnet's first and last address. */
  first: string;
  last: string;
  span: MapSpan;
  /** Addresses in the subnet and usable ones (decimal text). */
  size: string;
  usable: string;
  /** Free addresses: usable and not in a pool, exclude range or single reservation. */
  free: string;
  /** Lane names, top to bottom: "addresses", then "pool lab1"... per host when pools differ per host, then "overlaps". */
  lanes: string[];
  elements: MapElement[];
}

export interface MapNetwork {
  name: string;
  span: MapSpan;
  driver: string;
  parent?: string;
  hosts: string[];
  bars: MapBar[];
}

export interface AddressMap {
  /** The spec's name (owner label), for titles. */
  spec: string;
  networks: MapNetwork[];
  /** Networks in the spec, and how many of them match the filter (`networks` may stop short). */
  total: number;
  matched: number;
}
