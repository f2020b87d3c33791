/**
 * What specs and compose files that land on one Docker host do to each other (design: "Compose
 * files": one address space per host), and what a compose file's networks of other drivers do
 * to its macvlan/ipvlan ones: MV201 (overlapping subnets), MV203/MV204 (one parent per lower
 * device as the engine allows), MV404 (one static address per Docker network, through compose
 * `external:` networks too). Within one file and between its macvlan/ipvlan networks the
 * spec's own rules already report these; this adds the rest.
 * A host is known by its name: a spec's `hosts:` key, a compose file's `x-macvlan.host`, and
 * `local` for both when they name none. Overlaps are found by sorting and sweeping, never by
 * comparing all pairs.
 */
import type { Facts, NetFacts } from '../analysis/facts';
import type { ComposeFile } from '../compose/read';
import { atLeast, formatEngine, macvlanSharesParent } from '../engine';
import type { Code, Finding, FixHint } from '../findings';
import type { ObservedHost, ObservedState } from '../observed';
import { familyFacts } from '../analysis/addressSpace';
import { contains, formatCidr, parseAddr } from '../ip';
import { parseCidr, type Cidr } from '../ip/cidr';
import { compareBigint } from '../ip/interval';
import type { Path, Span } from '../spec/model';

/** One checked file: a spec (no `compose`) or a compose file. */
export interface HostFile {
  file: string;
  facts: Facts;
  compose?: ComposeFile;
}

interface Place {
  file: number;
  span: Span;
  path: Path;
}

interface SubnetItem extends Place {
  network: string;
  driver: string;
  cidr: Cidr;
  text: string;
  /** In the file's model (a macvlan/ipvlan network): a renumber fix can move it. */
  modelled: boolean;
}

const before = (a: Place, b: Place) => a.file - b.file || a.span.start - b.span.start;
const isVlan = (d: string) => d === 'macvlan' || d === 'ipvlan';

/** The name Docker gives a network of the file: `<project>_<key>` in compose, the key in a spec. */
export function dockerName(f: HostFile, n: NetFacts): string {
  return f.compose ? (f.compose.dockerNames.get(n.spec.name) ?? n.spec.name) : n.spec.name;
}

/** The hosts a compose file lands on (`x-macvlan.host` or `hosts`, else local). */
export function composeHosts(c: ComposeFile): string[] {
  return c.model.hosts.map((h) => h.name);
}

/** Every host name the files land on, each with the files (indexes) that have a network there. */
export function hostsOf(files: readonly HostFile[]): Map<string, number[]> {
  const byHost = new Map<string, number[]>();
  const note = (host: string, i: number) => {
    const list = byHost.get(host) ?? [];
    if (list[list.length - 1] !== i) list.push(i);
    byHost.set(host, list);
  };
  files.forEach((f, i) => {
    for (const n of f.facts.nets) for (const h of n.hosts) note(h, i);
    if (f.compose && (f.compose.others.length > 0 || f.compose.externals.length > 0)) for (const h of composeHosts(f.compose)) note(h, i);
  });
  return byHost;
}

type AddFinding = Omit<Finding, 'related'> & { related: (Place & { message: string })[] };

/**
 * Findings per input file (same order), to add to each file's own. `observed`: what the
 * connected hosts have, for `external:` networks that no file defines.
 */
export function crossFileFindings(files: readonly HostFile[], observed?: ObservedState): Finding[][] {
  const out: Finding[][] = files.map(() => []);
  if (files.length === 0) return out;
  const add = (i: number, f: AddFinding) =>
    out[i].push({ ...f, related: f.related.map((r) => ({ span: r.span, path: r.path, message: r.message, ...(r.file !== i ? { file: files[r.file].file } : {}) })) });
  for (const [host, idx] of hostsOf(files)) {
    // One file alone on a host: its own rules said it all (bridge subnets and external networks of a compose file excepted).
    if (idx.length === 1 && !files[idx[0]].compose?.others.length && !files[idx[0]].compose?.externals.length) continue;
    overlaps(files, idx, host, add);
    parents(files, idx, host, add);
    duplicates(files, idx, host, add);
    externals(files, idx, host, add, observed?.hosts[host]);
  }
  return out;
}

type Add = (i: number, f: AddFinding) => void;

function where(files: readonly HostFile[], p: Place, self: number): string {
  return p.file === self ? '' : ` in ${files[p.file].file}`;
}

