import type { ObservedNetwork, ObservedState } from '../observed';
import { composeHosts, dockerName, type HostFile } from './host';

/**
 * The networks the other files put on the hosts of file `i`, as if those hosts already had them:
 * renumbering and subnet completion already steer clear of what a host has, so a fix in one
 * compose file does not move its subnet onto another project's. Only for fixes and completion:
 * the checks see the other files through host.ts (MV201), not as MV208.
 */
export function withNeighbours(files: readonly HostFile[], i: number, observed: ObservedState | undefined): ObservedState | undefined {
  const mine = new Set(files[i]?.facts.nets.flatMap((n) => n.hosts) ?? []);
  if (mine.size === 0 || (files.length < 2 && !files[i]?.compose?.others.length)) return observed;
  const extra = new Map<string, ObservedNetwork[]>();
  const put = (host: string, n: ObservedNetwork) => {
    if (!mine.has(host)) return;
    const list = extra.get(host) ?? [];
    list.push(n);
    extra.set(host, list);
  };
  files.forEach((f, j) => {
    // The file's own networks of other drivers too: a bridge network's subnet is as taken.
    if (j !== i) {
      for (const n of f.facts.nets) {
        const subnets = [n.subnet, n.v6subnet].flatMap((c) => (c ? [c.val.value] : []));
        // The file's name in it keeps a network of the same name in file i from being taken for itself.
        for (const h of n.hosts) put(h, { id: '', name: `${dockerName(f, n)} (${f.file})`, driver: n.spec.driver, subnets, labels: {}, ...(n.segment ? { parent: n.segment.name } : {}) });
      }
    }
    if (!f.compose) return;
    for (const o of f.compose.others) for (const h of composeHosts(f.compose)) put(h, { id: '', name: `${o.dockerName} (${f.file})`, driver: o.driver, subnets: o.subnets.map((s) => s.value), labels: {} });
  });
  if (extra.size === 0) return observed;
  const hosts = { ...(observed?.hosts ?? {}) };
  for (const [h, nets] of extra) hosts[h] = { ...(hosts[h] ?? { networks: [] }), networks: [...(hosts[h]?.networks ?? []), ...nets] };
  return { hosts };
}
