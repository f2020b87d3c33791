import type { CidrFact } from '../analysis/facts';
import { usableRange } from '../ip';
import type { Rule } from './types';

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
    for (const n of ctx.facts.nets) {
      const one = (fact: CidrFact | undefined, what: string, minimum: string, why: string): void => {
        if (!fact || usableRange(fact.cidr) !== null) return;
        report({
          message: `${what} ${fact.val.value} of network ${n.spec.name} has no address Docker can hand out: ${why} — use a /${minimum} or a shorter prefix`,
          span: fact.val.span,
          path: fact.val.path,
        });
      };
      if (n.subnet?.cidr.family === 4) {
        const why = n.subnet.cidr.prefix === 32 ? 'a /32 is a single address' : 'a /31 holds only its network and broadcast addresses';
        one(n.subnet, 'subnet', '30', why);
      }
      if (n.v6subnet?.cidr.family === 6) {
        const why =
          n.v6subnet.cidr.prefix === 128
            ? 'a /128 is a single address'
            : 'a /127 holds only the subnet-router anycast address, which Docker reserves, and one more that the gateway would take';
        one(n.v6subnet, 'ipv6 subnet', '126', why);
      }
    }
  },
};
