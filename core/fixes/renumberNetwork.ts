import type { AddrFact, CidrFact, NetFacts, RangeFact } from '../analysis/facts';
import { cidrInterval, containsCidr, familyBits, formatAddr, makeCidr, nextFreeBlock, parseCidr, type Cidr, type Family, type Interval } from '../ip';
import { MANAGED_LABEL } from '../observed';
import { attachAddr, attachmentsOf, familyFacts } from '../analysis/addressSpace';
import type { FixContext, FixProvider, TextEdit } from './types';
import { replaceScalar } from './yamlEdit';

/**
 * Address blocks a renumbered subnet stays in, tried in order: the block the subnet already lives
 * in first, then its siblings. Leaving private space for public addresses (or the documentation
 * ranges for real ones) would be a worse surprise than not finding a block at all.
 */
const GROUPS: Record<Family, string[][]> = {
  4: [
    ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
    ['100.64.0.0/10'],
  ],
  6: [['fc00::/7'], ['2001:db8::/32']],
};

const parsed = new Map<Family, Cidr[][]>();

function parsedGroups(family: Family): Cidr[][] {
  let groups = parsed.get(family);
  if (!groups) {
    groups = GROUPS[family].map((g) =>
      g.map((t) => {
        const r = parseCidr(t);
        if (!r.ok) throw new Error(`bad built-in range ${t}: ${r.error}`);
        return r.value;
      }),
    );
    parsed.set(family, groups);
  }
  return groups;
}

/**
 * Outside the known ranges (public space), stay inside the enclosing /(prefix-8) for IPv4 and
 * the site's /48 for IPv6: an organisation's allocation is about that size, and a subnet moved
 * beyond it would not be routed to this LAN.
 */
function searchRanges(c: Cidr): Cidr[] {
  for (const group of parsedGroups(c.family)) {
    const home = group.find((r) => containsCidr(r, c));
    if (home) return [home, ...group.filter((r) => r !== home)];
  }
  const p = c.family === 4 ? Math.max(0, c.prefix - 8) : c.prefix > 48 ? 48 : Math.max(0, c.prefix - 16);
  return [makeCidr(c.family, c.network, p)];
}

/** Next free block of the subnet's size upward from it, wrapping inside its range, then the sibling ranges. */
function findBlock(taken: Interval[], c: Cidr, ranges: Cidr[]): bigint | undefined {
  const size = 1n << BigInt(familyBits(c.family) - c.prefix);
  for (const [i, r] of ranges.entries()) {
    if (r.prefix > c.prefix) continue;
    if (i === 0) {
      const up = nextFreeBlock(taken, c.prefix, c.family, r, c.network + size);
      if (up !== undefined) return up;
    }
    const wrapped = nextFreeBlock(taken, c.prefix, c.family, r);
    if (wrapped !== undefined) return wrapped;
  }
  return undefined;
}

/**
 * Where to look when the subnet's own group is full: the private blocks (for a subnet in the
 * documentation or shared ranges), then the /16 (IPv4) or /48 (IPv6) of any subnet the spec
 * already uses. Never public space the spec does not use.
 */
