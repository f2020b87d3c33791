import type { SwarmState } from '../observed';
import type { Rule } from './types';

/**
 * MV209: a `scope: swarm` network whose hosts are not nodes of one swarm, or have no manager
 * among them. Apply makes a config-only network on each of the network's hosts and the swarm
 * network on one of them that is a manager (Docker: "Cannot create a multi-host network from a
 * worker node"); tasks land only on nodes of that manager's swarm.
 *
 * Decided here (the design page leaves it open):
 * - Judged from the connected hosts only (`/info` Swarm): without them nothing is said. A spec
 *   cannot tell a swarm statically: one host is a valid one-node swarm, and pools that overlap
 *   between nodes are MV207's.
 * - A known host that is not an active node (LocalNodeState inactive, pending, error, locked) is
 *   named. "No manager" is said only when every host of the network is known (an unknown one
 *   might be the manager).
 * - One swarm: managers by Cluster.ID; a worker by the managers it knows (RemoteManagers), which
 *   must include a manager among the hosts, or — with no manager known — share one with the
 *   other workers. Each host is compared with the first manager (else the first active node).
 * - One finding per network, on its `scope` value, listing every problem.
 */
export const rule: Rule = {
  code: 'MV209',
  title: 'Swarm network hosts not one swarm with a manager',
  defaultSeverity: 'error',
  check(ctx, report) {
    const observed = ctx.observed;
    if (!observed) return;
    for (const n of ctx.facts.nets) {
      const scope = n.spec.scope;
      if (!n.swarm || !scope) continue;
      const known: { host: string; s: SwarmState }[] = [];
      for (const h of n.hosts) {
        const s = observed.hosts[h]?.swarm;
        if (s) known.push({ host: h, s });
      }
      if (known.length === 0) continue;
      const problems: string[] = [];
      const inactive = known.filter((k) => k.s.state !== 'active');
      if (inactive.length) problems.push(`${inactive.map((k) => `${k.host} (${k.s.state})`).join(', ')} ${inactive.length > 1 ? 'are not Swarm nodes' : 'is not a Swarm node'}`);
      const active = known.filter((k) => k.s.state === 'active');
      const managers = active.filter((k) => k.s.manager);
      if (managers.length === 0 && known.length === n.hosts.length) {
        problems.push(`none of ${n.hosts.join(', ')} is a Swarm manager, and only a manager can create the swarm network`);
      }
      const ref = managers[0] ?? active[0];
      if (ref) {
        // The managers of ref's swarm: those it knows, and the known managers of its cluster.
        const ids = new Set(ref.s.managers);
        for (const m of managers) if (m.s.nodeId && (m === ref || (ref.s.manager && m.s.clusterId === ref.s.clusterId))) ids.add(m.s.nodeId);
        const apart = active.filter((k) => k !== ref && !sameSwarm(ref.s, k.s, ids));
        if (apart.length) problems.push(`${apart.map((k) => k.host).join(', ')} ${apart.length > 1 ? 'are' : 'is'} not in the swarm of ${ref.host}`);
      }
      if (problems.length === 0) continue;
      report({
        message: `network ${n.spec.name} has scope: swarm, but ${problems.join('; ')} — make its hosts nodes of one swarm with a manager among them (docker swarm init on one, docker swarm join on the others), or use scope: local`,
        span: scope.span,
        path: scope.path,
      });
    }
  },
};

function sameSwarm(ref: SwarmState, b: SwarmState, refManagers: Set<string>): boolean {
  if (ref.manager && b.manager) return ref.clusterId !== undefined && ref.clusterId === b.clusterId;
  if (b.manager) return b.nodeId !== undefined && refManagers.has(b.nodeId);
  return b.managers.some((m) => refManagers.has(m));
}
