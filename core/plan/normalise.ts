import { formatAddr, formatCidr, parseAddr, parseCidr, type Family } from '../ip';
import { HASH_LABEL, MANAGED_LABEL, SPEC_LABEL } from '../observed';
import type { IpamConfig, NetworkDef, NetworkDetail, SwarmPart } from './types';

/**
 * Networks are compared in this normalised form, never as raw strings: a CIDR or address is
 * put in canonical text (host bits masked, RFC 5952 IPv6), driver defaults are filled in, and
 * our own labels are left out. Text that does not parse is kept as is, so a difference in it
 * still shows.
 */
export interface FamilyShape {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  aux: Record<string, string>;
}

export interface NetShape {
  driver: string;
  parent?: string;
  mode: string;
  /** ipvlan only. */
  ipvlanFlag?: string;
  v4?: FamilyShape;
  v6?: FamilyShape;
  /** IPAM configs beyond the first of each family (we never create those). */
  extraIpam: number;
  enableIPv6: boolean;
  internal: boolean;
  labels: Record<string, string>;
  /** Driver options we do not set (e.g. added by hand). */
  otherOptions: Record<string, string>;
  /** A config-only network (the per-node half of a `scope: swarm` network). */
  configOnly: boolean;
}

const KNOWN_OPTIONS = new Set(['parent', 'macvlan_mode', 'ipvlan_mode', 'ipvlan_flag']);

export function normCidr(text: string): string {
  const r = parseCidr(text);
  return r.ok ? formatCidr(r.value.family, r.value.network, r.value.prefix) : text;
}

export function normAddr(text: string): string {
  const r = parseAddr(text);
  return r.ok ? formatAddr(r.value) : text;
}

export function cidrFamily(text: string): Family | undefined {
  const r = parseCidr(text);
  return r.ok ? r.value.family : undefined;
}

export function userLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== MANAGED_LABEL && k !== HASH_LABEL && k !== SPEC_LABEL) out[k] = v;
  return out;
}

export function defaultMode(driver: string): string {
  return driver === 'ipvlan' ? 'l2' : 'bridge';
}

function familyShape(c: IpamConfig): FamilyShape {
  const aux: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.aux)) aux[k] = normAddr(v);
  return {
    subnet: normCidr(c.subnet),
    gateway: c.gateway ? normAddr(c.gateway) : undefined,
    ipRange: c.ipRange ? normCidr(c.ipRange) : undefined,
    aux,
  };
}

/** Docker reports a config-only network's driver as "null": its options tell which it is for. */
export function driverOf(net: NetworkDef | NetworkDetail): string {
  if (net.configOnly && net.driver === 'null') return net.options.ipvlan_mode !== undefined ? 'ipvlan' : 'macvlan';
  return net.driver;
}

export function shapeOf(net: NetworkDef | NetworkDetail): NetShape {
  const o = net.options;
  const driver = driverOf(net);
  const modeKey = driver === 'ipvlan' ? 'ipvlan_mode' : 'macvlan_mode';
  let v4: FamilyShape | undefined;
  let v6: FamilyShape | undefined;
  let extraIpam = 0;
  for (const c of net.ipam) {
    const fam = cidrFamily(c.subnet) ?? 4;
    if (fam === 4 && !v4) v4 = familyShape(c);
    else if (fam === 6 && !v6) v6 = familyShape(c);
    else extraIpam++;
  }
  const otherOptions: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (!KNOWN_OPTIONS.has(k)) otherOptions[k] = v;
  return {
    driver,
    parent: o.parent || undefined,
    mode: o[modeKey] || defaultMode(driver),
    ipvlanFlag: driver === 'ipvlan' ? o.ipvlan_flag || 'bridge' : undefined,
    v4,
    v6,
    extraIpam,
    enableIPv6: net.enableIPv6,
    internal: net.internal,
    labels: userLabels(net.labels),
    otherOptions,
    configOnly: net.configOnly === true,
  };
}

/** What a swarm network made `--config-from` is, beyond the config-only network it names. */
export interface SwarmShape {
  driver: string;
  scope: string;
  configFrom?: string;
  attachable: boolean;
  internal: boolean;
}

export function swarmShapeOf(net: NetworkDef | NetworkDetail): SwarmShape {
  return { driver: net.driver, scope: net.scope ?? 'local', configFrom: net.configFrom, attachable: net.attachable === true, internal: net.internal };
}

/** Which half of a `scope: swarm` network this is, if either. */
export const partOf = (n: NetworkDef | NetworkDetail): SwarmPart | undefined => (n.configOnly ? 'config-only' : n.scope === 'swarm' ? 'swarm' : undefined);
