import type { NetFacts } from '../analysis/facts';
import type { Rule } from './types';

/**
 * MV408: a container attached to a network that its host does not get (the network's
 * `hosts:` leaves that host out).
 *
 * Decided here (the design page leaves it open):
 * - "Gets" means the effective hosts of facts (`hosts:` known names only, else every host).
 *   A network whose `hosts:` names only unknown hosts gets no host, so every container on it
 *   fires here, next to MV502 on the unknown names: both are true and fixed in different places.
 * - Containers whose host cannot be told (several hosts and no `host:`, or an unknown host)
 *   are MV502's alone.
 * - The finding underlines the attachment key; related is the network's key.
 */
const SCAN_LIMIT = 8;

export const rule: Rule = {
  code: 'MV408',
  title: "Container's host does not get the network",
  defaultSeverity: 'error',
  check(ctx, report) {
    // A set of hosts only for networks with many: most get one host or a few, where a scan of
    // the list is quicker than building a set per network.
    const hostSets = new Map<NetFacts, Set<string>>();
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || a.host === undefined) continue;
      if (net.hosts.length <= SCAN_LIMIT) {
        if (net.hosts.includes(a.host)) continue;
      } else {
        let hosts = hostSets.get(net);
        if (!hosts) hostSets.set(net, (hosts = new Set(net.hosts)));
        if (hosts.has(a.host)) continue;
      }
      const gets = net.hosts.length > 0 ? `only ${net.hosts.join(', ')}` : 'no host that hosts: defines';
      report({
        message: `container ${a.container.name} runs on host ${a.host}, but network ${net.spec.name} is created on ${gets} — add ${a.host} to the network's hosts: or move the container to one of them`,
        span: a.spec.keySpan,
        path: a.spec.path,
        related: [{ span: net.spec.keySpan, path: net.spec.path, message: `network ${net.spec.name}: hosts ${net.hosts.join(', ') || '(none)'}` }],
      });
    }
  },
};
