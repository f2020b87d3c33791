import { formatAddr, type Cidr, type Family } from '../ip';
import { familyFacts } from '../analysis/addressSpace';
import type { NetFacts } from '../analysis/facts';
import { atLeast, formatEngine } from '../engine';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';
import { cidrText, hostNets, overlapsEarlier, subnetOf } from '../analysis/hostNets';

/**
 * MV201: two networks on one host with overlapping subnets — Docker's "Pool overlaps with other
 * one on this address space", whatever the drivers and parents.
 *
 * Decided here (the design page leaves it open):
 * - Checked per host and per family: `subnet` against `subnet`, `ipv6.subnet` against
 *   `ipv6.subnet`. Identical subnets overlap. Host bits are masked first (MV102 reports them).
 * - One finding per network and family, on the later network in the file (the fix data names
 *   it, so "renumber" never moves the network that came first). Its related place is the
 *   earliest network in the file it overlaps; a network that overlaps several gets one finding
 *   whose message counts the others. Every network that overlaps an earlier one is reported,
 *   even when that earlier one sits inside a later, larger block.
 * - A pair that overlaps on several hosts is one finding naming those hosts, not one per host.
 * - Internal networks count: their pools live in the same IPAM address space.
 */
export const rule: Rule = {
  code: 'MV201',
  title: 'Overlapping subnets on one host',
  defaultSeverity: 'error',
  check(ctx, report) {
    checkFamily(ctx, report, 4);
    checkFamily(ctx, report, 6);
  },
};

interface Found {
  /** Index in facts.nets of the earliest network this one overlaps. */
  other: number;
  hosts: string[];
  count: number;
}

function checkFamily(ctx: RuleContext, report: (r: Report) => void, family: Family): void {
  const facts = ctx.facts;
  const hosts = hostNets(ctx);
  // Reused for each host: its networks with a subnet (by index in facts.nets), and their
  // subnets; made at full size on the first subnet, as growing them by push copies them.
  let at: number[] | undefined;
  let blocks: Cidr[] | undefined;
  // Per later network, by index in facts.nets so that reporting in file order needs no sort:
  // its earliest overlapping partner, the hosts where that pair meets, and its count.
  // Made on the first overlap: most specs have none.
  let found: Found[] | undefined;
  for (let h = 0; h < hosts.length; h++) {
    const { host, nets, at: netAt } = hosts[h];
    let m = 0;
    for (let i = 0; i < nets.length; i++) {
      const s = subnetOf(nets[i], family);
      if (!s) continue;
      at ??= new Array<number>(facts.nets.length);
      blocks ??= new Array<Cidr>(facts.nets.length);
      at[m] = netAt[i];
      blocks[m++] = s.cidr;
    }
    if (m < 2 || !at || !blocks) continue;
    const hits = overlapsEarlier(blocks, m);
    for (let k = 0; k < hits.length; k += 3) {
      const item = at[hits[k]];
      const earliest = at[hits[k + 1]];
      const count = hits[k + 2];
      found ??= new Array<Found>(facts.nets.length);
      const seen = found[item];
      if (!seen || earliest < seen.other) found[item] = { other: earliest, hosts: [host], count: Math.max(seen?.count ?? 0, count) };
      else if (seen.other === earliest) {
        seen.hosts.push(host);
        seen.count = Math.max(seen.count, count);
      } else seen.count = Math.max(seen.count, count);
    }
  }
  if (!found) return;
  for (let i = 0; i < found.length; i++) {
    const f = found[i];
    if (!f) continue;
    const { hosts: where, count } = f;
    const net = facts.nets[i];
    const other = facts.nets[f.other];
    const mine = subnetOf(net, family)!;
    const theirs = subnetOf(other, family)!;
    const same = mine.cidr.network === theirs.cidr.network && mine.cidr.prefix === theirs.cidr.prefix;
    const on = facts.model.hostsDeclared ? ` on host${where.length > 1 ? 's' : ''} ${where.join(', ')}` : '';
    const more = count > 1 ? ` and ${count - 1} more network${count > 2 ? 's' : ''}` : '';
    const what = family === 4 ? 'subnet' : 'ipv6 subnet';
    report({
      message:
        `${what} ${cidrText(mine.cidr)} of network ${net.spec.name} ${same ? 'is the same as' : 'overlaps'} ` +
        `${cidrText(theirs.cidr)} of network ${other.spec.name} (line ${lineOf(ctx, theirs.val.span)})${more}${on} — ` +
        `${engineRefusal(facts, where[0], net, family)}; give one of them a free subnet`,
      span: mine.val.span,
      path: mine.val.path,
      related: [{ span: theirs.val.span, path: theirs.val.path, message: `${what} of network ${other.spec.name}` }],
      data: { fix: 'renumberNetwork', network: net.spec.name, family },
    });
  }
}

/**
 * What the engine answers to the second network, in its own words, so that searching for the
 * error text leads here. Before 18.09 IPAM failed on the gateway instead of naming the pool.
 */
function engineRefusal(facts: RuleContext['facts'], host: string, net: NetFacts, family: Family): string {
  const v = facts.engineFor(host);
  if (atLeast(v, 18, 9)) return `Docker ${formatEngine(v)} refuses it with "Pool overlaps with other one on this address space"`;
  const gw = familyFacts(net, family).gateway;
  const sub = subnetOf(net, family);
  const addr = gw ? gw.val.value : sub ? formatAddr({ family, value: sub.cidr.network + 1n }) : '';
  return `Docker ${formatEngine(v)} refuses it with "failed to allocate gateway (${addr}): Address already in use"`;
}
