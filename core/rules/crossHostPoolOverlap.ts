import type { NetFacts } from '../analysis/facts';
import { containsCidr, type Cidr } from '../ip';
import type { Path, Span } from '../spec/model';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';
import { cidrText, overlapsEarlier } from '../analysis/hostNets';

/**
 * MV207: a network on several hosts whose dynamic pools overlap between hosts. Docker's IPAM
 * is per host, so each host hands out the same first free addresses of a shared pool.
 *
 * Decided here (the design page leaves it open):
 * - A host's pool is its entry of an `ip_range` map, else the single `ip_range`, else the whole
 *   subnet — so a host missing from a map falls back to the whole subnet, which overlaps every
 *   other host's entry.
 * - IPv4 only: format v1 has no per-host `ipv6.ip_range`, so an IPv6 finding would have no fix
 *   in the spec. (Containers with static IPv6 addresses do not touch the pool anyway.)
 * - Internal networks count: they still get addresses from IPAM.
 * - Without a map every host shares one pool: one finding, on that `ip_range` (or on the
 *   subnet when there is none), listing the hosts.
 *   With a map: one finding per host whose entry overlaps an earlier host's (in the network's
 *   host order), on that entry, related to the earlier one; and one finding on the `ip_range`
 *   key for all hosts without an entry (the fix is to add theirs), related to the first entry.
 * - On a `scope: swarm` network the hosts are Swarm nodes, each with its own config-only network:
 *   the messages (and the fix's title) say so.
 * - Map entries that are IPv6, outside the subnet, or for hosts the network is not on are
 *   MV106's / MV502's and are ignored here.
 */
export const rule: Rule = {
  code: 'MV207',
  title: 'Dynamic pools overlapping between hosts',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      if (n.hosts.length < 2) continue;
      const subnet = n.subnet?.cidr.family === 4 ? n.subnet : undefined;
      if (n.spec.ipRangeByHost && n.spec.ipRangeKey) checkMap(ctx, n, report);
      else {
        const pool = n.ipRange?.cidr.family === 4 ? n.ipRange : subnet;
        if (!pool) continue;
        const w = words(n);
        const what = pool === subnet ? `has no ip_range, so each ${w.host} hands out its whole subnet ${cidrText(pool.cidr)}` : `hands out ip_range ${cidrText(pool.cidr)} on each ${w.host}`;
        report({
          message:
            `network ${n.spec.name} is on ${w.hosts} ${n.hosts.join(', ')} and ${what}: ${w.ipam}, so two ${w.hosts} can ` +
            `give containers the same address — give each ${w.host} its own range: ${
              ctx.facts.model.compose
                ? `set ip_range per host (each host's .env) and name the ranges under the network's x-macvlan: { ip_range: { ${n.hosts.map((h) => `${h}: …`).join(', ')} } }`
                : `ip_range: { ${n.hosts.map((h) => `${h}: …`).join(', ')} }`
            }`,
          span: pool.val.span,
          path: pool.val.path,
          data: { fix: 'partitionPool', network: n.spec.name },
        });
      }
    }
  },
};

/** A `scope: swarm` network's hosts are Swarm nodes, each with its own config-only network (and so its own IPAM). */
export function words(n: NetFacts): { host: string; hosts: string; ipam: string } {
  return n.swarm
    ? { host: 'Swarm node', hosts: 'Swarm nodes', ipam: "each Swarm node hands out addresses from its own config-only network's pool" }
    : { host: 'host', hosts: 'hosts', ipam: 'Docker IPAM is per host' };
}

interface HostPool {
  host: string;
  cidr: Cidr;
  span: Span;
  path: Path;
}

function checkMap(ctx: RuleContext, n: NetFacts, report: (r: Report) => void): void {
  const subnet = n.subnet?.cidr.family === 4 ? n.subnet : undefined;
  const key = n.spec.ipRangeKey!;
  const data = { fix: 'partitionPool', network: n.spec.name } as const;
  const w = words(n);
  const own: HostPool[] = [];
  const missing: string[] = [];
  for (const host of n.hosts) {
    const entry = n.ipRangeByHost.find((r) => r.host === host);
    const c = entry?.fact.cidr;
    if (entry && c && c.family === 4 && (!subnet || containsCidr(subnet.cidr, c))) {
      own.push({ host, cidr: c, span: entry.fact.val.span, path: entry.fact.val.path });
    } else if (!n.spec.ipRangeByHost!.some((r) => r.host === host)) missing.push(host);
  }

  // A host without an entry hands out the whole subnet, which holds every other host's pool.
  if (subnet && missing.length > 0 && missing.length + own.length > 1) {
    const many = missing.length > 1;
    const first = own[0];
    const overlapsWhat = first
      ? `, which overlaps the range of ${w.host} ${first.host}, ${cidrText(first.cidr)} (line ${lineOf(ctx, first.span)})`
      : '';
    report({
      message:
        `${w.host}${many ? 's' : ''} ${missing.join(', ')} of network ${n.spec.name} ${many ? 'have' : 'has'} no entry in the ip_range map, ` +
        `so ${many ? 'each hands' : 'it hands'} out the whole subnet ${cidrText(subnet.cidr)}${overlapsWhat}: ${w.ipam}, ` +
        `so two ${w.hosts} can give containers the same address — add a disjoint range for ${missing.join(', ')}`,
      span: key.keySpan,
      path: key.path,
      related: first ? [{ span: first.span, path: first.path, message: `ip_range of ${w.host} ${first.host}` }] : [],
      data,
    });
  }

  // `own` is in host order, so its indices order the hosts; hits come by ascending index.
  const hits = overlapsEarlier(own.map((p) => p.cidr));
  for (let k = 0; k < hits.length; k += 3) {
    const p = own[hits[k]];
    const other = own[hits[k + 1]];
    report({
      message:
        `ip_range ${cidrText(p.cidr)} of ${w.host} ${p.host} in network ${n.spec.name} overlaps the range of ${w.host} ${other.host}, ` +
        `${cidrText(other.cidr)} (line ${lineOf(ctx, other.span)}): ${w.ipam}, so both ${w.hosts} can give containers ` +
        `the same address — give each ${w.host} a disjoint range`,
      span: p.span,
      path: p.path,
      related: [{ span: other.span, path: other.path, message: `ip_range of ${w.host} ${other.host}` }],
      data,
    });
  }
}
