import type { NetFacts } from '../analysis/facts';
import { formatEngine, macvlanSharesParent } from '../engine';
import type { Rule } from './types';
import { lineOf } from './util';
import { netsByHost } from './hostNets';

/**
 * MV203: two networks on one host on the same parent (+vlan): macvlan before engine 27, any
 * ipvlan, or any passthru.
 *
 * Decided here (the design page leaves it open):
 * - "Same parent" is the same segment (`facts segment.name`): `parent: eth0.10` and
 *   `parent: eth0` + `vlan: 10` are one link; eth0.10 and eth0.20 are two.
 * - Only pairs of one driver are this rule's: a macvlan and an ipvlan on one link is MV204,
 *   which would say the same thing louder. So: two ipvlan networks always; two macvlan networks
 *   when the host's engine is before 27, or when either is in passthru mode (passthru hands the
 *   whole link to one macvlan device on every engine).
 * - The engine is the host's (`engine:`, else the connected daemon's, else the fallback); a
 *   network on hosts with different engines is judged per host.
 * - One finding per later network in the file, on its `parent`, whatever the number of hosts;
 *   related is the first earlier network it clashes with.
 */
export const rule: Rule = {
  code: 'MV203',
  title: 'Networks sharing a parent that cannot be shared',
  defaultSeverity: 'error',
  check(ctx, report) {
    const done = new Set<NetFacts>();
    for (const [host, nets] of netsByHost(ctx)) {
      const engine = ctx.facts.engineFor(host);
      const shares = macvlanSharesParent(engine);
      const bySegment = new Map<string, { macvlan?: NetFacts; passthru?: NetFacts; ipvlan?: NetFacts }>();
      for (const n of nets) {
        if (!n.segment || !n.spec.parent) continue;
        let seen = bySegment.get(n.segment.name);
        if (!seen) bySegment.set(n.segment.name, (seen = {}));
        let other: NetFacts | undefined;
        let why: string;
        if (n.spec.driver === 'ipvlan') {
          other = seen.ipvlan;
          why = 'ipvlan networks cannot share a parent';
        } else if (!shares) {
          other = seen.macvlan;
          why = `Docker Engine ${formatEngine(engine)} lets only one macvlan network use a parent (sharing needs engine 27 or later)`;
        } else if (n.mode === 'passthru') {
          other = seen.macvlan;
          why = 'a passthru network takes the whole parent for one container';
        } else {
          other = seen.passthru;
          why = `network ${seen.passthru?.spec.name ?? ''} is passthru, which takes the whole parent for one container`;
        }
        if (n.spec.driver === 'ipvlan') seen.ipvlan ??= n;
        else {
          seen.macvlan ??= n;
          if (n.mode === 'passthru') seen.passthru ??= n;
        }
        if (!other || done.has(n)) continue;
        done.add(n);
        const theirs = other.spec.parent!;
        const where = ctx.facts.model.hostsDeclared ? ` on host ${host}` : '';
        report({
          message:
            `network ${n.spec.name} uses parent ${n.segment.name}, like network ${other.spec.name} (line ${lineOf(ctx, theirs.span)})${where}: ` +
            `${why} — give one of them another parent or VLAN`,
          span: n.spec.parent.span,
          path: n.spec.parent.path,
          related: [{ span: theirs.span, path: theirs.path, message: `parent of network ${other.spec.name}` }],
        });
      }
    }
  },
};