function overlaps(files: readonly HostFile[], idx: number[], host: string, add: Add): void {
  const items: SubnetItem[] = [];
  for (const i of idx) {
    const f = files[i];
    for (const n of f.facts.nets) {
      if (!n.hosts.includes(host)) continue;
      for (const c of [n.subnet, n.v6subnet]) if (c) items.push({ file: i, span: c.val.span, path: c.val.path, network: n.spec.name, driver: n.spec.driver, cidr: c.cidr, text: c.val.value, modelled: true });
    }
    if (!f.compose || !composeHosts(f.compose).includes(host)) continue;
    for (const o of f.compose.others) {
      for (const s of o.subnets) {
        const r = parseCidr(s.value);
        if (r.ok) items.push({ file: i, span: s.span, path: s.path, network: o.key, driver: o.driver, cidr: r.value, text: s.value, modelled: false });
      }
    }
  }
  for (const family of [4, 6] as const) {
    const list = items.filter((x) => x.cidr.family === family).sort((a, b) => compareBigint(a.cidr.network, b.cidr.network) || before(a, b));
    let widest: SubnetItem | undefined;
    const reported = new Set<SubnetItem>();
    for (const cur of list) {
      const w = widest;
      if (w && cur.cidr.network <= w.cidr.last) {
        // Both macvlan/ipvlan in one file: the file's own MV201 has it already.
        const sameFileVlan = w.file === cur.file && isVlan(w.driver) && isVlan(cur.driver);
        if (!sameFileVlan) {
          const [first, later] = before(w, cur) <= 0 ? [w, cur] : [cur, w];
          if (!reported.has(later)) {
            reported.add(later);
            const engine = files[later.file].facts.engineFor(host);
            const refusal = atLeast(engine, 18, 9) ? '"Pool overlaps with other one on this address space"' : '"failed to allocate gateway … Address already in use"';
            const kind = (x: SubnetItem) => (isVlan(x.driver) ? '' : ` (${x.driver})`);
            const data: FixHint | undefined = later.modelled ? { fix: 'renumberNetwork', network: later.network, family } : undefined;
            add(later.file, {
              code: 'MV201',
              severity: 'error',
              message: `subnet ${later.text} of network ${later.network}${kind(later)} overlaps ${first.text} of network ${first.network}${kind(first)}${where(files, first, later.file)} on host ${host} — Docker ${formatEngine(engine)} refuses the second with ${refusal}; give one of them a free subnet`,
              span: later.span,
              path: later.path,
              related: [{ ...first, message: `subnet of network ${first.network}` }],
              ...(data ? { data } : {}),
            });
          }
        }
      }
      if (!w || cur.cidr.last > w.cidr.last) widest = cur;
    }
  }
}

function parents(files: readonly HostFile[], idx: number[], host: string, add: Add): void {
  const bySegment = new Map<string, (Place & { network: string; driver: string; passthru: boolean; segment: string })[]>();
  for (const i of idx) {
    for (const n of files[i].facts.nets) {
      if (!n.segment || !n.spec.parent || !n.hosts.includes(host)) continue;
      const p = n.spec.parent;
      const list = bySegment.get(n.segment.name) ?? [];
      list.push({ file: i, span: p.span, path: p.path, network: n.spec.name, driver: n.spec.driver, passthru: n.mode === 'passthru', segment: n.segment.name });
      bySegment.set(n.segment.name, list);
    }
  }
  for (const list of bySegment.values()) {
    list.sort(before);
    for (let k = 1; k < list.length; k++) {
      const cur = list[k];
      const engine = files[cur.file].facts.engineFor(host);
      // Only against networks of other files: the file's own MV203/MV204 cover one file.
      const other = list.slice(0, k).find((o) => o.file !== cur.file && clash(o, cur, engine));
      if (!other) continue;
      const code: Code = other.driver !== cur.driver ? 'MV204' : 'MV203';
      const why =
        code === 'MV204'
          ? 'macvlan and ipvlan cannot share a parent'
          : cur.driver === 'ipvlan'
            ? 'ipvlan networks cannot share a parent'
            : cur.passthru || other.passthru
              ? 'a passthru network takes the whole parent for one container'
              : `Docker Engine ${formatEngine(engine)} lets only one macvlan network use a parent (sharing needs engine 27 or later)`;
      add(cur.file, {
        code,
        severity: 'error',
        message: `network ${cur.network} uses parent ${cur.segment}, like network ${other.network}${where(files, other, cur.file)} on host ${host}: ${why} — give one of them another parent or VLAN`,
        span: cur.span,
        path: cur.path,
        related: [{ ...other, message: `parent of network ${other.network}` }],
      });
    }
  }
}

