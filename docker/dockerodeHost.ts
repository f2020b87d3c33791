import Docker from 'dockerode';
import sshAgent from 'docker-modem/lib/ssh';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { ObservedHost } from '../core/observed';
import type { NetworkDef } from '../core/plan/types';
import { apiAtLeast } from '../core/plan/planContainers';
import { demuxLogs, readAll } from './logs';
import { Caller, isNotFound } from './caller';
import { arr, obj, str, strArr, strMap, toContainerDetail, toContainerSummary, toNetworkDetail, toObservedNetwork, toSwarmState, restartPolicy } from './convert';
import { DockerError } from './errors';
import { defaultKnownHostsFiles, fingerprint, hostField, knownKeysFor, verifyHostKey } from './knownHosts';
import { mapLimit } from './limit';
import { readEvents } from './events';
import { pullImage } from './pull';
import type { DockerTarget } from './target';
import type { ContainerCreate, ContainerInfo, DockerEvent, DockerHost, EndpointRequest, EngineInfo, NetworkInfo, VolumeInfo } from './types';

export interface HostOptions {
  /** Per call; default 15 s. */
  timeoutMs?: number;
  /** For a pull, which streams for as long as the download takes; default 10 min. */
  pullTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

const enc = encodeURIComponent;

/** docker-modem reads these itself and lets them override explicit options (and throws on a
 * malformed DOCKER_HOST); the target was already resolved from them in connect.ts. */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'];

function readTlsFile(what: string, file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new DockerError('other', `cannot read TLS ${what} ${file}: ${why}`, 'fix tls: in the spec (paths are relative to the spec file), DOCKER_CERT_PATH, or the docker context');
  }
}

/** What the ssh host key check decided, for the error the failed call then gets. */
interface HostKeyState {
  refused?: DockerError;
}

/**
 * ssh:// through docker-modem's ssh transport, as an agent on a plain http modem: the modem's
 * own `protocol: 'ssh'` builds "ssh:host:port" URLs that Node flags as invalid (DEP0170), and it
 * offers no place for a host key check. ssh2 calls `hostVerifier` before authenticating.
 */
function sshOptions(t: DockerTarget, state: HostKeyState): Docker.DockerOptions & { agent: http.Agent } {
  const host = t.host ?? '';
  const port = t.port ?? 22;
  const hostVerifier = (key: Buffer): boolean => {
    if (t.sshHostKeyCheck === false) return true;
    const verdict = verifyHostKey(knownKeysFor(t.knownHostsFiles ?? defaultKnownHostsFiles(), host, port), key);
    if (verdict.ok) return true;
    state.refused = hostKeyError(t, verdict.reason, fingerprint(key));
    return false;
  };
  // docker-modem's agent keeps one ssh client and connects it again for every request, which
  // resets the request before it when two run at once; it makes one agent per request itself.
  const agent = new http.Agent();
  const connect = (options: unknown, done: unknown) => sshAgent({ host, port, username: t.username, agent: t.sshAgent, hostVerifier }).createConnection(options as never, done as never);
  agent.createConnection = connect as typeof agent.createConnection;
  return { protocol: 'http', host, port, agent };
}

function hostKeyError(t: DockerTarget, reason: 'unknown' | 'changed' | 'revoked', fp: string): DockerError {
  const name = hostField(t.host ?? '', t.port ?? 22);
  const keyscan = `ssh-keyscan${t.port && t.port !== 22 ? ` -p ${t.port}` : ''} ${t.host} >> ~/.ssh/known_hosts`;
  if (reason === 'unknown') {
    return new DockerError('other', `refused ${t.url}: its host key (${fp}) is not in known_hosts, so nothing proves this is the host you mean`, `check the fingerprint with the host's owner, then add it: \`${keyscan}\` (or connect once with \`ssh ${t.username ? `${t.username}@` : ''}${t.host}${t.port && t.port !== 22 ? ` -p ${t.port}` : ''}\`)`);
  }
  if (reason === 'revoked') return new DockerError('other', `refused ${t.url}: its host key (${fp}) is marked @revoked in known_hosts`, 'ask the host\'s owner for its new key');
  return new DockerError('other', `refused ${t.url}: its host key (${fp}) is not the one known_hosts has for ${name} — someone may be intercepting the connection, or the host was reinstalled`, `if the host really changed, remove the old key with \`ssh-keygen -R '${name}'\` and add the new one after checking its fingerprint`);
}

