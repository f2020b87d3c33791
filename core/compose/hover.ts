/**
 * Hover in compose files: the spec's address arithmetic on the values of macvlan/ipvlan
 * networking, read at compose paths. Every other key and value is left to Docker's compose
 * language server and Red Hat YAML, so nothing is said twice.
 */
import type { CheckResult } from '../check';
import type { ObservedState } from '../observed';
import { addressHover } from '../service/hoverAddress';
import { rangeHover, subnetHover } from '../service/hoverBlock';
import { containerHover, networkHover, segmentHover } from '../service/hoverEntity';
import { locate } from '../service/nodeAt';
import { match } from '../service/pathMatch';
import type { HoverResult } from '../service/types';

/** `observed`: the host's networks (and the other files' on it), for what a subnet collides with. */
export function composeHover(check: CheckResult, offset: number, observed?: ObservedState): HoverResult | undefined {
  const at = locate(check.parsed.doc, offset);
  if (!at) return undefined;
  const facts = check.facts;
  const p = at.path;
  const net = (key: string) => facts.netByName.get(key);
  let m: string[] | undefined;
  let markdown: string | undefined;
  if (at.kind === 'key') {
    if ((m = match(p, ['networks', '*'])) && net(m[0])) markdown = networkHover(facts, m[0]);
    else if ((m = match(p, ['services', '*']))) {
      const service = m[0];
      const c = facts.model.containers.find((x) => x.path[1] === service);
      if (c) markdown = containerHover(facts, c.name);
    }
  } else if (typeof at.node.value === 'string') {
    const text = at.node.value;
    if ((m = match(p, ['networks', '*', 'ipam', 'config', '#', 'subnet']))) markdown = net(m[0]) && subnetHover(facts, observed, net(m[0]), text);
    else if ((m = match(p, ['networks', '*', 'ipam', 'config', '#', 'ip_range']))) markdown = net(m[0]) && rangeHover(net(m[0]), text, undefined);
    else if ((m = match(p, ['networks', '*', 'ipam', 'config', '#', 'gateway'])) || (m = match(p, ['networks', '*', 'ipam', 'config', '#', 'aux_addresses', '*'])) || (m = match(p, ['networks', '*', 'x-macvlan', 'exclude', '#']))) {
      markdown = net(m[0]) && addressHover(facts, net(m[0]), text);
    } else if ((m = match(p, ['services', '*', 'networks', '*', 'ipv4_address'])) || (m = match(p, ['services', '*', 'networks', '*', 'ipv6_address']))) {
      markdown = net(m[1]) && addressHover(facts, net(m[1]), text);
    } else if ((m = match(p, ['networks', '*', 'driver_opts', 'parent']))) markdown = net(m[0]) && segmentHover(facts, net(m[0]));
  }
  return markdown ? { markdown, span: at.span } : undefined;
}