function widerRanges(ctx: FixContext, old: Cidr, tried: readonly Cidr[]): Cidr[] {
  const out: Cidr[] = [];
  const seen = new Set(tried.map((r) => `${r.network}/${r.prefix}`));
  const add = (c: Cidr): void => {
    const k = `${c.network}/${c.prefix}`;
    if (c.prefix <= old.prefix && !seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  };
  for (const c of parsedGroups(old.family)[0]) add(c);
  for (const n of ctx.facts.nets) {
    const s = familyFacts(n, old.family).subnet;
    if (s) add(makeCidr(old.family, s.cidr.network, Math.min(s.cidr.prefix, old.family === 4 ? 16 : 48)));
  }
  return out;
}

function subnetsToAvoid(ctx: FixContext, net: NetFacts, family: Family): { strict: Interval[]; loose: Interval[] } {
  const own = familyFacts(net, family).subnet;
  const strict: Interval[] = own ? [cidrInterval(own.cidr)] : [];
  const loose: Interval[] = [...strict];
  const hosts = new Set(net.hosts);
  for (const other of ctx.facts.nets) {
    const s = other === net ? undefined : familyFacts(other, family).subnet;
    if (!s) continue;
    loose.push(cidrInterval(s.cidr));
    if (other.hosts.some((h) => hosts.has(h))) strict.push(cidrInterval(s.cidr));
  }
  const specNames = new Set(ctx.facts.nets.map((n) => n.spec.name));
  for (const h of net.hosts) {
    for (const o of ctx.observed?.hosts[h]?.networks ?? []) {
      // Our own networks on the host get recreated from the spec; their old subnets do not count.
      if (o.labels[MANAGED_LABEL] === 'true' && specNames.has(o.name)) continue;
      for (const s of o.subnets) {
        const r = parseCidr(s);
        if (r.ok && r.value.family === family) {
          strict.push(cidrInterval(r.value));
          loose.push(cidrInterval(r.value));
        }
      }
    }
  }
  return { strict, loose };
}

/**
 * MV201: move the network to the next free block of the same size and shift every address that
 * lived in the old subnet by the same offset, so its layout (gateway .1, pool in the top half,
 * static hosts) survives. Not safe: it changes addresses other systems may know; preferred,
 * because it is the one fix that resolves the overlap without a decision from the user.
 */
export const renumberNetwork: FixProvider<'renumberNetwork'> = {
  maySafe: false,
  provide(ctx, hint) {
    const net = ctx.facts.netByName.get(hint.network);
    const family = hint.family;
    const ff = net ? familyFacts(net, family) : undefined;
    if (!net || !ff?.subnet) return [];
    const old = ff.subnet.cidr;
    const ranges = searchRanges(old);
    const avoid = subnetsToAvoid(ctx, net, family);
    // Avoiding every subnet of the spec first keeps the move from creating MV205/MV206 warnings;
    // only the networks sharing a host are a hard constraint (MV201).
    const wider = widerRanges(ctx, old, ranges);
    const block =
      findBlock(avoid.loose, old, ranges) ?? findBlock(avoid.strict, old, ranges) ?? findBlock(avoid.loose, old, wider) ?? findBlock(avoid.strict, old, wider);
    if (block === undefined) {
      const searched = [...ranges, ...wider]
        .filter((r) => r.prefix <= old.prefix)
        .map((r) => `${formatAddr({ family, value: r.network })}/${r.prefix}`)
        .join(', ');
      return [
        {
          title: `Renumber ${net.spec.name}`,
          code: ctx.finding.code,
          edits: [],
          safe: false,
          disabled: `no free /${old.prefix} in ${searched}: other networks of the spec${ctx.observed ? ' or of the connected host' : ''} use them all — pick a subnet by hand`,
        },
      ];
    }
    const delta = block - old.network;
    const inOld = (v: bigint): boolean => old.network <= v && v <= old.last;
    const fmt = (v: bigint): string => formatAddr({ family, value: v + delta });

    const edits: TextEdit[] = [];
    const add = (span: { start: number; end: number }, value: string): void => {
      // An alias can make two values one node; editing it once is enough.
      if (!edits.some((e) => e.span.start === span.start)) edits.push(replaceScalar(ctx.text, span, value));
    };
    const cidr = (f: CidrFact | undefined): void => {
      if (f && f.cidr.family === family && inOld(f.cidr.network) && inOld(f.cidr.last)) add(f.val.span, `${fmt(f.cidr.addr)}/${f.cidr.prefix}`);
    };
    const addr = (f: AddrFact | undefined): void => {
      if (f && f.family === family && inOld(f.value)) add(f.val.span, fmt(f.value));
    };
    const range = (f: RangeFact): void => {
      if (f.family !== family || !inOld(f.start) || !inOld(f.end)) return;
      const written = f.val.value;
      if (written.includes('/')) {
        const c = parseCidr(written);
        if (c.ok) add(f.val.span, `${fmt(c.value.addr)}/${c.value.prefix}`);
      } else if (written.includes('-')) add(f.val.span, `${fmt(f.start)}-${fmt(f.end)}`);
      else add(f.val.span, fmt(f.start));
    };

    cidr(ff.subnet);
    addr(ff.gateway);
    for (const p of ff.pools) cidr(p);
    for (const a of net.aux) addr(a.fact);
    for (const e of net.exclude) range(e);
    for (const a of attachmentsOf(ctx.facts, net)) addr(attachAddr(a, family));

    const moved = edits.length - 1;
    const target = `${formatAddr({ family, value: block })}/${old.prefix}`;
    return [
      {
        title: `Renumber ${net.spec.name} to ${target}${moved > 0 ? `, shifting ${moved} ${moved === 1 ? 'address/range' : 'addresses/ranges'} with it` : ''}`,
        code: ctx.finding.code,
        edits,
        isPreferred: true,
        safe: false,
      },
    ];
  },
};