function clash(a: { driver: string; passthru: boolean }, b: { driver: string; passthru: boolean }, engine: Parameters<typeof macvlanSharesParent>[0]): boolean {
  if (a.driver !== b.driver) return true;
  if (a.driver === 'ipvlan') return true;
  return a.passthru || b.passthru || !macvlanSharesParent(engine);
}

interface AddressUse extends Place {
  container: string;
  /** The network's key in its file, when the attachment is in the file's model (a fix can move it). */
  key?: string;
  network: string;
  address: string;
  family: 4 | 6;
  external: boolean;
}

function duplicates(files: readonly HostFile[], idx: number[], host: string, add: Add): void {
  const byAddress = new Map<string, AddressUse[]>();
  const note = (key: string, x: AddressUse) => {
    const list = byAddress.get(key) ?? [];
    list.push(x);
    byAddress.set(key, list);
  };
  // Only Docker networks that two files use can hold a duplicate across files: a large spec's
  // tens of thousands of addresses are not keyed for nothing.
  const users = new Map<string, Set<number>>();
  const use = (name: string, i: number) => {
    const set = users.get(name) ?? new Set<number>();
    set.add(i);
    users.set(name, set);
  };
  for (const i of idx) {
    const f = files[i];
    for (const n of f.facts.nets) if (n.hosts.includes(host)) use(dockerName(f, n), i);
    if (f.compose && composeHosts(f.compose).includes(host)) for (const e of f.compose.externals) use(e.dockerName, i);
  }
  const shared = (name: string) => (users.get(name)?.size ?? 0) > 1;
  for (const i of idx) {
    const f = files[i];
    const sharedNets = new Set(f.facts.nets.filter((n) => n.hosts.includes(host) && shared(dockerName(f, n))));
    if (sharedNets.size === 0 && !f.compose?.externals.length) continue;
    for (const a of f.facts.attachments) {
      if (!a.net || !sharedNets.has(a.net) || a.host !== host) continue;
      const docker = dockerName(f, a.net);
      for (const [v, family] of [[a.ipv4, 4], [a.ipv6, 6]] as const) {
        if (v) note(`${docker} ${v.val.value}`, { file: i, span: v.val.span, path: v.val.path, container: a.container.name, key: a.net.spec.name, network: docker, address: v.val.value, family, external: false });
      }
    }
    if (!f.compose || !composeHosts(f.compose).includes(host)) continue;
    for (const e of f.compose.externals) {
      if (!shared(e.dockerName)) continue;
      for (const at of e.attachments) {
        for (const [v, family] of [[at.ipv4, 4], [at.ipv6, 6]] as const) {
          if (v) note(`${e.dockerName} ${v.value}`, { file: i, span: v.span, path: v.path, container: at.container, network: e.dockerName, address: v.value, family, external: true });
        }
      }
    }
  }
  for (const list of byAddress.values()) {
    if (list.length < 2) continue;
    list.sort(before);
    const first = list[0];
    for (const cur of list.slice(1)) {
      // Two containers of one file on one of its own networks: the file's own MV404 has it.
      if (cur.file === first.file && !cur.external && !first.external) continue;
      const data: FixHint | undefined = cur.key !== undefined ? { fix: 'assignAddress', container: cur.container, network: cur.key, family: cur.family } : undefined;
      add(cur.file, {
        code: 'MV404',
        severity: 'error',
        message: `${cur.family === 6 ? 'ipv6_address' : 'ipv4_address'} ${cur.address} of container ${cur.container} is already used by container ${first.container}${where(files, first, cur.file)} on Docker network ${cur.network} (host ${host}) — give one of them a free address`,
        span: cur.span,
        path: cur.path,
        related: [{ ...first, message: `first use of ${first.address} by container ${first.container}` }],
        ...(data ? { data } : {}),
      });
    }
  }
}

/**
 * A compose file's static address on an `external:` network that another file on the host
 * defines is checked against that definition, as the file's own networks are: inside the subnet
 * (MV402), not its gateway, network/broadcast or an aux address (MV403). An external network no
 * file defines is the host's own: checked against the connected host's network of that name
 * (MV402), and missing there is MV401 — `docker compose up` stops at it. Offline nothing is
 * known of it, so nothing is said.
 */
