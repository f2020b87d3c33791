import type { AddrFact, AttachFacts, NetFacts } from '../analysis/facts';
import { formatEngine } from '../engine';
import { contains, type Family } from '../ip';
import type { Path, Span } from '../spec/model';
import { autoGateway } from './pools';
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
    const auxByNet = new Map<NetFacts, Map<string, NetFacts['aux'][number]>>();
    for (const a of ctx.facts.attachments) {
      const net = a.net;
      if (!net) continue;
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
      if (a.ipv4) one(ctx, a, net, a.ipv4, aux, report);
      if (a.ipv6) one(ctx, a, net, a.ipv6, aux, report);
    }
  },
};

/** Family in the key: an IPv6 value can equal an IPv4 one numerically. */
function auxKey(family: Family, value: bigint): string {
  return `${family}/${value}`;
}

function one(
  ctx: RuleContext,
  a: AttachFacts,
  net: NetFacts,
  addr: AddrFact,
  aux: Map<string, NetFacts['aux'][number]>,
  report: (r: Report) => void,
): void {
  const family: Family = addr.family;
  const subnet = family === 4 ? net.subnet : net.v6subnet;
  if (subnet && (subnet.cidr.family !== family || !contains(subnet.cidr, addr.value))) return;
  const name = net.spec.name;
  const send = (what: string, fix: string, rel: { span: Span; path: Path; message: string }): void =>
    report({
      message: `${family === 4 ? 'ipv4_address' : 'ipv6_address'} ${addr.val.value} of container ${a.container.name} is ${what} (line ${lineOf(ctx, rel.span)}) — ${fix}`,
      span: addr.val.span,
      path: addr.val.path,
      related: [rel],
      data: { fix: 'assignAddress', container: a.container.name, network: name, family },
    });
  const pick = 'pick another address';

  const gw = family === 4 ? net.gateway : net.v6gateway;
  if (gw && gw.family === family && gw.value === addr.value) {
    send(`the gateway of network ${name}`, pick, { span: gw.val.span, path: gw.val.path, message: `gateway of network ${name}` });
    return;
  }
  const auto = gw ? undefined : autoGateway(ctx.facts, net, family, a.host);
  if (auto && auto.value === addr.value && a.host !== undefined) {
    const engine = formatEngine(ctx.facts.engineFor(a.host));
    send(
      `the gateway Docker Engine ${engine} assigns itself to network ${name} (it has no ${family === 4 ? 'gateway' : 'ipv6 gateway'}, so Docker takes the first address of ${auto.pool.what} ${auto.pool.val.value})`,
      `set the gateway explicitly or ${pick}`,
      { span: auto.pool.val.span, path: auto.pool.val.path, message: `Docker takes the first address of this pool as gateway` },
    );
    return;
  }
  if (subnet) {
    const c = subnet.cidr;
    const what = addr.value === c.network ? 'network' : family === 4 && addr.value === c.last ? 'broadcast' : undefined;
    if (what !== undefined) {
      send(
        `the ${what} address of ${family === 4 ? 'subnet' : 'ipv6 subnet'} ${subnet.val.value} of network ${name}, which Docker never assigns`,
        `${pick} inside the subnet`,
        { span: subnet.val.span, path: subnet.val.path, message: `subnet of network ${name}` },
      );
      return;
    }
  }
  // Most networks have no aux addresses: skip the key (a bigint rendered as text) for them.
  const x = aux.size > 0 ? aux.get(auxKey(family, addr.value)) : undefined;
  if (x) {
    send(
      `aux address ${x.name} of network ${name}, which Docker must never hand out`,
      `${pick}, or remove ${x.name} from aux_addresses if the container is meant to have it`,
      { span: x.fact.val.span, path: x.fact.val.path, message: `aux address ${x.name} of network ${name}` },
    );
  }
}
