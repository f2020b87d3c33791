import type { AttachFacts, NetFacts } from '../analysis/facts';
import { formatAddr, formatCidr, makeCidr, maxAddr } from '../ip';
import type { Rule } from './types';

/**
 * MV101 (a second file for the code): `subnet: 255.255.255.0/24`, the netmask typed where the
 * network address belongs. It parses, and has no host bits, so nothing else names the mistake;
 * what users saw were its symptoms (gateway and addresses "outside the subnet"). Said once, at
 * the subnet, with the subnet the gateway (else the first static address) points at.
 *
 * Decided here: only IPv4 (IPv6 has no netmask habit), prefixes 1..32 whose address is exactly
 * that prefix's mask. Such a block lies in 128.0.0.0/1 and, from /4 on, in the reserved 240/4:
 * never a LAN subnet, so it is an error.
 */
export const rule: Rule = {
  code: 'MV101',
  title: 'Netmask written as the subnet',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const s = n.subnet;
      if (!s || s.cidr.family !== 4 || s.cidr.prefix === 0 || s.cidr.addr !== maskOf(s.cidr.prefix)) continue;
      const likely = likelySubnet(ctx.facts.attachments, n, s.cidr.prefix);
      const head = `subnet ${s.val.value} of network ${n.spec.name} looks like the netmask ${formatAddr({ family: 4, value: s.cidr.addr })} written where the network address belongs`;
      report({
        message: likely ? `${head} — from ${likely.from} the subnet is probably ${likely.cidr}` : `${head} — write the network's address with /${s.cidr.prefix}, e.g. 192.168.1.0/${s.cidr.prefix}`,
        span: s.val.span,
        path: s.val.path,
        ...(likely ? { data: { fix: 'replaceValue' as const, value: likely.cidr, title: `Change to ${likely.cidr}` } } : {}),
      });
    }
  },
};

/** The IPv4 netmask of a prefix: the network address of all-ones with it. */
function maskOf(prefix: number): bigint {
  return makeCidr(4, maxAddr(4), prefix).network;
}

function likelySubnet(attachments: readonly AttachFacts[], n: NetFacts, prefix: number): { cidr: string; from: string } | undefined {
  const at = (value: bigint) => formatCidr(4, makeCidr(4, value, prefix).network, prefix);
  if (n.gateway?.family === 4) return { cidr: at(n.gateway.value), from: `its gateway ${n.gateway.val.value}` };
  for (let i = 0; i < attachments.length; i++) {
    const a = attachments[i];
    if (a.net === n && a.ipv4) return { cidr: at(a.ipv4.value), from: `the address ${a.ipv4.val.value} of container ${a.container.name}` };
  }
  return undefined;
}
