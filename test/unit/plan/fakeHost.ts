import type { ContainerDetail, NetworkDef, NetworkDetail } from '../../../core/plan/types';
import { DockerError } from '../../../docker/errors';
import type { ContainerCreate, DockerHost, EndpointRequest } from '../../../docker/types';

/**
 * An in-memory Docker daemon for the executor's unit tests: names are unique, a network with
 * endpoints cannot be removed, volume create returns the existing volume. `failNext` makes one
 * named operation fail, to drive the rollback paths.
 */
export class FakeHost implements DockerHost {
  readonly target = { url: 'unix:///fake.sock', kind: 'unix' as const, source: 'flag' as const, socketPath: '/fake.sock' };
  networks = new Map<string, NetworkDetail>();
  containers = new Map<string, ContainerDetail>();
  volumes = new Map<string, Record<string, string>>();
  volumeCreated = new Map<string, string>();
  /** The daemon's clock, for lock leases. */
  now = () => new Date().toISOString();
  images = new Set<string>(['busybox', 'nginx:alpine', 'postgres:16']);
  log: string[] = [];
  private seq = 0;
  private failures: { op: string; match?: string; err: DockerError; after?: () => void }[] = [];

  /** The next call of `op` (whose argument contains `match`) fails with `err`; `after` runs first (e.g. to make it ambiguous). */
  failNext(op: string, err: DockerError, match?: string, after?: () => void): void {
    this.failures.push({ op, match, err, after });
  }

