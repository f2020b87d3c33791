import type { Facts, NetFacts } from '../analysis/facts';
import { nextContainerAddress } from '../analysis/nextAddress';
import { familyFacts, findAttachment } from '../analysis/addressSpace';
import { cidrInterval, formatAddr, formatCidr, nextFreeBlock, parseCidr, usableRange, type Cidr, type Family, type Interval } from '../ip';
import type { ObservedState } from '../observed';
import { inlineCode } from './markdown';

/** A value completion computes from the rest of the spec, with why it was picked. */
export interface Suggestion {
  value: string;
  detail: string;
  documentation: string;
}

/** The next free container address (`nextContainerAddress`), with why it was picked. */
export function nextAddress(facts: Facts, network: string, container: string | undefined, family: Family): Suggestion | undefined {
  const net = facts.netByName.get(network);
  const subnet = net && familyFacts(net, family).subnet;
  if (!net || !subnet) return undefined;
  const att = container !== undefined ? findAttachment(facts, container, network) : undefined;
  const next = nextContainerAddress(facts, net, family, att);
  if (!next) return undefined;
  const why = ['not the gateway, an aux address or an excluded address', `not used by another container${net.segment ? ` on segment ${net.segment.name}` : ''}`];
  if (next.hasPools) why.push(next.outside ? 'outside the dynamic pool' : 'inside the dynamic pool: nothing is free outside it');
  if (next.implicitGateway !== undefined) why.push(`not ${formatAddr({ family, value: next.implicitGateway })}, which Docker takes as gateway before engine 29`);
  return {
    value: formatAddr({ family, value: next.addr }),
    detail: `next free address in ${network} (${subnet.val.value})`,
    documentation: `The lowest address of ${inlineCode(subnet.val.value)} that is ${why.join(', ')}.`,
  };
}

/** First usable address of the subnet (the usual router address), and the last as an alternative. */
export function gatewayChoices(facts: Facts, network: string, family: Family): Suggestion[] {
  const net = facts.netByName.get(network);
  const subnet = net ? familyFacts(net, family).subnet : undefined;
  const usable = subnet ? usableRange(subnet.cidr) : null;
  if (!subnet || !usable) return [];
  const first = formatAddr({ family, value: usable.start });
  const last = formatAddr({ family, value: usable.end });
  const out: Suggestion[] = [{ value: first, detail: `first usable address of ${subnet.val.value}`, documentation: `The router on the segment is usually the first usable address, ${inlineCode(first)}.` }];
  if (last !== first) out.push({ value: last, detail: `last usable address of ${subnet.val.value}`, documentation: `Some LANs put the router on the last usable address, ${inlineCode(last)}.` });
  return out;
}

/**
 * Subnets for `network` (or for a new network when undefined): first the subnet of any network
 * on the same parent+VLAN on other hosts (one LAN has one subnet, MV205), then the next free
 * block of the prefix the other networks use (/24, /64 without any), overlapping no subnet in
 * the spec (MV201 on shared hosts, MV206 elsewhere) nor any network the hosts already have.
 */
export function subnetChoices(facts: Facts, network: string | undefined, family: Family, observed?: ObservedState): Suggestion[] {
  const net = network !== undefined ? facts.netByName.get(network) : undefined;
  const hosts = net ? net.hosts : facts.model.hosts.map((h) => h.name);
  const subnetOf = (n: NetFacts): Cidr | undefined => familyFacts(n, family).subnet?.cidr;
  const others = facts.nets.filter((n) => n !== net && n.spec.name !== network);
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const o of others) {
    const c = subnetOf(o);
    if (!c || !net?.segment || o.segment?.name !== net.segment.name || o.hosts.some((h) => hosts.includes(h))) continue;
    const text = formatCidr(family, c.network, c.prefix);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ value: text, detail: `subnet of ${o.spec.name}: same segment ${net.segment.name} on ${o.hosts.join(', ')}`, documentation: `${inlineCode(o.spec.name)} sits on the same parent and VLAN on another host: one LAN segment has one subnet.` });
  }
  const siblings = others.flatMap((o) => subnetOf(o) ?? []);
  const taken: Interval[] = siblings.map(cidrInterval);
  for (const h of hosts) {
    for (const on of observed?.hosts[h]?.networks ?? []) {
      if (on.name === network) continue;
      for (const s of on.subnets) {
        const r = parseCidr(s);
        if (r.ok && r.value.family === family) taken.push(cidrInterval(r.value));
      }
    }
  }
  const prefix = commonPrefix(siblings) ?? (family === 4 ? 24 : 64);
  const block = freeBlock(siblings, taken, prefix, family);
  if (block !== undefined) {
    const text = formatCidr(family, block, prefix);
    if (!seen.has(text)) {
      out.push({
        value: text,
        detail: `next free /${prefix}`,
        documentation: `The lowest free /${prefix}${siblings.length > 0 ? ' after the other networks' : ''} that overlaps no other network of the spec${hosts.length > 0 ? ` nor one that ${hosts.join(', ')} already ${hosts.length === 1 ? 'has' : 'have'}` : ''}.`,
      });
    }
  }
  return out;
}

