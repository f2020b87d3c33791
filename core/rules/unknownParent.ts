import type { NetFacts } from '../analysis/facts';
import type { Segment } from '../analysis/segment';
import type { Val } from '../spec/model';
import type { Report, Rule, RuleContext } from './types';
import { parentProblem } from './malformedParent';

/**
 * MV304: the parent is not among the host's known interfaces: the host's `interfaces:` list
 * when given, and the live host's interfaces when observed state has them.
 *
 * Decided here (the design page leaves it open):
 * - With a VLAN (`parent: eth0.10`, or `parent: eth0` + `vlan: 10`) Docker creates the
 *   sub-interface, so the base (eth0) must exist; an existing sub-interface of that exact name
 *   (eth0.10 listed) is fine as well.
 * - Both sources are checked when both are present: the list can be stale, the live host is
 *   what `docker network create` meets. One finding per network, naming every host (and source)
 *   that lacks the interface.
 * - Internal networks are checked too. Docker creates a dummy link (dm-<id>) only when `parent`
 *   is omitted; a named parent that does not exist fails `docker network create` whether the
 *   network is internal or not ("invalid subinterface vlan name ens9, example formatting is
 *   eth0.10", seen on Engine 20.10 in test/engine/corpus/39-internal-missing-parent).
 * - Malformed names are MV301's, `lo` and empty parents MV303's; not repeated here.
 * - "Did you mean": the known name closest by edit distance, a swap of two neighbouring letters
 *   counting as one edit (at most 2 edits, or 1 for names of up to 4 characters).
 */
export const rule: Rule = {
  code: 'MV304',
  title: 'Unknown parent interface',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const parent = n.spec.parent;
      const seg = n.segment;
      if (!parent || !seg) continue;
      if (parent.value === 'lo' || parent.value.startsWith('lo.') || parentProblem(parent.value, n.spec.vlan?.value)) continue;
      // Made on the first miss: most parents exist.
      let misses: Miss[] | undefined;
      for (let j = 0; j < n.hosts.length; j++) {
        const host = n.hosts[j];
        const declared = ctx.facts.hostByName.get(host)?.interfaces;
        if (declared && !declares(declared, seg.base, seg.name)) {
          (misses ??= []).push({ host, source: 'interfaces:', known: declared.map((i) => i.value) });
        }
        const live = ctx.observed?.hosts[host]?.interfaces;
        if (live && !live.includes(seg.base) && !live.includes(seg.name)) (misses ??= []).push({ host, source: 'the live host', known: [...live] });
      }
      if (misses) reportMisses(ctx, n, parent, seg, misses, report);
    }
  },
};

interface Miss {
  host: string;
  source: string;
  known: string[];
}

/**
 * The finding, in a function of its own: a closure in the loop body that read the loop's
 * variables would make every iteration allocate a context for them, finding or not.
 */
function reportMisses(ctx: RuleContext, n: NetFacts, parent: Val<string>, seg: Segment, misses: Miss[], report: (r: Report) => void): void {
  const hostsDeclared = ctx.facts.model.hostsDeclared;
  const where = misses
    .map((m) =>
      m.source === 'interfaces:'
        ? `the interfaces: list of host ${m.host}`
        : `the interfaces ${hostsDeclared ? `host ${m.host}` : 'the Docker host'} reports`,
    )
    .join(', nor in ');
  const suggestion = closest(seg.base, misses.flatMap((m) => m.known));
  const what = seg.vlan !== undefined ? `parent interface ${seg.base} (for VLAN ${seg.vlan}, which Docker creates as ${seg.name})` : `parent interface ${seg.base}`;
  report({
    message: `${what} of network ${n.spec.name} is not in ${where}${suggestion ? ` — did you mean ${suggestion}?` : ' — use an interface that exists on the host'}`,
    span: parent.span,
    path: parent.path,
    // The same parent on the suggested interface (its VLAN suffix kept).
    ...(suggestion && parent.value.startsWith(seg.base) ? { data: { fix: 'replaceValue' as const, value: suggestion + parent.value.slice(seg.base.length), title: `Change to ${suggestion + parent.value.slice(seg.base.length)}` } } : {}),
  });
}

/** Whether the host's `interfaces:` list names either interface. */
function declares(list: readonly Val<string>[], base: string, name: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].value === base || list[i].value === name) return true;
  return false;
}

/** The known name nearest to `name` by edit distance, if near enough to be a typo. */
function closest(name: string, known: readonly string[]): string | undefined {
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const k of new Set(known)) {
    const d = distance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, the commonest
 * typo in interface names (eht0). Names are at most 15 characters, so the full table is cheap.
 */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
