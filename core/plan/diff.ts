import type { FamilyShape, NetShape, SwarmShape } from './normalise';

const NONE = '(none)';

function show(v: string | undefined): string {
  return v === undefined ? NONE : v;
}

export function showMap(m: Record<string, string>): string {
  const keys = Object.keys(m).sort();
  return keys.length === 0 ? NONE : `{ ${keys.map((k) => `${k}: ${m[k]}`).join(', ')} }`;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function diffFamily(prefix: string, want: FamilyShape | undefined, have: FamilyShape | undefined, out: string[]): void {
  if (!want && !have) return;
  const field = (name: string, w: string | undefined, h: string | undefined) => {
    if (w !== h) out.push(`${prefix}${name} ${show(h)} → ${show(w)}`);
  };
  field('subnet', want?.subnet, have?.subnet);
  // Docker reports a gateway it picked itself (after a daemon restart, or on engines before 29),
  // so a gateway on the host only counts as a difference when the spec names one.
  if (want?.gateway !== undefined) field('gateway', want.gateway, have?.gateway);
  field('ip_range', want?.ipRange, have?.ipRange);
  const wa = want?.aux ?? {};
  const ha = have?.aux ?? {};
  if (!sameMap(wa, ha)) out.push(`${prefix}aux_addresses ${showMap(ha)} → ${showMap(wa)}`);
}

/** Why the host's network differs from the spec's, one phrase per field; empty when equal. */
export function diffNetwork(want: NetShape, have: NetShape): string[] {
  const out: string[] = [];
  const field = (name: string, w: string | undefined, h: string | undefined) => {
    if (w !== h) out.push(`${name} ${show(h)} → ${show(w)}`);
  };
  if (want.configOnly !== have.configOnly) out.push(`config-only ${have.configOnly} → ${want.configOnly}`);
  field('driver', want.driver, have.driver);
  field('parent', want.parent, have.parent);
  field('mode', want.mode, have.mode);
  field('ipvlan_flag', want.ipvlanFlag, have.ipvlanFlag);
  diffFamily('', want.v4, have.v4, out);
  diffFamily('ipv6 ', want.v6, have.v6, out);
  if (have.extraIpam > 0) out.push(`${have.extraIpam} more IPAM config(s) on the host than the spec has`);
  if (want.enableIPv6 !== have.enableIPv6 && !want.v6 === !have.v6) out.push(`EnableIPv6 ${have.enableIPv6} → ${want.enableIPv6}`);
  if (want.internal !== have.internal) out.push(`internal ${have.internal} → ${want.internal}`);
  if (!sameMap(want.labels, have.labels)) out.push(`labels ${showMap(have.labels)} → ${showMap(want.labels)}`);
  if (!sameMap(want.otherOptions, have.otherOptions)) out.push(`driver options ${showMap(have.otherOptions)} → ${showMap(want.otherOptions)}`);
  return out;
}

/**
 * Why the host's swarm network differs from the one the spec makes (`--config-from` its
 * config-only network). Its IPAM and parent are the config-only network's, shown once a task
 * landed: they are compared there, not here.
 */
export function diffSwarmNetwork(want: SwarmShape, have: SwarmShape): string[] {
  const out: string[] = [];
  const field = (name: string, w: string | undefined, h: string | undefined) => {
    if (w !== h) out.push(`${name} ${show(h)} → ${show(w)}`);
  };
  field('scope', want.scope, have.scope);
  field('driver', want.driver, have.driver);
  field('config_from', want.configFrom, have.configFrom);
  if (want.attachable !== have.attachable) out.push(`attachable ${have.attachable} → ${want.attachable}`);
  if (want.internal !== have.internal) out.push(`internal ${have.internal} → ${want.internal}`);
  return out;
}
