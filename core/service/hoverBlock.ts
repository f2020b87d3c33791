import { cidrText } from '../analysis/hostNets';
import type { Facts, NetFacts } from '../analysis/facts';
import { formatAddr, formatCidr, overlaps, parseCidr, cidrInterval, size, type Cidr } from '../ip';
import type { ObservedState } from '../observed';
import { exactCount, usableCount } from './counts';
import { familyFacts } from '../analysis/addressSpace';
import { inlineCode } from './markdown';


/** Network, broadcast, first/last usable and counts of a CIDR, as markdown list lines. */
export function blockLines(c: Cidr): string[] {
  const a = (v: bigint): string => inlineCode(formatAddr({ family: c.family, value: v }));
  const out: string[] = [];
  if (c.hostBitsSet) out.push(`- host bits are set: the block is ${inlineCode(formatCidr(c.family, c.network, c.prefix))}`);
  out.push(`- network address: ${a(c.network)}`);
  out.push(c.family === 4 ? `- broadcast: ${a(c.last)}` : `- last address: ${a(c.last)}`);
  const usable = usableCount(c);
  if (usable === 0n) {
    out.push(`- no usable addresses (Docker needs at least a /${c.family === 4 ? 30 : 126})`);
  } else {
    const first = c.network + 1n;
    const last = c.family === 4 ? c.last - 1n : c.last;
    out.push(`- first usable: ${a(first)}`, `- last usable: ${a(last)}`);
    out.push(`- usable addresses: ${exactCount(usable)} of ${exactCount(size(c))}`);
  }
  return out;
}

/** Hover for a `subnet` value: the block, and every network on the same hosts that overlaps it. */
export function subnetHover(facts: Facts, observed: ObservedState | undefined, net: NetFacts | undefined, text: string): string | undefined {
  const r = parseCidr(text);
  if (!r.ok) return `${inlineCode(text)}: ${r.error}`;
  const c = r.value;
  const fam = `IPv${c.family}`;
  const out = [`**${inlineCode(text)}** — ${fam} subnet${net ? ` of ${inlineCode(net.spec.name)}` : ''}`, '', ...blockLines(c), ''];
  if (net) out.push(...overlapLines(facts, observed, net, c));
  return out.join('\n').trimEnd();
}

function overlapLines(facts: Facts, observed: ObservedState | undefined, net: NetFacts, c: Cidr): string[] {
  const iv = cidrInterval(c);
  const out: string[] = [];
  for (const h of net.hosts) {
    const hits: string[] = [];
    for (const o of facts.nets) {
      const oc = familyFacts(o, c.family).subnet?.cidr;
      if (o !== net && oc && o.hosts.includes(h) && overlaps(iv, cidrInterval(oc))) hits.push(`${inlineCode(o.spec.name)} (${inlineCode(formatCidr(oc.family, oc.network, oc.prefix))})`);
    }
    for (const on of observed?.hosts[h]?.networks ?? []) {
      if (on.name === net.spec.name) continue;
      for (const s of on.subnets) {
        const p = parseCidr(s);
        if (p.ok && p.value.family === c.family && overlaps(iv, cidrInterval(p.value))) hits.push(`${inlineCode(on.name)} on the host (${inlineCode(s)})`);
      }
    }
    out.push(hits.length > 0 ? `**Overlaps on ${inlineCode(h)}:** ${hits.join(', ')}` : `No other network on ${inlineCode(h)} overlaps it.`);
  }
  return out;
}

/** Hover for an `ip_range`: the pool's block, where it sits in the subnet. */
export function rangeHover(net: NetFacts | undefined, text: string, host: string | undefined): string {
  const r = parseCidr(text);
  if (!r.ok) return `${inlineCode(text)}: ${r.error}`;
  const c = r.value;
  const sub = net ? familyFacts(net, c.family).subnet : undefined;
  const owner = net ? ` of ${inlineCode(net.spec.name)}` : '';
  const out = [`**${inlineCode(text)}** — dynamic pool${owner}${host !== undefined ? ` on host ${inlineCode(host)}` : ''}`, ''];
  out.push(`- ${exactCount(size(c))} addresses: ${inlineCode(formatAddr({ family: c.family, value: c.network }))} – ${inlineCode(formatAddr({ family: c.family, value: c.last }))}`);
  if (sub) {
    const inside = sub.cidr.network <= c.network && c.last <= sub.cidr.last;
    out.push(inside ? `- inside subnet ${inlineCode(cidrText(sub.cidr))}` : `- **not inside** subnet ${inlineCode(cidrText(sub.cidr))}`);
  }
  out.push('- Docker hands out addresses for containers without a static one from here; static addresses belong outside it.');
  return out.join('\n');
}
