import { clip } from './util';
import type { Rule } from './types';

/**
 * MV301: a malformed parent: more than one dot, a non-numeric or out-of-range VLAN id.
 *
 * Docker reads a parent it has to create as `name.vlan_id` (split on '.', exactly two parts,
 * id 1..4094) and the kernel limits interface names to 15 bytes without '/', ':' or spaces.
 *
 * Decided here (the design page leaves it open):
 * - Also malformed: an empty name or id around the dot, a leading zero in the id (Docker would
 *   read eth0.010 as VLAN 10 but create a link named "eth0.010", which no switch config
 *   matches), and a name the kernel refuses: longer than 15 characters — counting the ".vlan"
 *   Docker appends for `vlan:` — or containing '/', ':' or whitespace.
 * - An empty parent is MV303's (no parent); `vlan:` out of range is the schema's (MV001).
 * - Fix data `splitParent` only for a leading zero whose value is a valid id (eth0.010 →
 *   parent: eth0 + vlan: 10, the VLAN Docker would use); for the other problems there is no
 *   sound VLAN id to split off.
 */
export const rule: Rule = {
  code: 'MV301',
  title: 'Malformed parent interface name',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const n of ctx.facts.nets) {
      const parent = n.spec.parent;
      if (!parent) continue;
      const problem = parentProblem(parent.value, n.spec.vlan?.value);
      if (!problem) continue;
      report({
        message: `parent ${clip(parent.value)} of network ${n.spec.name}: ${clip(problem, 160)}`,
        span: parent.span,
        path: parent.path,
        ...(splittable(parent.value) ? { data: { fix: 'splitParent', network: n.spec.name } as const } : {}),
      });
    }
  },
};

/** `eth0.010`: a leading zero on an otherwise valid id, short enough for the fix to read. */
function splittable(parent: string): boolean {
  const m = /^[^.]+\.(0\d{1,3})$/.exec(parent);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 4094;
}

/** Kernel IFNAMSIZ is 16 bytes including the terminating NUL; the limit is in bytes. */
const MAX_IFNAME = 15;

/** What is wrong with a parent name, or undefined when Docker and the kernel accept it. */
export function parentProblem(parent: string, vlan: number | undefined): string | undefined {
  if (parent === '') return undefined;
  const bad = /[/:\s]/.exec(parent);
  if (bad) return `interface names cannot contain ${bad[0] === '/' || bad[0] === ':' ? `'${bad[0]}'` : 'whitespace'}`;
  const parts = parent.split('.');
  if (parts.length > 2) return `more than one '.': Docker reads the parent as name.vlan_id (eth0.10) — use parent: ${parts[0]} and vlan:`;
  if (parts.length === 2) {
    const [base, id] = parts;
    if (base === '') return "missing interface name before '.' (expected name.vlan_id, e.g. eth0.10)";
    if (id === '') return "missing VLAN id after '.' (expected name.vlan_id, e.g. eth0.10)";
    if (!/^\d+$/.test(id)) return `VLAN id '${id}' is not a number (expected name.vlan_id, e.g. eth0.10)`;
    if (id.length > 1 && id.startsWith('0')) return `leading zero in VLAN id ${id} — write ${base}.${Number(id)}`;
    const v = Number(id);
    if (v < 1 || v > 4094) return `VLAN id ${id} is outside 1..4094`;
  }
  const validVlan = vlan !== undefined && Number.isInteger(vlan) && vlan >= 1 && vlan <= 4094 ? vlan : undefined;
  const link = parts.length === 1 && validVlan !== undefined ? `${parent}.${validVlan}` : parent;
  if (link.length > MAX_IFNAME || (/[\u0080-\uffff]/.test(link) && new TextEncoder().encode(link).length > MAX_IFNAME)) {
    return `${link === parent ? 'the name' : `the link name ${link} Docker would create`} is longer than ${MAX_IFNAME} characters, the kernel's limit`;
  }
  return undefined;
}
