import type { CidrFact, NetFacts } from '../analysis/facts';
import { formatEngine, rejectsHostBits, type EngineVersion } from '../engine';
import { formatCidr, type Family } from '../ip';
import type { Report, Rule, RuleContext } from './types';

/**
 * MV102: a subnet or ip_range written with host bits set (192.0.2.5/24).
 * Engine 25 and later reject it at `docker network create`; older engines mask it silently,
 * which hides a typo, so it stays a warning there.
 *
 * Decided here (the design page leaves it open):
 * - Checked: `subnet`, `ip_range` (single or per host), `ipv6.subnet`, `ipv6.ip_range`.
 *   A value of the other family in a slot is MV106's (ip_range) or MV101's (subnet) to report,
 *   so it is skipped here: the fix is to move it, not to normalise it.
 * - Severity: error when any host that gets the network runs an engine that rejects host bits.
 *   A per-host ip_range is only ever sent to its own host, so that host's engine decides
 *   (falling back to the network's hosts when the key names no known host, which is MV502).
 * - A network whose `hosts:` names no known host is judged against every host: it is still
 *   meant to be created somewhere, and the stricter answer is the safe one.
 */
export const rule: Rule = {
  code: 'MV102',
  title: 'Host bits set in subnet or ip_range',
  defaultSeverity: 'error',
  check(ctx, report) {
    // Host bits are rare: test each slot in place, and work out hosts and text only for a finding.
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      if (hostBits(n.subnet, 4)) reportOne(ctx, n, n.subnet, 'subnet', undefined, netHosts(ctx, n), report);
      if (hostBits(n.ipRange, 4)) reportOne(ctx, n, n.ipRange, 'ip_range', undefined, netHosts(ctx, n), report);
      for (let j = 0; j < n.ipRangeByHost.length; j++) {
        const r = n.ipRangeByHost[j];
        if (hostBits(r.fact, 4)) reportOne(ctx, n, r.fact, 'ip_range', r.host, ctx.facts.hostByName.has(r.host) ? [r.host] : netHosts(ctx, n), report);
      }
      if (hostBits(n.v6subnet, 6)) reportOne(ctx, n, n.v6subnet, 'ipv6 subnet', undefined, netHosts(ctx, n), report);
      if (hostBits(n.v6ipRange, 6)) reportOne(ctx, n, n.v6ipRange, 'ipv6 ip_range', undefined, netHosts(ctx, n), report);
    }
  },
};

/** A value of the slot's family with host bits set; the other family is another rule's. */
function hostBits(fact: CidrFact | undefined, family: Family): fact is CidrFact {
  return fact !== undefined && fact.cidr.family === family && fact.cidr.hostBitsSet;
}

function netHosts(ctx: RuleContext, n: NetFacts): string[] {
  return n.hosts.length > 0 ? n.hosts : ctx.facts.model.hosts.map((h) => h.name);
}

function reportOne(
  ctx: RuleContext,
  n: NetFacts,
  fact: CidrFact,
  what: string,
  forHost: string | undefined,
  hosts: string[],
  report: (r: Report) => void,
): void {
  const c = fact.cidr;
  const normalised = formatCidr(c.family, c.network, c.prefix);
  const engines = hosts.map((h) => ({ host: h, engine: ctx.facts.engineFor(h) }));
  const strict = engines.find((e) => rejectsHostBits(e.engine));
  const head = `${what} ${fact.val.value} of network ${n.spec.name}${forHost !== undefined ? ` for host ${forHost}` : ''} has host bits set`;
  const named = (e: { host: string; engine: EngineVersion }): string =>
    `Docker Engine ${formatEngine(e.engine)}${ctx.facts.model.hostsDeclared ? ` on host ${e.host}` : ''}`;
  if (strict) {
    report({
      message: `${head}: ${named(strict)} rejects it (engines from 25 on do) — write ${normalised}`,
      span: fact.val.span,
      path: fact.val.path,
      data: { fix: 'normaliseCidr', normalised },
      severity: 'error',
    });
    return;
  }
  // Every host masks silently; name the newest so the message matches the closest-to-25 engine.
  const newest = engines.reduce<(typeof engines)[number] | undefined>(
    (best, e) => (!best || e.engine.major > best.engine.major || (e.engine.major === best.engine.major && e.engine.minor > best.engine.minor) ? e : best),
    undefined,
  );
  const who = newest ? named(newest) : 'this Docker Engine';
  report({
    message: `${head}: ${who} silently masks it to ${normalised}, and engines from 25 on reject it — write ${normalised}`,
    span: fact.val.span,
    path: fact.val.path,
    data: { fix: 'normaliseCidr', normalised },
    severity: 'warning',
  });
}
