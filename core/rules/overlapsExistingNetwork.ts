import type { NetFacts } from '../analysis/facts';
import { cidrInterval, parseCidr, type Cidr } from '../ip';
import { MANAGED_LABEL, type ObservedNetwork } from '../observed';
import type { Rule } from './types';
import { cidrText, earliestOverlapping, netsByHost, subnetOf } from './hostNets';

/**
 * MV208: a subnet overlaps a network that already exists on the connected host and that this
 * spec does not manage. Apply never touches such a network, so `docker network create` would
 * fail with "Pool overlaps".
 *
 * Decided here (the design page leaves it open):
 * - Any network labelled io.macvlan-spec.managed=true is skipped: apply recreates the ones the
 *   spec names and removes the others before it creates anything (core/plan), so their current
 *   subnets never block a create. This keeps the editor and `macvlan-spec plan` in agreement.
 *   An unlabelled network that happens to share a name with ours still counts as existing.
 * - Every driver counts (bridge, overlay, macvlan, ...): the engine checks pools across all.
 * - Only hosts with observed state are checked; subnets the daemon reports that do not parse
 *   are ignored (they are the daemon's, not the user's, to fix).
 * - One finding per network and family, naming the existing network of the first host it
 *   clashes on (and the other hosts, if any). No related place: the other side is not in the
 *   file.
 */
export const rule: Rule = {
  code: 'MV208',
  title: 'Subnet overlaps an existing network',
  defaultSeverity: 'error',
  check(ctx, report) {
    const observed = ctx.observed;
    if (!observed) return;
    const order = new Map(ctx.facts.nets.map((n, i) => [n, i] as const));
    for (const family of [4, 6] as const) {
      const clashes = new Map<NetFacts, { host: string; existing: ObservedNetwork; subnet: Cidr }[]>();
      for (const [host, nets] of netsByHost(ctx)) {
        const live = observed.hosts[host];
        if (!live) continue;
        const existing: Item[] = [];
        for (const e of live.networks) {
          if (e.labels[MANAGED_LABEL] === 'true') continue;
          for (const text of e.subnets) {
            const c = parseCidr(text);
            if (c.ok && c.value.family === family) existing.push({ cidr: c.value, order: existing.length, existing: e });
          }
        }
        if (existing.length === 0) continue;
        const items: Item[] = [...existing];
        for (const n of nets) {
          const s = subnetOf(n, family);
          if (s) items.push({ cidr: s.cidr, order: existing.length + order.get(n)!, net: n });
        }
        for (const { item, earliest } of earliestOverlapping(items, (i) => cidrInterval(i.cidr), (i) => i.order)) {
          if (!item.net || !earliest.existing) continue;
          let list = clashes.get(item.net);
          if (!list) clashes.set(item.net, (list = []));
          list.push({ host, existing: earliest.existing, subnet: earliest.cidr });
        }
      }
      const nets = [...clashes.keys()].sort((a, b) => order.get(a)! - order.get(b)!);
      for (const n of nets) {
        const [first, ...others] = clashes.get(n)!;
        const mine = subnetOf(n, family)!;
        const on = (h: string): string => (ctx.facts.model.hostsDeclared ? `host ${h}` : 'the Docker host');
        const sameName = first.existing.name === n.spec.name ? ' (same name, but not labelled as created by macvlan-spec, so apply will not replace it)' : '';
        const also = others.length > 0 ? `; also on ${others.map((o) => `${o.host} (${o.existing.name}, ${cidrText(o.subnet)})`).join(', ')}` : '';
        report({
          message:
            `${family === 4 ? 'subnet' : 'ipv6 subnet'} ${cidrText(mine.cidr)} of network ${n.spec.name} overlaps existing network ` +
            `${first.existing.name} (${cidrText(first.subnet)}, driver ${first.existing.driver}) on ${on(first.host)}, which this spec does not manage${sameName}${also} — ` +
            'pick a free subnet, or remove that network first',
          span: mine.val.span,
          path: mine.val.path,
        });
      }
    }
  },
};

interface Item {
  cidr: Cidr;
  order: number;
  net?: NetFacts;
  existing?: ObservedNetwork;
}
