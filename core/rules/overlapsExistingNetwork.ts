import { parseCidr, type Cidr } from '../ip';
import { SPEC_LABEL, type ObservedNetwork } from '../observed';
import { existingRole } from '../plan/adoption';
import { ownerOf, type Owner } from '../plan/ownership';
import type { Rule } from './types';
import { cidrText, hostNets, overlapsEarlier, subnetOf } from '../analysis/hostNets';

/**
 * MV208: a subnet overlaps a network that already exists on the connected host and that this
 * spec does not manage. Apply never touches such a network, so `docker network create` would
 * fail with "Pool overlaps".
 *
 * Decided here (the design page leaves it open):
 * - This spec's own networks (labels io.macvlan-spec.managed=true and io.macvlan-spec.spec=<this
 *   spec's name>) are skipped: apply recreates the ones it names, and its orphans are the plan's
 *   to report (kept, or removed with --prune first). So are networks the spec describes as they
 *   are (adopted: same name, same definition, not another spec's). Everything else counts —
 *   another spec's networks and those of an older macvlan-spec too: apply never touches them.
 *   core/plan/adoption.ts decides, as the planner does, so the editor and `plan` agree.
 * - Every driver counts (bridge, overlay, macvlan, ...): the engine checks pools across all.
 *   Config-only networks do not (Docker reserves nothing for them), nor does a swarm network
 *   made `--config-from` one of this spec's config-only networks (it is this spec's, instantiated
 *   on a node where a task landed).
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
    const facts = ctx.facts;
    const hosts = hostNets(ctx);
    for (const family of FAMILIES) {
      // Per network (by index in facts.nets, so reporting in file order needs no sort).
      let clashes: Clash[][] | undefined;
      for (let h = 0; h < hosts.length; h++) {
        const { host, nets, at } = hosts[h];
        const live = observed.hosts[host];
        if (!live) continue;
        // The existing networks' blocks come first, so an index below `existing.length` is one.
        const blocks: Cidr[] = [];
        const existing: ObservedNetwork[] = [];
        const byName = new Map(live.networks.map((e) => [e.name, e] as const));
        for (const e of live.networks) {
          // A config-only network reserves no pool; a swarm network made from this spec's own is this spec's.
          if (e.configOnly) continue;
          const from = e.configFrom !== undefined ? byName.get(e.configFrom) : undefined;
          if (from && ownerOf(from.labels, facts.specName).kind === 'mine') continue;
          if (existingRole(facts, host, e, facts.netByName.get(e.name)) !== 'other') continue;
          for (const text of e.subnets) {
            const c = parseCidr(text);
            if (c.ok && c.value.family === family) {
              blocks.push(c.value);
              existing.push(e);
            }
          }
        }
        if (existing.length === 0) continue;
        const netAt: number[] = [];
        for (let i = 0; i < nets.length; i++) {
          const s = subnetOf(nets[i], family);
          if (s) {
            blocks.push(s.cidr);
            netAt.push(at[i]);
          }
        }
        const hits = overlapsEarlier(blocks);
        for (let k = 0; k < hits.length; k += 3) {
          const item = hits[k];
          const earliest = hits[k + 1];
          if (item < existing.length || earliest >= existing.length) continue;
          clashes ??= new Array<Clash[]>(facts.nets.length);
          (clashes[netAt[item - existing.length]] ??= []).push({ host, existing: existing[earliest], subnet: blocks[earliest] });
        }
      }
      if (!clashes) continue;
      for (let i = 0; i < clashes.length; i++) {
        if (!clashes[i]) continue;
        const n = facts.nets[i];
        const [first, ...others] = clashes[i];
        const mine = subnetOf(n, family)!;
        const on = (h: string): string => (facts.model.hostsDeclared ? `host ${h}` : 'the Docker host');
        const owner: Owner = ownerOf(first.existing.labels, facts.specName);
        const whose = owner.kind === 'spec' ? `, which belongs to spec ${owner.spec} (label ${SPEC_LABEL}=${owner.spec})` : owner.kind === 'legacy' ? ', made by an older macvlan-spec (no spec name on it)' : '';
        const sameName = first.existing.name === n.spec.name ? (owner.kind === 'none' ? ' (same name, but not created by macvlan-spec and defined differently, so apply will not replace it)' : ' (same name)') : '';
        const also = others.length > 0 ? `; also on ${others.map((o) => `${o.host} (${o.existing.name}, ${cidrText(o.subnet)})`).join(', ')}` : '';
        report({
          message:
            `${family === 4 ? 'subnet' : 'ipv6 subnet'} ${cidrText(mine.cidr)} of network ${n.spec.name} overlaps existing network ` +
            `${first.existing.name} (${cidrText(first.subnet)}, driver ${first.existing.driver}) on ${on(first.host)}${whose}, which this spec does not own${sameName}${also} — ` +
            (owner.kind === 'legacy' && first.existing.name === n.spec.name ? 'run apply --adopt to claim it, pick a free subnet, or remove that network first' : 'pick a free subnet, or remove that network first'),
          span: mine.val.span,
          path: mine.val.path,
        });
      }
    }
  },
};

const FAMILIES = [4, 6] as const;

interface Clash {
  host: string;
  existing: ObservedNetwork;
  subnet: Cidr;
}
