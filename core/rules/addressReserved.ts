import type { AddrFact, AttachFacts, NetFacts } from '../analysis/facts';
import { formatEngine } from '../engine';
import { contains, type Family } from '../ip';
import type { Path, Span } from '../spec/model';
import { poolsOf } from '../analysis/pools';
import type { Report, Rule, RuleContext } from './types';
import { lineOf } from './util';

/**
 * MV403: a static address that equals the gateway, the subnet's network or (IPv4) broadcast
 * address, or an aux address.
 *
 * Decided here (the design page leaves it open):
 * - Both families: ipv6_address is compared with the ipv6 gateway and the ipv6 subnet's network
 *   address (the subnet-router anycast address Docker reserves; IPv6 has no broadcast).
 * - On engines before 29, a network without `gateway:` still gets one: Docker takes the first
 *   address of the host's pool (ip_range, else subnet). A static address equal to that one
 *   collides just the same, so it fires too, naming the engine. Needs the container's host.
 * - An address outside the subnet is MV402's alone; with a subnet that failed to parse, only
 *   the gateway and aux comparisons are made.
 * - One finding per address; the first match wins: gateway, network/broadcast, then aux.
 */
export const rule: Rule = {
  code: 'MV403',
  title: 'Static address is reserved',
  defaultSeverity: 'error',
  check(ctx, report) {
    // Aux addresses by value, built for a network when one of its attachments first needs it.
    // Most networks have none: they never get a map.
    const auxByNet = new Map<NetFacts, Map<string, Aux>>();
    const auxOf = (net: NetFacts): Map<string, Aux> => {
      let aux = auxByNet.get(net);
      if (!aux) {
        aux = new Map();
        // First aux wins; a repeated aux value is MV108's.
        for (const x of net.aux) {
          const k = auxKey(x.fact.family, x.fact.value);
          if (!aux.has(k)) aux.set(k, x);
        }
        auxByNet.set(net, aux);
      }
      return aux;
    };
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net) continue;
      if (a.ipv4) one(ctx, a, net, a.ipv4, auxOf, report);
      if (a.ipv6) one(ctx, a, net, a.ipv6, auxOf, report);
    }
  },
};

type Aux = NetFacts['aux'][number];

/** Family in the key: an IPv6 value can equal an IPv4 one numerically. */
function auxKey(family: Family, value: bigint): string {
  return `${family}/${value}`;
}

/**
 * Finds what `addr` collides with, in the order decided above. The message, related entry and
 * data are made only for an address that collides (most do not).
 */
function one(
  ctx: RuleContext,
  a: AttachFacts,
  net: NetFacts,
  addr: AddrFact,
  auxOf: (net: NetFacts) => Map<string, Aux>,
  report: (r: Report) => void,
): void {
  const family: Family = addr.family;
  const subnet = family === 4 ? net.subnet : net.v6subnet;
  if (subnet && (subnet.cidr.family !== family || !contains(subnet.cidr, addr.value))) return;
  const name = net.spec.name;
  const pick = 'pick another address';

  const gw = family === 4 ? net.gateway : net.v6gateway;
  if (gw && gw.family === family && gw.value === addr.value) {
    send(ctx, a, addr, net, `the gateway of network ${name}`, pick, { span: gw.val.span, path: gw.val.path, message: `gateway of network ${name}` }, report);
    return;
  }
  const auto = gw ? undefined : poolsOf(ctx.facts).autoGateway(net, family, a.host);
  if (auto && auto.start === addr.value && a.host !== undefined) {
    const engine = formatEngine(ctx.facts.engineFor(a.host));
    send(
      ctx,
      a,
      addr,
      net,
      `the gateway Docker Engine ${engine} assigns itself to network ${name} (it has no ${family === 4 ? 'gateway' : 'ipv6 gateway'}, so Docker takes the first address of ${auto.what} ${auto.val.value})`,
      `set the gateway explicitly or ${pick}`,
      { span: auto.val.span, path: auto.val.path, message: `Docker takes the first address of this pool as gateway` },
      report,
    );
    return;
  }
  if (subnet) {
    const c = subnet.cidr;
    const what = addr.value === c.network ? 'network' : family === 4 && addr.value === c.last ? 'broadcast' : undefined;
    if (what !== undefined) {
      send(
        ctx,
        a,
        addr,
        net,
        `the ${what} address of ${family === 4 ? 'subnet' : 'ipv6 subnet'} ${subnet.val.value} of network ${name}, which Docker never assigns`,
        `${pick} inside the subnet`,
        { span: subnet.val.span, path: subnet.val.path, message: `subnet of network ${name}` },
        report,
      );
      return;
    }
  }
  // Most networks have no aux addresses: no map and no key (a bigint rendered as text) for them.
  const x = net.aux.length > 0 ? auxOf(net).get(auxKey(family, addr.value)) : undefined;
  if (x) {
    send(
      ctx,
      a,
      addr,
      net,
      `aux address ${x.name} of network ${name}, which Docker must never hand out`,
      `${pick}, or remove ${x.name} from aux_addresses if the container is meant to have it`,
      { span: x.fact.val.span, path: x.fact.val.path, message: `aux address ${x.name} of network ${name}` },
      report,
    );
  }
}

function send(
  ctx: RuleContext,
  a: AttachFacts,
  addr: AddrFact,
  net: NetFacts,
  what: string,
  fix: string,
  rel: { span: Span; path: Path; message: string },
  report: (r: Report) => void,
): void {
  report({
    message: `${addr.family === 4 ? 'ipv4_address' : 'ipv6_address'} ${addr.val.value} of container ${a.container.name} is ${what} (line ${lineOf(ctx, rel.span)}) — ${fix}`,
    span: addr.val.span,
    path: addr.val.path,
    related: [rel],
    data: { fix: 'assignAddress', container: a.container.name, network: net.spec.name, family: addr.family },
  });
}
