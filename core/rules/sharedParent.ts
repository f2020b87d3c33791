import type { NetFacts } from '../analysis/facts';
import { formatEngine, macvlanSharesParent } from '../engine';
import type { FixHint } from '../findings';
import type { Path } from '../spec/model';
import type { Rule, RuleContext } from './types';
import { lineOf } from './util';
import { hostNets } from '../analysis/hostNets';

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
    let done: Set<NetFacts> | undefined;
    const hosts = hostNets(ctx);
    for (let h = 0; h < hosts.length; h++) {
      const { host, nets } = hosts[h];
      if (nets.length < 2) continue;
      const engine = ctx.facts.engineFor(host);
      const shares = macvlanSharesParent(engine);
      // Where macvlan networks may share a parent, only an ipvlan or a passthru network can
      // clash: most hosts have neither, and then there is nothing to group.
      if (shares && !anyMayClash(nets)) continue;
      const bySegment = new Map<string, { macvlan?: NetFacts; passthru?: NetFacts; ipvlan?: NetFacts }>();
      for (let i = 0; i < nets.length; i++) {
        const n = nets[i];
        if (!n.segment || !n.spec.parent) continue;
        let seen = bySegment.get(n.segment.name);
        if (!seen) bySegment.set(n.segment.name, (seen = {}));
        const other =
          n.spec.driver === 'ipvlan' ? seen.ipvlan : !shares ? seen.macvlan : n.mode === 'passthru' ? seen.macvlan : seen.passthru;
        if (n.spec.driver === 'ipvlan') seen.ipvlan ??= n;
        else {
          seen.macvlan ??= n;
          if (n.mode === 'passthru') seen.passthru ??= n;
        }
        if (!other || done?.has(n)) continue;
        (done ??= new Set()).add(n);
        // The reason, in the order the cases are tried above; built only for a finding.
        const why =
          n.spec.driver === 'ipvlan'
            ? 'ipvlan networks cannot share a parent'
            : !shares
              ? `Docker Engine ${formatEngine(engine)} lets only one macvlan network use a parent (sharing needs engine 27 or later)`
              : n.mode === 'passthru'
                ? 'a passthru network takes the whole parent for one container'
                : `network ${other.spec.name} is passthru, which takes the whole parent for one container`;
        const theirs = other.spec.parent!;
        const where = ctx.facts.model.hostsDeclared ? ` on host ${host}` : '';
        report({
          message:
            `network ${n.spec.name} uses parent ${n.segment.name}, like network ${other.spec.name} (line ${lineOf(ctx, theirs.span)})${where}: ` +
            `${why} — give one of them another parent or VLAN`,
          span: n.spec.parent.span,
          path: n.spec.parent.path,
          related: [{ span: theirs.span, path: theirs.path, message: `parent of network ${other.spec.name}` }],
          ...(n.segment.vlan === undefined && n.spec.vlan === undefined ? { data: ownVlan(ctx, n.spec.name, n.spec.path, n.segment.base) } : {}),
        });
      }
    }
  },
};

/** Whether any network can clash with another on a parent even where macvlan networks share one. */
function anyMayClash(nets: readonly NetFacts[]): boolean {
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    if (n.segment !== undefined && n.spec.parent !== undefined && (n.spec.driver === 'ipvlan' || n.mode === 'passthru')) return true;
  }
  return false;
}

/**
 * A network on an untagged parent gets a device of its own with a VLAN on that parent: the
 * lowest id from 2 (1 is often the untagged default) that no network of the spec uses there.
 */
function ownVlan(ctx: RuleContext, name: string, path: Path, base: string): FixHint {
  const used = new Set<number>();
  for (const other of ctx.facts.nets) if (other.segment?.base === base && other.segment.vlan !== undefined) used.add(other.segment.vlan);
  let id = 2;
  while (used.has(id)) id++;
  return { fix: 'addKey', map: path, key: 'vlan', after: 'parent', choices: [{ value: id, title: `Put ${name} on VLAN ${id} of ${base} (${base}.${id}, a device of its own)` }] };
}

