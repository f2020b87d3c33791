/**
 * What several compose files on one Docker host do to each other, and what a file's networks
 * of other drivers do to its macvlan/ipvlan ones: one address space per host (MV201), one
 * parent per lower device as the engine allows (MV203/MV204), one static address per Docker
 * network (MV404, through `external:` networks too). Within one file and between its
 * macvlan/ipvlan networks the spec's own rules already report these; this adds the rest.
 * Overlaps are found by sorting and sweeping, never by comparing all pairs.
 */
import type { Facts } from '../analysis/facts';
import { atLeast, formatEngine, macvlanSharesParent } from '../engine';
import type { Code, Finding } from '../findings';
import { parseCidr, type Cidr } from '../ip/cidr';
import { compareBigint } from '../ip/interval';
import type { Span, Path } from '../spec/model';
import type { ComposeFile } from './read';

export interface HostFile {
  file: string;
  compose: ComposeFile;
  facts: Facts;
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
}

const before = (a: Place, b: Place) => a.file - b.file || a.span.start - b.span.start;

/** Findings per input file (same order), to add to each file's own. */
export function crossFileFindings(files: readonly HostFile[]): Finding[][] {
  const out: Finding[][] = files.map(() => []);
  const byHost = new Map<string, number[]>();
  files.forEach((f, i) => {
    const host = f.compose.model.hosts[0]?.name ?? 'local';
    const list = byHost.get(host);
    if (list) list.push(i);
    else byHost.set(host, [i]);
  });
  for (const [host, idx] of byHost) {
    const add = (i: number, f: Omit<Finding, 'related'> & { related: (Place & { message: string })[] }) =>
      out[i].push({ ...f, related: f.related.map((r) => ({ span: r.span, path: r.path, message: r.message, ...(r.file !== i ? { file: files[r.file].file } : {}) })) });
    overlaps(files, idx, host, add);
    parents(files, idx, host, add);
    duplicates(files, idx, add);
  }
  return out;
}

type Add = (i: number, f: Omit<Finding, 'related'> & { related: (Place & { message: string })[] }) => void;

function where(files: readonly HostFile[], p: Place, self: number): string {
  return p.file === self ? '' : ` in ${files[p.file].file}`;
}

function overlaps(files: readonly HostFile[], idx: number[], host: string, add: Add): void {
  const items: SubnetItem[] = [];
  for (const i of idx) {
    const f = files[i];
    for (const n of f.facts.nets) {
      for (const c of [n.subnet, n.v6subnet]) if (c) items.push({ file: i, span: c.val.span, path: c.val.path, network: n.spec.name, driver: n.spec.driver, cidr: c.cidr, text: c.val.value });
    }
    for (const o of f.compose.others) {
      for (const s of o.subnets) {
        const r = parseCidr(s.value);
        if (r.ok) items.push({ file: i, span: s.span, path: s.path, network: o.key, driver: o.driver, cidr: r.value, text: s.value });
      }
    }
  }
  const isVlan = (d: string) => d === 'macvlan' || d === 'ipvlan';
  for (const family of [4, 6] as const) {
    const list = items.filter((x) => x.cidr.family === family).sort((a, b) => compareBigint(a.cidr.network, b.cidr.network) || before(a, b));
    let widest: SubnetItem | undefined;
    const reported = new Set<SubnetItem>();
    for (const cur of list) {
      const w = widest;
      if (w && cur.cidr.network <= w.cidr.last) {
        // Both macvlan/ipvlan in one file: the spec's MV201 has it already.
        const sameFileVlan = w.file === cur.file && isVlan(w.driver) && isVlan(cur.driver);
        if (!sameFileVlan) {
          const [first, later] = before(w, cur) <= 0 ? [w, cur] : [cur, w];
          if (!reported.has(later)) {
            reported.add(later);
            const engine = files[later.file].facts.engineFor(host);
            const refusal = atLeast(engine, 18, 9) ? '"Pool overlaps with other one on this address space"' : '"failed to allocate gateway … Address already in use"';
            const kind = (x: SubnetItem) => (isVlan(x.driver) ? '' : ` (${x.driver})`);
            add(later.file, {
              code: 'MV201',
              severity: 'error',
              message: `subnet ${later.text} of network ${later.network}${kind(later)} overlaps ${first.text} of network ${first.network}${kind(first)}${where(files, first, later.file)} on host ${host} — Docker ${formatEngine(engine)} refuses the second with ${refusal}; give one of them a free subnet`,
              span: later.span,
              path: later.path,
              related: [{ ...first, message: `subnet of network ${first.network}` }],
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
      if (!n.segment || !n.spec.parent) continue;
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
      // Only against networks of other files: the spec's MV203/MV204 cover one file.
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

function duplicates(files: readonly HostFile[], idx: number[], add: Add): void {
  const byAddress = new Map<string, (Place & { container: string; network: string; address: string; external: boolean })[]>();
  const note = (key: string, x: Place & { container: string; network: string; address: string; external: boolean }) => {
    const list = byAddress.get(key) ?? [];
    list.push(x);
    byAddress.set(key, list);
  };
  for (const i of idx) {
    const f = files[i];
    for (const a of f.facts.attachments) {
      const docker = a.net && f.compose.dockerNames.get(a.net.spec.name);
      if (!docker) continue;
      for (const v of [a.ipv4, a.ipv6]) if (v) note(`${docker} ${v.val.value}`, { file: i, span: v.val.span, path: v.val.path, container: a.container.name, network: docker, address: v.val.value, external: false });
    }
    for (const e of f.compose.externals) {
      for (const at of e.attachments) {
        for (const v of [at.ipv4, at.ipv6]) if (v) note(`${e.dockerName} ${v.value}`, { file: i, span: v.span, path: v.path, container: at.container, network: e.dockerName, address: v.value, external: true });
      }
    }
  }
  for (const list of byAddress.values()) {
    if (list.length < 2) continue;
    list.sort(before);
    const first = list[0];
    for (const cur of list.slice(1)) {
      // Two services of one file on one of its own networks: the spec's MV404 has it.
      if (cur.file === first.file && !cur.external && !first.external) continue;
      add(cur.file, {
        code: 'MV404',
        severity: 'error',
        message: `${cur.address.includes(':') ? 'ipv6_address' : 'ipv4_address'} ${cur.address} of container ${cur.container} is already used by container ${first.container}${where(files, first, cur.file)} on Docker network ${cur.network} — give one of them a free address`,
        span: cur.span,
        path: cur.path,
        related: [{ ...first, message: `first use of ${first.address} by container ${first.container}` }],
      });
    }
  }
}