function commonPrefix(cidrs: readonly Cidr[]): number | undefined {
  const count = new Map<number, number>();
  let best: number | undefined;
  for (const c of cidrs) {
    const n = (count.get(c.prefix) ?? 0) + 1;
    count.set(c.prefix, n);
    if (best === undefined || n > (count.get(best) ?? 0)) best = c.prefix;
  }
  return best;
}

const PRIVATE4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((t) => {
  const r = parseCidr(t);
  if (!r.ok) throw new Error(t);
  return r.value;
});

/**
 * Where to look: inside the private block that holds most siblings (ties: the one the spec
 * uses first), after the lowest sibling there, then from that block's start; siblings outside
 * private space: after the lowest of them. Without siblings: 192.168.0.0/16 for IPv4; IPv6 has
 * no default, a ULA prefix is the user's to pick.
 */
function freeBlock(siblings: readonly Cidr[], taken: readonly Interval[], prefix: number, family: Family): bigint | undefined {
  if (siblings.length === 0) return family === 4 ? nextFreeBlock(taken, prefix, 4, PRIVATE4[2]) : undefined;
  const blockOf = (c: Cidr): Cidr | undefined => (family === 4 ? PRIVATE4.find((p) => p.network <= c.network && c.last <= p.last) : undefined);
  const groups = new Map<Cidr | undefined, Cidr[]>();
  for (const c of siblings) groups.set(blockOf(c), [...(groups.get(blockOf(c)) ?? []), c]);
  let within: Cidr | undefined;
  let members: Cidr[] = [];
  for (const [block, list] of groups) {
    if (list.length > members.length) {
      within = block;
      members = list;
    }
  }
  const lowest = members.reduce((lo, c) => (c.network < lo.network ? c : lo));
  return nextFreeBlock(taken, prefix, family, within, lowest.network) ?? (within ? nextFreeBlock(taken, prefix, family, within) : undefined);
}

/** Lowest VLAN id that no network on the same parent interface (in the spec or on its hosts) uses. */
export function vlanChoice(facts: Facts, network: string, observed?: ObservedState): Suggestion | undefined {
  const net = facts.netByName.get(network);
  const base = net?.segment?.base;
  const used = new Set<number>();
  for (const n of facts.nets) {
    if (n === net || n.segment?.vlan === undefined) continue;
    if (base === undefined || n.segment.base === base) used.add(n.segment.vlan);
  }
  for (const h of net?.hosts ?? []) {
    for (const on of observed?.hosts[h]?.networks ?? []) {
      const m = /^(.+)\.(\d{1,4})$/.exec(on.parent ?? '');
      if (m && (base === undefined || m[1] === base) && on.name !== network) used.add(Number(m[2]));
    }
  }
  for (let id = 1; id <= 4094; id++) {
    if (used.has(id)) continue;
    const on = base !== undefined ? ` on ${base}` : '';
    const list = [...used].sort((a, b) => a - b);
    return {
      value: String(id),
      detail: `lowest unused VLAN id${on}`,
      documentation: list.length > 0 ? `VLAN ids already used${on}: ${list.join(', ')}.` : `No other network${on} uses a VLAN yet.`,
    };
  }
  return undefined;
}
