import type { ContainerDetail, ObservedHostDetail } from '../core/plan/types';
import { MANAGED_LABEL } from '../core/observed';
import { isNotFound } from './caller';
import { mapLimit } from './limit';
import type { DockerHost } from './types';

export interface ObserveOptions {
  /** Image references to check for presence (the spec's), so the plan can say what it pulls. */
  images?: string[];
  /** Container names to inspect in full besides managed ones and those on macvlan/ipvlan networks. */
  names?: string[];
  signal?: AbortSignal;
}

/**
 * Everything the planner and import read: networks with their endpoints, every container
 * (stopped ones too), and a full inspect of the containers that matter — with their image's
 * defaults, so a reason or an import can tell the container's own settings from the image's.
 */
export async function observeDetail(host: DockerHost, opts: ObserveOptions = {}): Promise<ObservedHostDetail> {
  const signal = opts.signal;
  const [info, networks, listed, interfaces] = await Promise.all([
    host.info(signal),
    host.listNetworks(signal),
    host.listContainers({ all: true }, signal),
    host.interfaces(signal),
  ]);
  const vlanNets = new Set(networks.filter((n) => n.driver === 'macvlan' || n.driver === 'ipvlan').map((n) => n.name));
  const names = new Set(opts.names ?? []);
  const relevant = (c: ContainerDetail) => c.labels[MANAGED_LABEL] === 'true' || names.has(c.name) || c.networks.some((a) => vlanNets.has(a.network));

  const imageDefaults = new Map<string, ReturnType<DockerHost['imageDefaults']>>();
  const defaultsOf = (ref: string) => {
    let p = imageDefaults.get(ref);
    if (!p) imageDefaults.set(ref, (p = host.imageDefaults(ref, signal)));
    return p;
  };
  const containers = await mapLimit(listed, 8, async (c) => {
    if (!relevant(c)) return c;
    let d: ContainerDetail;
    try {
      d = await host.inspectContainer(c.id, signal);
    } catch (err) {
      if (isNotFound(err)) return undefined; // removed between list and inspect
      throw err;
    }
    // By id: the reference may have moved to another image since the container was made.
    const img = (d.imageId ? await defaultsOf(d.imageId) : undefined) ?? (await defaultsOf(d.image));
    if (d.config && img) d.config = { ...d.config, imageCommand: img.command, imageEnv: img.env, imageLabels: img.labels };
    return d;
  });
  const refs = [...new Set(opts.images ?? [])].filter(Boolean);
  const present = await mapLimit(refs, 8, async (r) => (await defaultsOf(r)) !== undefined);
  return {
    engine: info.engineVersion,
    apiVersion: info.apiVersion,
    interfaces,
    networks,
    containers: containers.filter((c): c is ContainerDetail => c !== undefined),
    images: Object.fromEntries(refs.map((r, i) => [r, present[i]])),
    ...(info.swarm ? { swarm: info.swarm } : {}),
  };
}
