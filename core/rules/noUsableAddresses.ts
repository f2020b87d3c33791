import type { CidrFact } from '../analysis/facts';
import { hasUsableAddresses } from '../ip';
import type { Report, Rule } from './types';

/**
 * MV103: a subnet with no address Docker can hand out (IPv4 /31, /32; IPv6 /127, /128).
 *
 * Decided here (the design page leaves it open):
 * - "Usable" is `core/ip` usableRange, so this rule and the address rules agree on it. IPv4
 *   loses the network and broadcast addresses (Docker does not do RFC 3021 /31 links). IPv6 has
 *   no broadcast, but Docker reserves the subnet-router anycast address (the network address),
 *   and /127 is treated as unusable as the design table says.
 * - Only subnets. An ip_range may legitimately be tiny (a /32 pool of one address); whether a pool
 *   holds enough for its containers is MV410.
 * - Every address of such a subnet is network or broadcast, so MV105 and MV108 stay quiet about a
 *   gateway or aux address in it: this one finding already says what is wrong.
 */
export const rule: Rule = {
  code: 'MV103',
  title: 'Subnet has no usable addresses',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const s4 = n.subnet;
      if (s4 && s4.cidr.family === 4 && !hasUsableAddresses(s4.cidr)) {
        const why = s4.cidr.prefix === 32 ? 'a /32 is a single address' : 'a /31 holds only its network and broadcast addresses';
        reportOne(report, n.spec.name, s4, 'subnet', '30', why);
      }
      const s6 = n.v6subnet;
      if (s6 && s6.cidr.family === 6 && !hasUsableAddresses(s6.cidr)) {
        const why =
          s6.cidr.prefix === 128
            ? 'a /128 is a single address'
            : 'a /127 holds only the subnet-router anycast address, which Docker reserves, and one more that the gateway would take';
        reportOne(report, n.spec.name, s6, 'ipv6 subnet', '126', why);
      }
    }
  },
};

function reportOne(report: (r: Report) => void, net: string, fact: CidrFact, what: string, minimum: string, why: string): void {
  report({
    message: `${what} ${fact.val.value} of network ${net} has no address Docker can hand out: ${why} — use a /${minimum} or a shorter prefix`,
    span: fact.val.span,
    path: fact.val.path,
  });
}
