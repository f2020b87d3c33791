import { cidrText } from '../analysis/hostNets';
import type { Facts, NetFacts } from '../analysis/facts';
import { attachAddr, attachmentsOf, familyFacts, segmentPeers } from '../analysis/addressSpace';
import { contains, formatCidr, parseAddr, parseAddrRange, type Family } from '../ip';
import { inlineCode } from './markdown';
import { hostAddrsOn } from '../analysis/hostAddresses';


/**
 * Hover for an address (gateway, aux, exclude entry, container address): the network it is in
 * and everything that address is there. `net` is the network the value is written under;
 * other networks whose subnet holds it are described too (the same address on two LANs).
 */
export function addressHover(facts: Facts, net: NetFacts | undefined, text: string): string {
  const r = parseAddr(text);
  if (!r.ok) {
    const range = parseAddrRange(text);
    if (range.ok) return `**${inlineCode(text)}** — ${exactRange(range.value.end - range.value.start + 1n)} excluded: other devices on the LAN own them, nothing in the spec may use them.`;
    return `${inlineCode(text)}: ${r.error}`;
  }
  const { family, value } = r.value;
  const holders = facts.nets.filter((n) => {
    const s = familyFacts(n, family).subnet;
    return s !== undefined && contains(s.cidr, value);
  });
  const out: string[] = [`**${inlineCode(text)}**`];
  if (net && !holders.includes(net)) {
    const s = familyFacts(net, family).subnet;
    out.push('', s ? `Outside the subnet of ${inlineCode(net.spec.name)} (${inlineCode(cidrText(s.cidr))}).` : `${inlineCode(net.spec.name)} has no IPv${family} subnet.`);
  }
  const ordered = net && holders.includes(net) ? [net, ...holders.filter((n) => n !== net)] : holders;
  for (const n of ordered.slice(0, 3)) out.push('', ...rolesIn(facts, n, family, value));
  if (ordered.length === 0 && !net) out.push('', 'In no subnet of this spec.');
  return out.join('\n');
}

function exactRange(n: bigint): string {
  return n === 1n ? '1 address' : `${n} addresses`;
}

function rolesIn(facts: Facts, n: NetFacts, family: Family, value: bigint): string[] {
  const ff = familyFacts(n, family);
  const sub = ff.subnet!;
  const roles: string[] = [];
  if (value === sub.cidr.network) roles.push('the network address: Docker never assigns it');
  if (family === 4 && value === sub.cidr.last) roles.push('the broadcast address: Docker never assigns it');
  if (ff.gateway?.value === value) roles.push(`the gateway of ${inlineCode(n.spec.name)}`);
  for (const h of hostAddrsOn(facts, n, family)) if (h.fact.cidr.addr === value) roles.push(`the own address of host ${inlineCode(h.host)} on ${inlineCode(h.iface)}`);
  for (const s of n.shims) if (s.fact.family === family && s.fact.value === value) roles.push(`the host_shim of ${inlineCode(n.spec.name)}${s.host !== undefined ? ` on host ${inlineCode(s.host)}` : ''}: the host's own link to its containers`);
  for (const a of n.aux) if (a.fact.family === family && a.fact.value === value) roles.push(`aux address ${inlineCode(a.name)}`);
  for (const peer of segmentPeers(facts, n)) {
    for (const a of attachmentsOf(facts, peer)) {
      if (attachAddr(a, family)?.value !== value) continue;
      const on = peer === n ? '' : ` on ${inlineCode(peer.spec.name)} (same segment)`;
      roles.push(`static address of container ${inlineCode(a.container.name)}${on}${a.host !== undefined && facts.model.hosts.length > 1 ? ` on host ${inlineCode(a.host)}` : ''}`);
    }
  }
  for (const e of n.exclude) {
    if (e.family === family && e.start <= value && value <= e.end) roles.push(`excluded (${inlineCode(e.val.value)}): another device on the LAN owns it`);
  }
  const pools = [
    ...(family === 4 && n.ipRange ? [{ c: n.ipRange.cidr, host: undefined as string | undefined }] : []),
    ...(family === 4 ? n.ipRangeByHost.map((r) => ({ c: r.fact.cidr, host: r.host as string | undefined })) : []),
    ...(family === 6 && n.v6ipRange ? [{ c: n.v6ipRange.cidr, host: undefined }] : []),
  ].filter((p) => p.c.family === family);
  const inPool = pools.filter((p) => contains(p.c, value));
  if (pools.length === 0) roles.push('in the dynamic pool: without `ip_range` Docker may hand out any address of the subnet');
  else if (inPool.length > 0) {
    for (const p of inPool) roles.push(`in the dynamic pool ${inlineCode(formatCidr(family, p.c.network, p.c.prefix))}${p.host !== undefined ? ` of host ${inlineCode(p.host)}` : ''}`);
  } else roles.push('outside the dynamic pool');
  return [`In ${inlineCode(n.spec.name)} (${inlineCode(cidrText(sub.cidr))}${n.segment ? ` on ${inlineCode(n.segment.name)}` : ''}):`, ...roles.map((r) => `- ${r}`)];
}
