// A Docker Swarm of real engines on one bridged LAN (test/engine/lan.ts): engine i is node n<i>
// with its own host name and engine key, 198.51.100.1<i>/24 on eth0 for Swarm's own traffic.
// n1 inits (manager), the others join as workers, all through the Engine API.
// ../shared/facts/docker-swarm-macvlan.md and scripts/engine/README.md have what 20.10 needed.
import { engineRequest, execInNetns } from './engine';
import { startLan, type Lan } from './lan';

export interface Swarm {
  lan: Lan;
  /** NodeID of each engine, in engine order. */
  nodeIds: string[];
  /** Deletes every service, then stops the engines (a task container removed first would be replaced). */
  stop(): Promise<void>;
}

const addr = (i: number) => `198.51.100.1${i + 1}`;

async function api<T>(socket: string, method: string, path: string, body?: unknown, ok = [200]): Promise<T> {
  const r = await engineRequest<T>(socket, method, path, body, { timeoutMs: 60_000 });
  if (!ok.includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json as T;
}

async function must(what: string, p: Promise<{ code: number; stdout: string; stderr: string }>): Promise<void> {
  const r = await p;
  if (r.code !== 0) throw new Error(`${what} failed: ${r.stdout}${r.stderr}`);
}

/** Polls `probe` every 200 ms until it returns a value, for at most `ms`. */
export async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startSwarm(n: number): Promise<Swarm> {
  const lan = await startLan(n, { parents: ['eth0', 'eth1'], hostnames: true });
  const sockets = lan.engines.map((e) => e.socketPath);
  const stop = async () => {
    const services = await engineRequest<{ ID: string }[]>(sockets[0], 'GET', '/services').catch(() => undefined);
    for (const s of services?.json ?? []) await engineRequest(sockets[0], 'DELETE', `/services/${s.ID}`).catch(() => undefined);
    await lan.stop();
  };
  try {
    for (const [i, e] of lan.engines.entries()) {
      await must(`address on n${i + 1}`, execInNetns(e.netns, ['ip', 'addr', 'add', `${addr(i)}/24`, 'dev', 'eth0']));
      // eth0 and eth1 sit on one segment: each answers ARP only for its own addresses.
      await must('arp_ignore', execInNetns(e.netns, ['sysctl', '-qw', 'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.all.arp_announce=2']));
    }
    await api(sockets[0], 'POST', '/swarm/init', { ListenAddr: `${addr(0)}:2377`, AdvertiseAddr: addr(0) });
    const swarm = await api<{ JoinTokens: { Worker: string } }>(sockets[0], 'GET', '/swarm');
    for (let i = 1; i < n; i++) {
      await api(sockets[i], 'POST', '/swarm/join', { ListenAddr: `${addr(i)}:2377`, AdvertiseAddr: addr(i), RemoteAddrs: [`${addr(0)}:2377`], JoinToken: swarm.JoinTokens.Worker });
    }
    const nodeIds = await Promise.all(sockets.map(async (s) => (await api<{ Swarm: { NodeID: string } }>(s, 'GET', '/info')).Swarm.NodeID));
    await until(`${n} ready nodes`, 30_000, async () => {
      const nodes = await api<{ Status: { State: string } }[]>(sockets[0], 'GET', '/nodes');
      return nodes.filter((x) => x.Status.State === 'ready').length === n ? true : undefined;
    });
    return { lan, nodeIds, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
