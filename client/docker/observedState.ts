/**
 * What the language server hears about the connected hosts (server/protocol.ts,
 * `macvlan/observedState`). Pure: built from what the tree already loaded, so telling the
 * server costs no extra Docker call.
 */
import type { ObservedHost, ObservedState } from '../../core/observed';
import type { NetworkDetail } from '../../core/plan/types';
import type { EngineInfo } from '../../docker/types';

export function toObservedHost(info: EngineInfo | undefined, networks: NetworkDetail[], interfaces?: string[]): ObservedHost {
  const host: ObservedHost = {
    networks: networks.map((n) => ({
      id: n.id,
      name: n.name,
      driver: n.driver,
      subnets: n.ipam.map((c) => c.subnet),
      labels: { ...n.labels },
      ...(n.options.parent ? { parent: n.options.parent } : {}),
      definition: { options: { ...n.options }, ipam: n.ipam.map((c) => ({ ...c, aux: { ...c.aux } })), enableIPv6: n.enableIPv6, internal: n.internal },
    })),
  };
  if (info?.engineVersion) host.engine = info.engineVersion;
  if (interfaces) host.interfaces = [...interfaces];
  return host;
}

/**
 * The state for one spec: each of its hosts whose connection has been observed. `targetOf`
 * gives a host's connection URL (undefined when it cannot be resolved or is not allowed).
 */
export function specObservedState(hostNames: string[], targetOf: (host: string) => string | undefined, byUrl: ReadonlyMap<string, ObservedHost>): ObservedState {
  const hosts: Record<string, ObservedHost> = {};
  for (const name of hostNames) {
    const url = targetOf(name);
    const seen = url === undefined ? undefined : byUrl.get(url);
    if (seen) hosts[name] = seen;
  }
  return { hosts };
}
