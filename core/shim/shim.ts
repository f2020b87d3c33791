import type { Facts, NetFacts } from '../analysis/facts';
import { shimsOn } from '../analysis/hostAddresses';
import { formatAddr, formatCidr } from '../ip';

/**
 * A host's own link into one of its macvlan/ipvlan networks: the usual fix for "the host cannot
 * reach its containers" (a child never talks to its parent's own address). A macvlan link in
 * bridge mode (ipvlan l2 for ipvlan networks) on the same parent, with the shim address and
 * routes to the addresses the containers get: the network's pool on this host and every static
 * container address outside it.
 */
export interface ShimLink {
  network: string;
  /** The link's name: "mvs-" and the network name, cut to Linux's 15 characters. */
  link: string;
  /** The parent as Docker uses it (VLAN sub-interface included). */
  parent: string;
  kind: 'macvlan' | 'ipvlan';
  address: string;
  /** /32 or /128 host routes and the pool, most specific last. */
  routes: string[];
}

export function shimLinks(facts: Facts, host: string): ShimLink[] {
  const out: ShimLink[] = [];
  const used = new Set<string>();
  for (const n of facts.nets) {
    if (!n.hosts.includes(host) || !n.segment) continue;
    for (const shim of shimsOn(n, host)) {
      out.push({
        network: n.spec.name,
        link: linkName(n.spec.name, used),
        parent: n.segment.name,
        kind: n.spec.driver,
        address: formatAddr(shim),
        routes: routesOf(facts, n, host, shim.family),
      });
    }
  }
  return out;
}

function linkName(network: string, used: Set<string>): string {
  const base = `mvs-${network.replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 15);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 15 - String(i).length)}${i}`;
  used.add(name);
  return name;
}

function routesOf(facts: Facts, n: NetFacts, host: string, family: 4 | 6): string[] {
  const pool = family === 6 ? n.v6ipRange ?? n.v6subnet : (n.ipRangeByHost.find((r) => r.host === host)?.fact ?? n.ipRange ?? n.subnet);
  const routes: string[] = [];
  if (pool && pool.cidr.family === family) routes.push(formatCidr(family, pool.cidr.network, pool.cidr.prefix));
  for (const a of facts.attachments) {
    if (a.net !== n || (a.host !== undefined && a.host !== host)) continue;
    const addr = family === 4 ? a.ipv4 : a.ipv6;
    if (!addr) continue;
    if (pool && pool.cidr.family === family && addr.value >= pool.cidr.network && addr.value <= pool.cidr.last) continue;
    routes.push(`${formatAddr(addr)}/${family === 4 ? 32 : 128}`);
  }
  return routes;
}

export type ShimFormat = 'sh' | 'networkd' | 'nmcli';

/** The links as text to run or install, with a comment naming the spec's host. */
export function formatShims(links: readonly ShimLink[], host: string, format: ShimFormat): string {
  if (links.length === 0) return `# host ${host}: no network of the spec has a host_shim on this host\n`;
  if (format === 'sh') return links.map((l) => shellOf(l, host)).join('\n');
  if (format === 'networkd') return links.map((l) => networkdOf(l, host)).join('\n');
  return links.map((l) => nmcliOf(l, host)).join('\n');
}

const plen = (a: string) => (a.includes(':') ? 128 : 32);
const mode = (l: ShimLink) => (l.kind === 'macvlan' ? 'macvlan mode bridge' : 'ipvlan mode l2');

function shellOf(l: ShimLink, host: string): string {
  const lines = [
    `# network ${l.network} on host ${host}: shim ${l.address} on ${l.parent}`,
    `ip link add ${l.link} link ${l.parent} type ${mode(l)}`,
    `ip addr add ${l.address}/${plen(l.address)} dev ${l.link}`,
    `ip link set ${l.link} up`,
    ...l.routes.map((r) => `ip route add ${r} dev ${l.link}`),
  ];
  return lines.join('\n') + '\n';
}

function networkdOf(l: ShimLink, host: string): string {
  const kind = l.kind === 'macvlan' ? 'macvlan' : 'ipvlan';
  const section = l.kind === 'macvlan' ? '[MACVLAN]\nMode=bridge' : '[IPVLAN]\nMode=L2';
  return [
    `# network ${l.network} on host ${host}: shim ${l.address} on ${l.parent}`,
    `# /etc/systemd/network/40-${l.link}.netdev`,
    '[NetDev]',
    `Name=${l.link}`,
    `Kind=${kind}`,
    '',
    section,
    '',
    `# /etc/systemd/network/40-${l.link}.network`,
    '[Match]',
    `Name=${l.link}`,
    '',
    '[Network]',
    `Address=${l.address}/${plen(l.address)}`,
    ...l.routes.flatMap((r) => ['', '[Route]', `Destination=${r}`]),
    '',
    `# and in the .network file that matches ${l.parent}, under [Network]:`,
    `# ${l.kind === 'macvlan' ? 'MACVLAN' : 'IPVLAN'}=${l.link}`,
    '',
  ].join('\n');
}

function nmcliOf(l: ShimLink, host: string): string {
  const fam = l.address.includes(':') ? 'ipv6' : 'ipv4';
  const kind = l.kind === 'macvlan' ? 'macvlan' : 'ipvlan';
  const modeArg = l.kind === 'macvlan' ? 'macvlan.mode bridge' : 'ipvlan.mode l2';
  const routes = l.routes.length > 0 ? ` ${fam}.routes "${l.routes.join(', ')}"` : '';
  return [
    `# network ${l.network} on host ${host}: shim ${l.address} on ${l.parent}`,
    `nmcli connection add type ${kind} con-name ${l.link} ifname ${l.link} dev ${l.parent} ${modeArg} ${fam}.method manual ${fam}.addresses ${l.address}/${plen(l.address)}${routes}`,
    `nmcli connection up ${l.link}`,
    '',
  ].join('\n');
}
