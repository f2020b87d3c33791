import { cidrText } from '../analysis/hostNets';
import type { Facts, NetFacts } from '../analysis/facts';
import { formatEngine } from '../engine';
import { inlineCode } from './markdown';

/** Hover for `vlan` and `parent`: the segment Docker uses and what else sits on it. */
export function segmentHover(facts: Facts, net: NetFacts | undefined): string | undefined {
  const seg = net?.segment;
  if (!net || !seg) return undefined;
  const head = seg.vlan !== undefined ? `**VLAN ${seg.vlan}** on ${inlineCode(seg.base)}: Docker's parent is ${inlineCode(seg.name)}` : `**${inlineCode(seg.name)}**: no VLAN, the network sits on the interface itself`;
  const same = facts.nets.filter((n) => n.segment?.name === seg.name);
  const out = [head, '', `Networks on ${inlineCode(seg.name)}:`];
  for (const n of same) out.push(`- ${inlineCode(n.spec.name)} — ${[n.spec.driver, n.subnet ? inlineCode(cidrText(n.subnet.cidr)) : undefined, hostList(facts, n)].filter(Boolean).join(', ')}`);
  const vlans = new Map<number, string[]>();
  for (const n of facts.nets) {
    const s = n.segment;
    if (!s || s.base !== seg.base || s.vlan === undefined || s.name === seg.name) continue;
    vlans.set(s.vlan, [...(vlans.get(s.vlan) ?? []), n.spec.name]);
  }
  if (vlans.size > 0) {
    const list = [...vlans].sort((a, b) => a[0] - b[0]).map(([id, names]) => `${id} (${names.map(inlineCode).join(', ')})`);
    out.push('', `Other VLANs on ${inlineCode(seg.base)}: ${list.join(', ')}`);
  }
  return out.join('\n');
}

function hostList(facts: Facts, n: NetFacts): string {
  if (!facts.model.hostsDeclared) return '';
  return n.hosts.length === 1 ? `host ${inlineCode(n.hosts[0])}` : `hosts ${n.hosts.map(inlineCode).join(', ')}`;
}

/** Hover for a host name (its key, or a reference to it). */
export function hostHover(facts: Facts, name: string): string {
  const h = facts.hostByName.get(name);
  if (!h) return `**host ${inlineCode(name)}** is not defined under \`hosts:\` (MV502).`;
  const via = h.docker ? inlineCode(h.docker.value) : h.context ? `context ${inlineCode(h.context.value)}` : facts.model.hostsDeclared ? 'no endpoint set' : 'the implicit host: `DOCKER_HOST`, else the current docker context';
  const engine = `engine ${formatEngine(facts.engineFor(name))}${h.engine ? '' : ' (assumed)'}`;
  const nets = facts.nets.filter((n) => n.hosts.includes(name)).map((n) => inlineCode(n.spec.name));
  const containers = facts.model.containers.filter((c) => facts.containerHost.get(c) === name).map((c) => inlineCode(c.name));
  return [
    `**host ${inlineCode(name)}** — ${via}, ${engine}`,
    '',
    `- networks: ${nets.length > 0 ? nets.join(', ') : 'none'}`,
    `- containers: ${containers.length > 0 ? containers.join(', ') : 'none'}`,
  ].join('\n');
}

/** Hover for a network name (its key, or a container's attachment to it). */
export function networkHover(facts: Facts, name: string): string {
  const n = facts.netByName.get(name);
  if (!n) return `**network ${inlineCode(name)}** is not defined under \`networks:\` (MV401).`;
  const lines = [`**network ${inlineCode(name)}** — ${n.spec.driver} ${n.mode}${n.internal ? ', internal' : ''}`, ''];
  if (n.segment) lines.push(`- parent: ${inlineCode(n.segment.name)}`);
  if (n.subnet) lines.push(`- subnet: ${inlineCode(cidrText(n.subnet.cidr))}${n.gateway ? `, gateway ${inlineCode(n.gateway.val.value)}` : ''}`);
  if (n.v6subnet) lines.push(`- IPv6: ${inlineCode(cidrText(n.v6subnet.cidr))}${n.v6gateway ? `, gateway ${inlineCode(n.v6gateway.val.value)}` : ''}`);
  if (facts.model.hostsDeclared) lines.push(`- hosts: ${n.hosts.map(inlineCode).join(', ') || 'none'}`);
  const users = facts.attachments.filter((a) => a.net === n).map((a) => inlineCode(a.container.name));
  lines.push(`- containers: ${users.length > 0 ? users.join(', ') : 'none'}`);
  return lines.join('\n');
}

/** Hover for a container name. */
export function containerHover(facts: Facts, name: string): string {
  const c = facts.model.containers.find((x) => x.name === name);
  if (!c) return `**container ${inlineCode(name)}**`;
  const host = facts.containerHost.get(c);
  const lines = [`**container ${inlineCode(name)}**${c.image ? ` — ${inlineCode(c.image.value)}` : ''}`, ''];
  if (host !== undefined && facts.model.hostsDeclared) lines.push(`- host: ${inlineCode(host)}`);
  for (const a of c.networks) {
    const addrs = [a.ipv4?.value, a.ipv6?.value].filter((x): x is string => x !== undefined).map(inlineCode);
    lines.push(`- ${inlineCode(a.name)}: ${addrs.length > 0 ? addrs.join(', ') : 'dynamic address'}`);
  }
  return lines.join('\n');
}