function externals(files: readonly HostFile[], idx: number[], host: string, add: Add, live: ObservedHost | undefined): void {
  const defined = new Map<string, { file: number; net: NetFacts }>();
  for (const i of idx) for (const n of files[i].facts.nets) if (n.hosts.includes(host) && !defined.has(dockerName(files[i], n))) defined.set(dockerName(files[i], n), { file: i, net: n });
  for (const i of idx) {
    const c = files[i].compose;
    if (!c || !composeHosts(c).includes(host)) continue;
    for (const e of c.externals) {
      const def = defined.get(e.dockerName);
      if (!def) {
        if (live) onHost(e, i, host, live, add);
        continue;
      }
      for (const at of e.attachments) {
        for (const v of [at.ipv4, at.ipv6]) {
          const r = v && parseAddr(v.value);
          if (!v || !r?.ok) continue;
          const { family, value } = r.value;
          const ff = familyFacts(def.net, family);
          const key = family === 4 ? 'ipv4_address' : 'ipv6_address';
          const name = def.net.spec.name;
          const there = where(files, { file: def.file, span: v.span, path: v.path }, i);
          if (!ff.subnet) continue;
          const sub = ff.subnet;
          const subnetPlace = { file: def.file, span: sub.val.span, path: sub.val.path };
          if (!contains(sub.cidr, value)) {
            add(i, {
              code: 'MV402',
              severity: 'error',
              message: `${key} ${v.value} of container ${at.container} is outside subnet ${sub.val.value} of network ${e.dockerName} (defined as ${name}${there}) — use an address inside ${formatCidr(family, sub.cidr.network, sub.cidr.prefix)}`,
              span: v.span,
              path: v.path,
              related: [{ ...subnetPlace, message: `subnet of network ${name}` }],
            });
            continue;
          }
          const gw = ff.gateway;
          const aux = def.net.aux.find((a) => a.fact.family === family && a.fact.value === value);
          const what =
            gw?.value === value
              ? { is: `the gateway of network ${e.dockerName}`, rel: { file: def.file, span: gw.val.span, path: gw.val.path, message: `gateway of network ${name}` } }
              : value === sub.cidr.network || (family === 4 && value === sub.cidr.last)
                ? { is: `the ${value === sub.cidr.network ? 'network' : 'broadcast'} address of ${sub.val.value}`, rel: { ...subnetPlace, message: `subnet of network ${name}` } }
                : aux
                  ? { is: `aux address ${aux.name} of network ${e.dockerName}`, rel: { file: def.file, span: aux.fact.val.span, path: aux.fact.val.path, message: `aux address ${aux.name} of network ${name}` } }
                  : undefined;
          if (!what) continue;
          add(i, {
            code: 'MV403',
            severity: 'error',
            message: `${key} ${v.value} of container ${at.container} is ${what.is} (defined as ${name}${there}) — Docker refuses it; pick a free address`,
            span: v.span,
            path: v.path,
            related: [what.rel],
          });
        }
      }
    }
  }
}

/** An external network that no file defines, against what the connected host has. */
function onHost(e: ComposeFile['externals'][number], file: number, host: string, live: ObservedHost, add: Add): void {
  const net = live.networks.find((n) => n.name === e.dockerName);
  if (!net) {
    add(file, {
      code: 'MV401',
      severity: 'error',
      message: `network ${e.key} is external, but no file on host ${host} defines ${e.dockerName} and the connected host has no network of that name — docker compose up stops with "network ${e.dockerName} declared as external, but could not be found"; create it first, or correct its name`,
      span: e.keySpan,
      path: ['networks', e.key],
      related: [],
    });
    return;
  }
  const subnets = net.subnets.flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.value] : [];
  });
  for (const at of e.attachments) {
    for (const v of [at.ipv4, at.ipv6]) {
      const r = v && parseAddr(v.value);
      if (!v || !r?.ok) continue;
      const mine = subnets.filter((c) => c.family === r.value.family);
      if (mine.length === 0 || mine.some((c) => contains(c, r.value.value))) continue;
      add(file, {
        code: 'MV402',
        severity: 'error',
        message: `${r.value.family === 4 ? 'ipv4_address' : 'ipv6_address'} ${v.value} of container ${at.container} is outside ${mine.map((c) => formatCidr(c.family, c.network, c.prefix)).join(', ')}, the subnet of network ${e.dockerName} on the connected host ${host} — use an address inside it`,
        span: v.span,
        path: v.path,
        related: [],
      });
    }
  }
}
