import type { NetFacts } from '../analysis/facts';
import type { Rule } from './types';
import { lineOf } from './util';
import { hostNets } from '../analysis/hostNets';

/**
 * MV204: a macvlan and an ipvlan network on the same parent of one host.
 *
 * Decided here (the design page leaves it open):
 * - "Same parent" is the same lower device, i.e. the same segment (`facts segment.name`).
 *   Both drivers claim the lower device's single rx_handler, so the second one fails with
 *   EBUSY when its first container starts. A VLAN sub-interface is a device of its own with
 *   its own rx_handler: macvlan on eth0.10 and ipvlan on eth0.20 (or on untagged eth0) work.
 * - On every engine: this is the kernel's limit, not Docker's.
 * - One finding per later network in the file, on its `parent`, whatever the number of hosts;
 *   related is the first earlier network of the other driver on that link. Pairs of one
 *   driver are MV203's.
 */
export const rule: Rule = {
  code: 'MV204',
  title: 'macvlan and ipvlan on one parent',
  defaultSeverity: 'error',
  check(ctx, report) {
    let done: Set<NetFacts> | undefined;
    const hosts = hostNets(ctx);
    for (let h = 0; h < hosts.length; h++) {
      const { host, nets } = hosts[h];
      // Only a host with networks of both drivers on some parent can have a finding; most have one driver.
      if (!hasBothDrivers(nets)) continue;
      const bySegment = new Map<string, { macvlan?: NetFacts; ipvlan?: NetFacts }>();
      for (let i = 0; i < nets.length; i++) {
        const n = nets[i];
        if (!n.segment || !n.spec.parent) continue;
        let seen = bySegment.get(n.segment.name);
        if (!seen) bySegment.set(n.segment.name, (seen = {}));
        const other = n.spec.driver === 'ipvlan' ? seen.macvlan : seen.ipvlan;
        seen[n.spec.driver] ??= n;
        if (!other || done?.has(n)) continue;
        (done ??= new Set()).add(n);
        const theirs = other.spec.parent!;
        const where = ctx.facts.model.hostsDeclared ? ` on host ${host}` : '';
        report({
          message:
            `${n.spec.driver} network ${n.spec.name} and ${other.spec.driver} network ${other.spec.name} (line ${lineOf(ctx, theirs.span)}) ` +
            `both use ${n.segment.name}${where}: a link carries macvlan or ipvlan devices, never both — ` +
            'use the same driver for both, or another parent or VLAN',
          span: n.spec.parent.span,
          path: n.spec.parent.path,
          related: [{ span: theirs.span, path: theirs.path, message: `parent of ${other.spec.driver} network ${other.spec.name}` }],
        });
      }
    }
  },
};

function hasBothDrivers(nets: readonly NetFacts[]): boolean {
  let macvlan = false;
  let ipvlan = false;
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    if (!n.segment || !n.spec.parent) continue;
    if (n.spec.driver === 'ipvlan') ipvlan = true;
    else macvlan = true;
    if (macvlan && ipvlan) return true;
  }
  return false;
}
