// Several Docker engines on one LAN, on one machine: each engine in its own network namespace
// (scripts/engine/engine.sh), the host ends of its veth "NICs" moved into a LAN namespace and
// joined there by a bridge (the switch), which also holds the routers' addresses (the external
// gateways). Documentation ranges only, and only inside namespaces this harness made.
// ../shared/facts/docker-swarm-macvlan.md has what Docker 20.10 does on such a LAN.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Engine, execInNetns, startEngine } from './engine';

export interface Lan {
  /** The LAN namespace (`ip netns` name) with the bridge br0. */
  name: string;
  netns: string;
  engines: Engine[];
  /** Router addresses on the bridge (CIDR). */
  routers: string[];
  stop(): Promise<void>;
}

function sh(cmd: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => execFile(cmd[0], cmd.slice(1), { timeout: 30_000 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: `${stdout}${stderr}` })));
}

async function must(what: string, p: Promise<{ code: number; out?: string; stdout?: string; stderr?: string }>): Promise<void> {
  const r = await p;
  if (r.code !== 0) throw new Error(`${what} failed: ${r.out ?? `${r.stdout ?? ''}${r.stderr ?? ''}`}`);
}

/**
 * `n` engines with the NICs `parents` each, all on one bridged LAN with routers `routers`
 * (`hostnames`: engine i runs with host name `n<i>`).
 * Engines start one after the other (engine.sh runs apt on a fresh machine the first time).
 */
export async function startLan(n: number, opts: { parents?: string[]; routers?: string[]; hostnames?: boolean } = {}): Promise<Lan> {
  const parents = opts.parents ?? ['eth0'];
  const routers = opts.routers ?? ['192.0.2.1/24', '203.0.113.1/24'];
  const name = `mvs-lan-${randomBytes(4).toString('hex')}`;
  const netns = `/run/netns/${name}`;
  const engines: Engine[] = [];
  const stop = async () => {
    for (const e of engines) await e.stop().catch(() => undefined);
    await sh(['ip', 'netns', 'del', name]);
  };
  try {
    await must('ip netns add', sh(['ip', 'netns', 'add', name]));
    const inLan = (cmd: string[]) => execInNetns(netns, cmd);
    await must('lo up', inLan(['ip', 'link', 'set', 'lo', 'up']));
    await must('bridge', inLan(['ip', 'link', 'add', 'br0', 'type', 'bridge']));
    await must('bridge up', inLan(['ip', 'link', 'set', 'br0', 'up']));
    for (const r of routers) await must(`router ${r}`, inLan(['ip', 'addr', 'add', r, 'dev', 'br0']));
    for (let i = 1; i <= n; i++) {
      // Hostnames n1, n2, ...: Swarm needs distinct ones (each engine its own UTS namespace).
      const e = await startEngine({ parents, hostname: opts.hostnames ? `n${i}` : undefined });
      engines.push(e);
      for (const p of parents) {
        // engine.sh made the NIC as a veth pair; its other end becomes this node's port on the switch.
        const port = `n${i}${p}`.slice(0, 15);
        await must(`${p}-peer down`, execInNetns(e.netns, ['ip', 'link', 'set', `${p}-peer`, 'down']));
        await must(`${p}-peer rename`, execInNetns(e.netns, ['ip', 'link', 'set', `${p}-peer`, 'name', port]));
        await must(`${port} to the LAN`, execInNetns(e.netns, ['ip', 'link', 'set', port, 'netns', name]));
        await must(`${port} on br0`, inLan(['ip', 'link', 'set', port, 'master', 'br0']));
        await must(`${port} up`, inLan(['ip', 'link', 'set', port, 'up']));
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { name, netns, engines, routers, stop };
}
