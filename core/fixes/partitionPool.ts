import { containsCidr, formatCidr, makeCidr, type Cidr, type Interval } from '../ip';
import { attachmentsOf, segmentPeers } from '../analysis/addressSpace';
import type { FixContext, FixProvider } from './types';
import type { NetFacts } from '../analysis/facts';
import { insertKey, setMapValue } from './yamlEdit';

/** Smaller than this a pool is useless (IPv4 /30 has two usable addresses). */
const MAX_POOL_PREFIX = 30;
/**
 * How many halvings beyond the largest blocks we accept to keep static addresses out of the
 * pools: each host still gets at least a quarter of its fair share.
 */
const MAX_EXTRA_SPLITS = 2;

interface Block {
  start: bigint;
  end: bigint;
  /** Static container addresses and excluded addresses inside: MV405/MV411 if kept. */
  hard: number;
  /** The gateway inside: harmless to Docker (it never hands it out), but tidier outside. */
  soft: number;
  /** Addresses Docker may hand out from it. */
  capacity: bigint;
}

function countIn(sorted: readonly bigint[], start: bigint, end: bigint): number {
  const lower = (x: bigint): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lower(end + 1n) - lower(start);
}

function overlapSize(ivs: readonly Interval[], start: bigint, end: bigint): bigint {
  let n = 0n;
  for (const iv of ivs) {
    const s = iv.start > start ? iv.start : start;
    const e = iv.end < end ? iv.end : end;
    if (s <= e) n += e - s + 1n;
  }
  return n;
}

interface Avoid {
  statics: bigint[];
  excluded: Interval[];
  gateway?: bigint;
  aux: bigint[];
  subnet: Cidr;
}

function blocksOf(space: Cidr, prefix: number, a: Avoid): Block[] {
  const size = 1n << BigInt(32 - prefix);
  const out: Block[] = [];
  for (let start = space.network; start + size - 1n <= space.last; start += size) {
    const end = start + size - 1n;
    const statics = countIn(a.statics, start, end);
    const excluded = overlapSize(a.excluded, start, end);
    const gw = a.gateway !== undefined && start <= a.gateway && a.gateway <= end ? 1 : 0;
    const edges = (start <= a.subnet.network ? 1n : 0n) + (end >= a.subnet.last ? 1n : 0n);
    const aux = BigInt(countIn(a.aux, start, end));
    out.push({ start, end, hard: statics + Number(excluded > 0n), soft: gw, capacity: size - BigInt(statics) - excluded - BigInt(gw) - aux - edges });
  }
  return out;
}

function avoidSet(ctx: FixContext, net: NetFacts, subnet: Cidr): Avoid {
  const statics: bigint[] = [];
  const excluded: Interval[] = [];
  for (const peer of segmentPeers(ctx.facts, net)) {
    for (const e of peer.exclude) if (e.family === 4) excluded.push({ start: e.start, end: e.end });
    for (const a of attachmentsOf(ctx.facts, peer)) if (a.ipv4) statics.push(a.ipv4.value);
  }
  statics.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const aux = net.aux.filter((x) => x.fact.family === 4).map((x) => x.fact.value).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const gateway = net.gateway?.family === 4 ? net.gateway.value : undefined;
  return { statics, excluded, gateway, aux, subnet };
}

/** Containers per host that take their address from the pool: a host's block must hold them (MV410). */
function maxDemand(ctx: FixContext, net: NetFacts): bigint {
  const perHost = new Map<string, bigint>();
  for (const a of attachmentsOf(ctx.facts, net)) {
    if (!a.spec.ipv4 && a.host !== undefined) perHost.set(a.host, (perHost.get(a.host) ?? 0n) + 1n);
  }
  let max = 0n;
  for (const n of perHost.values()) if (n > max) max = n;
  return max;
}

/**
 * MV207: one network on N hosts whose pools overlap between hosts (each host's IPAM hands out
 * the same addresses). Rewrite `ip_range` as a per-host map of N disjoint, aligned blocks cut
 * from the current ip_range (or the whole subnet): the largest power-of-two blocks that fit,
 * made up to two halvings smaller when that keeps static and excluded addresses out of every
 * pool, and among equals preferring blocks without the gateway. Not safe: shrinking each
 * host's pool is a capacity decision.
 */
export const partitionPool: FixProvider<'partitionPool'> = {
  maySafe: false,
  provide(ctx, hint) {
    const net = ctx.facts.netByName.get(hint.network);
    const subnet = net?.subnet?.cidr;
    if (!net || !subnet || net.hosts.length < 2) return [];
    const whole = makeCidr(4, subnet.network, subnet.prefix);
    const single = net.ipRange?.cidr;
    const space = single && single.family === 4 && containsCidr(whole, single) ? makeCidr(4, single.network, single.prefix) : whole;
    const n = net.hosts.length;
    let split = 0;
    while (1 << split < n) split++;
    const base = space.prefix + split;
    if (base > MAX_POOL_PREFIX) return [];

    const avoid = avoidSet(ctx, net, whole);
    const demand = maxDemand(ctx, net);
    let chosen: Block[] | undefined;
    let prefix = base;
    for (let p = base; p <= Math.min(base + MAX_EXTRA_SPLITS, MAX_POOL_PREFIX) && !chosen; p++) {
      const clean = blocksOf(space, p, avoid).filter((b) => b.hard === 0 && b.capacity >= demand);
      if (clean.length >= n) {
        chosen = clean.sort((a, b) => a.soft - b.soft || (a.start < b.start ? -1 : 1)).slice(0, n);
        prefix = p;
      }
    }
    if (!chosen) {
      chosen = blocksOf(space, base, avoid)
        .sort((a, b) => a.hard - b.hard || a.soft - b.soft || (a.start < b.start ? -1 : 1))
        .slice(0, n);
      prefix = base;
    }
    chosen.sort((a, b) => (a.start < b.start ? -1 : 1));
    const entries = net.hosts.map((h, i) => [h, formatCidr(4, chosen[i].start, prefix)] as const);
    const edit = net.spec.ipRangeKey ? setMapValue(ctx, net.spec.path, 'ip_range', entries) : insertKey(ctx, net.spec.path, 'subnet', 'ip_range', entries);
    if (!edit) return [];
    return [
      {
        title: `Give each ${net.swarm ? 'Swarm node' : 'host'} of ${net.spec.name} its own pool: ${entries.map(([h, c]) => `${h} ${c}`).join(', ')}`,
        code: ctx.finding.code,
        edits: [edit],
        isPreferred: true,
        safe: false,
      },
    ];
  },
};
