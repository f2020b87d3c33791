import type { NetFacts } from '../analysis/facts';
import { cidrInterval } from '../ip';
import type { Rule } from './types';
import { lineOf } from './util';
import { cidrText, earliestOverlapping, netsByHost, subnetOf } from './hostNets';

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
    const facts = ctx.facts;
    const order = new Map(facts.nets.map((n, i) => [n, i] as const));
    for (const family of [4, 6] as const) {
      // Per later network: its earliest overlapping partner and the hosts where that pair meets.
      const found = new Map<NetFacts, { other: NetFacts; hosts: string[]; count: number }>();
      for (const [host, nets] of netsByHost(ctx)) {
        const items = nets.filter((n) => subnetOf(n, family) !== undefined);
        for (const { item, earliest, count } of earliestOverlapping(items, (n) => cidrInterval(subnetOf(n, family)!.cidr), (n) => order.get(n)!)) {
          const seen = found.get(item);
          const o = order.get(earliest)!;
          if (!seen || o < order.get(seen.other)!) found.set(item, { other: earliest, hosts: [host], count: Math.max(seen?.count ?? 0, count) });
          else if (seen.other === earliest) {
            seen.hosts.push(host);
            seen.count = Math.max(seen.count, count);
          } else seen.count = Math.max(seen.count, count);
        }
      }
      const later = [...found.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!);
      for (const [net, { other, hosts, count }] of later) {
        const mine = subnetOf(net, family)!;
        const theirs = subnetOf(other, family)!;
        const same = mine.cidr.network === theirs.cidr.network && mine.cidr.prefix === theirs.cidr.prefix;
        const where = facts.model.hostsDeclared ? ` on host${hosts.length > 1 ? 's' : ''} ${hosts.join(', ')}` : '';
        const more = count > 1 ? ` and ${count - 1} more network${count > 2 ? 's' : ''}` : '';
        const what = family === 4 ? 'subnet' : 'ipv6 subnet';
        report({
          message:
            `${what} ${cidrText(mine.cidr)} of network ${net.spec.name} ${same ? 'is the same as' : 'overlaps'} ` +
            `${cidrText(theirs.cidr)} of network ${other.spec.name} (line ${lineOf(ctx, theirs.val.span)})${more}${where} — ` +
            'Docker refuses overlapping pools on one host; give one of them a free subnet',
          span: mine.val.span,
          path: mine.val.path,
          related: [{ span: theirs.val.span, path: theirs.val.path, message: `${what} of network ${other.spec.name}` }],
          data: { fix: 'renumberNetwork', network: net.spec.name, family },
        });
      }
    }
  },
};