  private check(op: string, arg: string): void {
    this.log.push(`${op} ${arg}`);
    const i = this.failures.findIndex((f) => f.op === op && (f.match === undefined || arg.includes(f.match)));
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      f.after?.();
      throw f.err;
    }
  }

  private id(prefix: string): string {
    return `${prefix}${String(++this.seq).padStart(63, '0')}`;
  }

  net(idOrName: string): NetworkDetail {
    const n = this.networks.get(idOrName) ?? [...this.networks.values()].find((x) => x.name === idOrName);
    if (!n) throw new DockerError('notFound', `network ${idOrName} not found`, '', 404);
    return n;
  }

  ctr(idOrName: string): ContainerDetail {
    const c = this.containers.get(idOrName) ?? [...this.containers.values()].find((x) => x.name === idOrName);
    if (!c) throw new DockerError('notFound', `No such container: ${idOrName}`, '', 404);
    return c;
  }

  async info() {
    return { engineVersion: '20.10.24', apiVersion: '1.41', os: 'linux', name: 'fake', systemTime: this.now() };
  }
  async listNetworks() {
    return [...this.networks.values()].map((n) => this.withEndpoints(n));
  }
  private withEndpoints(n: NetworkDetail): NetworkDetail {
    const containers = [...this.containers.values()].flatMap((c) => {
      const a = c.networks.find((x) => x.network === n.name);
      return a && c.state === 'running' ? [{ id: c.id, name: c.name, ipv4: a.staticIpv4, ipv6: a.staticIpv6 }] : [];
    });
    return structuredClone({ ...n, containers });
  }
  async inspectNetwork(idOrName: string) {
    return this.withEndpoints(this.net(idOrName));
  }
  async createNetwork(def: NetworkDef) {
    this.check('createNetwork', def.name);
    if ([...this.networks.values()].some((n) => n.name === def.name)) throw new DockerError('conflict', `network with name ${def.name} already exists`, '', 409);
    const id = this.id('n');
    // As Docker reports them: a config-only network's driver is "null"; a swarm network has no labels, IPAM or options.
    const swarm = def.scope === 'swarm' ? { scope: 'swarm', attachable: def.attachable === true, configFrom: def.configFrom, options: {}, ipam: [], labels: {} } : {};
    const configOnly = def.configOnly ? { configOnly: true, driver: 'null' } : {};
    this.networks.set(id, structuredClone({ id, name: def.name, driver: def.driver, options: def.options, ipam: def.ipam, enableIPv6: def.enableIPv6, internal: def.internal, labels: def.labels, containers: [], ...swarm, ...configOnly }));
    return id;
  }
  async removeNetwork(idOrName: string) {
    const n = this.net(idOrName);
    this.check('removeNetwork', n.name);
    if ([...this.containers.values()].some((c) => c.networks.some((a) => a.network === n.name))) throw new DockerError('conflict', `network ${n.name} has active endpoints`, '', 403);
    this.networks.delete(n.id);
  }
  async connect(network: string, container: string, ep: EndpointRequest) {
    const n = this.net(network);
    const c = this.ctr(container);
    this.check('connect', `${c.name} ${n.name} ${ep.ipv4 ?? ''}`);
    if (c.networks.some((a) => a.network === n.name)) throw new DockerError('rejected', `endpoint with name ${c.name} already exists in network ${n.name}`, '', 403);
    c.networks.push({ network: n.name, networkId: n.id, staticIpv4: ep.ipv4, staticIpv6: ep.ipv6 });
  }
  async disconnect(network: string, container: string) {
    const n = this.net(network);
    const c = this.ctr(container);
    this.check('disconnect', `${c.name} ${n.name}`);
    c.networks = c.networks.filter((a) => a.network !== n.name);
  }
  async listContainers() {
    return [...this.containers.values()].map((c) => structuredClone({ ...c, config: undefined }));
  }
  async inspectContainer(idOrName: string) {
    return structuredClone(this.ctr(idOrName));
  }
  async createContainer(def: ContainerCreate) {
    this.check('createContainer', def.name);
    if ([...this.containers.values()].some((c) => c.name === def.name)) throw new DockerError('conflict', `Conflict. The container name "/${def.name}" is already in use`, '', 409);
    if (!this.images.has(def.image)) throw new DockerError('notFound', `No such image: ${def.image}`, '', 404);
    const id = this.id('c');
    const net = def.network;
    this.containers.set(id, {
      id,
      name: def.name,
      image: def.image,
      labels: { ...def.labels },
      state: 'created',
      networkMode: net?.name ?? 'none',
      networks: net ? [{ network: net.name, staticIpv4: net.ipv4, staticIpv6: net.ipv6 }] : [],
      config: { command: def.command, env: def.env, restart: def.restart, imageEnv: [], imageLabels: {} },
    });
    return id;
  }
  async startContainer(idOrName: string) {
    const c = this.ctr(idOrName);
    this.check('startContainer', c.name);
    c.state = 'running';
  }
  async stopContainer(idOrName: string) {
    const c = this.ctr(idOrName);
    this.check('stopContainer', c.name);
    c.state = 'exited';
  }
  async restartContainer(idOrName: string) {
    const c = this.ctr(idOrName);
    this.check('restartContainer', c.name);
    c.state = 'running';
  }
  async containerLogs(idOrName: string) {
    const c = this.ctr(idOrName);
    this.check('containerLogs', c.name);
    return '';
  }
  async renameContainer(idOrName: string, newName: string) {
    const c = this.ctr(idOrName);
    this.check('renameContainer', `${c.name} ${newName}`);
    c.name = newName;
  }
  async removeContainer(idOrName: string) {
    const c = this.ctr(idOrName);
    this.check('removeContainer', c.name);
    this.containers.delete(c.id);
  }
  async imageExists(ref: string) {
    return this.images.has(ref);
  }
  async imageDefaults(ref: string) {
    return this.images.has(ref) ? { command: ['sh'], env: [], labels: {} } : undefined;
  }
  async pullImage(ref: string) {
    this.check('pullImage', ref);
    if (!this.images.has(ref)) throw new DockerError('rejected', `image ${ref} is not on fake and pulling it failed: no registry`);
  }
  async createVolume(name: string, labels: Record<string, string>) {
    this.check('createVolume', name);
    if (!this.volumes.has(name)) {
      this.volumes.set(name, { ...labels });
      this.volumeCreated.set(name, this.now());
    }
    return { name, labels: { ...this.volumes.get(name)! }, createdAt: this.volumeCreated.get(name) };
  }
  async inspectVolume(name: string) {
    const v = this.volumes.get(name);
    return v ? { name, labels: { ...v }, createdAt: this.volumeCreated.get(name) } : undefined;
  }
  async listVolumes(labels: Record<string, string>) {
    return [...this.volumes.entries()]
      .filter(([, l]) => Object.entries(labels).every(([k, v]) => l[k] === v))
      .map(([name, l]) => ({ name, labels: { ...l }, createdAt: this.volumeCreated.get(name) }));
  }
  async removeVolume(name: string) {
    this.check('removeVolume', name);
    this.volumes.delete(name);
  }
  async interfaces() {
    return undefined;
  }
  async events() {}
  async observe() {
    return { engine: '20.10.24', networks: [...this.networks.values()].map((n) => ({ id: n.id, name: n.name, driver: n.driver, subnets: n.ipam.map((c) => c.subnet), labels: n.labels, parent: n.options.parent })) };
  }
  close() {}
}