function dockerodeOptions(t: DockerTarget, hostKeys: HostKeyState): { opts: Docker.DockerOptions; agent?: https.Agent } {
  if (t.kind === 'unix' || t.kind === 'npipe') return { opts: { socketPath: t.socketPath } };
  if (t.kind === 'ssh') return { opts: sshOptions(t, hostKeys) };
  if (!t.tls) return { opts: { protocol: 'http', host: t.host, port: t.port } };
  const ca = readTlsFile('CA', t.tls.ca);
  const cert = readTlsFile('certificate', t.tls.cert);
  const key = readTlsFile('key', t.tls.key);
  // An agent carries rejectUnauthorized, which docker-modem has no option for (SkipTLSVerify).
  const agent = new https.Agent({ ca, cert, key, rejectUnauthorized: t.tls.verify, keepAlive: true });
  const withAgent: Docker.DockerOptions & { agent: https.Agent } = { protocol: 'https', host: t.host, port: t.port, ca, cert, key, agent };
  return { opts: withAgent, agent };
}

function newDocker(t: DockerTarget, hostKeys: HostKeyState): { docker: Docker; agent?: https.Agent } {
  const { opts, agent } = dockerodeOptions(t, hostKeys);
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of MODEM_ENV) delete process.env[k];
  try {
    return { docker: new Docker(opts), agent };
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

/**
 * The halves of a `scope: swarm` network, as Docker 20.10 takes them: a config-only network
 * refuses Internal, Attachable and Scope (its Driver shows as "null"); one made `--config-from`
 * refuses labels, IPAM, EnableIPv6 and driver options.
 */
export function networkBody(def: NetworkDef): unknown {
  if (def.scope === 'swarm') {
    return { Name: def.name, Driver: def.driver, CheckDuplicate: true, Scope: 'swarm', Attachable: def.attachable === true, Internal: def.internal, ConfigOnly: false, ConfigFrom: { Network: def.configFrom } };
  }
  if (def.configOnly) {
    const { Driver: _driver, Internal: _internal, ...rest } = localBody(def);
    return { ...rest, ConfigOnly: true };
  }
  return localBody(def);
}

function localBody(def: NetworkDef): Record<string, unknown> {
  return {
    Name: def.name,
    Driver: def.driver,
    // Without it Engine 20.10 creates a second network of the same name.
    CheckDuplicate: true,
    Options: def.options,
    IPAM: {
      Driver: 'default',
      Config: def.ipam.map((c) => ({
        Subnet: c.subnet,
        ...(c.gateway ? { Gateway: c.gateway } : {}),
        ...(c.ipRange ? { IPRange: c.ipRange } : {}),
        ...(Object.keys(c.aux).length ? { AuxiliaryAddresses: c.aux } : {}),
      })),
    },
    EnableIPv6: def.enableIPv6,
    Internal: def.internal,
    Labels: def.labels,
  };
}

function endpointConfig(ep: EndpointRequest): Record<string, unknown> {
  const ipam: Record<string, string> = {};
  if (ep.ipv4) ipam.IPv4Address = ep.ipv4;
  if (ep.ipv6) ipam.IPv6Address = ep.ipv6;
  return { ...(Object.keys(ipam).length ? { IPAMConfig: ipam } : {}), ...(ep.mac ? { MacAddress: ep.mac } : {}) };
}

export function openDockerHost(target: DockerTarget, opts: HostOptions = {}): DockerHost {
  const hostKeys: HostKeyState = {};
  const { docker, agent } = newDocker(target, hostKeys);
  const call = new Caller(docker, target.url, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => hostKeys.refused);
  let api: Promise<string> | undefined;
  const apiVersion = (signal?: AbortSignal) =>
    (api ??= call.request({ what: 'read the engine version', method: 'GET', path: '/version', signal }).then((v) => str(obj(v).ApiVersion) ?? '1.41')).catch((err: unknown) => {
      api = undefined;
      throw err;
    });

  const host: DockerHost = {
    target,
    async info(signal) {
      const [v, i] = await Promise.all([
        call.request({ what: 'read the engine version', method: 'GET', path: '/version', signal }),
        call.request({ what: 'read the engine info', method: 'GET', path: '/info', signal }),
      ]);
      const info: EngineInfo = { engineVersion: str(obj(v).Version) ?? '', apiVersion: str(obj(v).ApiVersion) ?? '', os: str(obj(v).Os) ?? str(obj(i).OSType) ?? '', name: str(obj(i).Name) ?? '', systemTime: str(obj(i).SystemTime), swarm: toSwarmState(i) };
      return info;
    },
    async listNetworks(signal) {
      const list = arr(await call.request({ what: 'list networks', method: 'GET', path: '/networks', signal }));
      const ids = list.map((n) => str(obj(n).Id)).filter((id): id is string => id !== undefined);
      const nets = await mapLimit(ids, 10, async (id) => {
        try {
          return await host.inspectNetwork(id, signal);
        } catch (err) {
          if (isNotFound(err)) return undefined; // removed between list and inspect
          throw err;
        }
      });
      return nets.filter((n): n is NetworkInfo => n !== undefined);
    },
    async inspectNetwork(idOrName, signal) {
      return toNetworkDetail(await call.request({ what: `inspect network ${idOrName}`, method: 'GET', path: `/networks/${enc(idOrName)}`, signal }));
    },
    async createNetwork(def, signal) {
      const r = await call.request({ what: `create network ${def.name}`, method: 'POST', path: '/networks/create', body: networkBody(def), signal });
      return str(obj(r).Id) ?? '';
    },
    async removeNetwork(idOrName, signal) {
      await call.request({ what: `remove network ${idOrName}`, method: 'DELETE', path: `/networks/${enc(idOrName)}`, signal });
    },
    async connect(network, container, ep, signal) {
      const body = { Container: container, EndpointConfig: endpointConfig(ep) };
      await call.request({ what: `connect container ${container} to network ${network}`, method: 'POST', path: `/networks/${enc(network)}/connect`, body, signal });
    },
    async disconnect(network, container, force, signal) {
      const body = { Container: container, Force: force };
      await call.request({ what: `disconnect container ${container} from network ${network}`, method: 'POST', path: `/networks/${enc(network)}/disconnect`, body, signal });
    },
    async listContainers(o, signal) {
      const query: Record<string, unknown> = { all: o.all ? 1 : 0 };
      if (o.labels) query.filters = { label: Object.entries(o.labels).map(([k, v]) => `${k}=${v}`) };
      const list = arr(await call.request({ what: 'list containers', method: 'GET', path: '/containers/json', query, signal }));
      return list.map(toContainerSummary);
    },
    async inspectContainer(idOrName, signal): Promise<ContainerInfo> {
      return toContainerDetail(await call.request({ what: `inspect container ${idOrName}`, method: 'GET', path: `/containers/${enc(idOrName)}/json`, signal }));
    },
    async createContainer(def: ContainerCreate, signal) {
      const net = def.network;
      // Before API 1.44 the endpoint's MacAddress is ignored; the container-level one applies
      // to the network the container is created on.
      const legacyMac = net?.mac && !apiAtLeast(await apiVersion(signal), 1, 44) ? { MacAddress: net.mac } : {};
      const body = {
        Image: def.image,
        ...(def.command ? { Cmd: def.command } : {}),
        Env: def.env,
        Labels: def.labels,
        ...(def.stopTimeout !== undefined ? { StopTimeout: def.stopTimeout } : {}),
        ...legacyMac,
        HostConfig: { NetworkMode: net?.name ?? 'none', RestartPolicy: restartPolicy(def.restart) },
        NetworkingConfig: net ? { EndpointsConfig: { [net.name]: endpointConfig(net) } } : undefined,
      };
      const r = await call.request({ what: `create container ${def.name}`, method: 'POST', path: '/containers/create', query: { name: def.name }, body, signal });
      return str(obj(r).Id) ?? '';
    },
    async startContainer(id, signal) {
      await call.request({ what: `start container ${id}`, method: 'POST', path: `/containers/${enc(id)}/start`, ok: [304], signal });
    },
    async stopContainer(id, t, signal) {
      const query = t === undefined ? undefined : { t };
      const timeoutMs = Math.max(call.timeoutMs, ((t ?? 10) + 5) * 1000);
      await call.request({ what: `stop container ${id}`, method: 'POST', path: `/containers/${enc(id)}/stop`, query, ok: [304], signal, timeoutMs });
    },
    async restartContainer(id, t, signal) {
      const query = t === undefined ? undefined : { t };
      const timeoutMs = Math.max(call.timeoutMs, ((t ?? 10) + 5) * 1000);
      await call.request({ what: `restart container ${id}`, method: 'POST', path: `/containers/${enc(id)}/restart`, query, signal, timeoutMs });
    },
    async containerLogs(id, tail, signal) {
      // As a stream: the modem JSON-parses a buffered body, which would rewrite a TTY log whose
      // last lines happen to be one JSON value.
      const what = `read the logs of container ${id}`;
      const res = await call.stream({ what, method: 'GET', path: `/containers/${enc(id)}/logs`, query: { stdout: 1, stderr: 1, tail }, signal });
      return demuxLogs(await readAll(res, call.timeoutMs, signal, what));
    },
    async renameContainer(id, newName, signal) {
      await call.request({ what: `rename container ${id} to ${newName}`, method: 'POST', path: `/containers/${enc(id)}/rename`, query: { name: newName }, signal });
    },
    async removeContainer(id, o, signal) {
      await call.request({ what: `remove container ${id}`, method: 'DELETE', path: `/containers/${enc(id)}`, query: o.force ? { force: 1 } : undefined, signal });
    },
    async imageExists(ref, signal) {
      return (await host.imageDefaults(ref, signal)) !== undefined;
    },
    async imageDefaults(ref, signal) {
      try {
        const j = obj(await call.request({ what: `inspect image ${ref}`, method: 'GET', path: `/images/${enc(ref)}/json`, signal }));
        const c = obj(j.Config);
        return { command: strArr(c.Cmd), env: strArr(c.Env) ?? [], labels: strMap(c.Labels) };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async pullImage(ref, signal) {
      if (await host.imageExists(ref, signal)) return;
      await pullImage(call, ref, opts.pullTimeoutMs ?? 600_000, signal);
    },
    async createVolume(name, labels, signal): Promise<VolumeInfo> {
      const r = obj(await call.request({ what: `create volume ${name}`, method: 'POST', path: '/volumes/create', body: { Name: name, Labels: labels }, signal }));
      return volumeOf(r, name);
    },
    async listVolumes(labels, signal) {
      const filters = { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) };
      const r = obj(await call.request({ what: 'list volumes', method: 'GET', path: '/volumes', query: { filters }, signal }));
      return arr(r.Volumes).map((v) => volumeOf(obj(v), ''));
    },
    async inspectVolume(name, signal) {
      try {
        const r = obj(await call.request({ what: `inspect volume ${name}`, method: 'GET', path: `/volumes/${enc(name)}`, signal }));
        return volumeOf(r, name);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async removeVolume(name, signal) {
      await call.request({ what: `remove volume ${name}`, method: 'DELETE', path: `/volumes/${enc(name)}`, signal });
    },
    async interfaces() {
      return undefined;
    },
    events(signal, onEvent: (e: DockerEvent) => void) {
      return readEvents(call, signal, onEvent);
    },
    async observe(signal): Promise<ObservedHost> {
      const [v, list, i] = await Promise.all([
        call.request({ what: 'read the engine version', method: 'GET', path: '/version', signal }),
        call.request({ what: 'list networks', method: 'GET', path: '/networks', signal }),
        call.request({ what: 'read the engine info', method: 'GET', path: '/info', signal }),
      ]);
      const swarm = toSwarmState(i);
      return { engine: str(obj(v).Version), networks: arr(list).map(toObservedNetwork), ...(swarm ? { swarm } : {}) };
    },
    close() {
      agent?.destroy();
    },
  };
  return host;
}

function volumeOf(r: Record<string, unknown>, name: string): VolumeInfo {
  return { name: str(r.Name) ?? name, labels: strMap(r.Labels), createdAt: str(r.CreatedAt) };
}
