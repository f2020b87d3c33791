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
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
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

/**
 * What is wrong with a parent name, or undefined when Docker and the kernel accept it.
 * Runs for every network (MV301 and MV304), so it scans the name once by character code and
 * builds text only for a problem.
 */
export function parentProblem(parent: string, vlan: number | undefined): string | undefined {
  if (parent === '') return undefined;
  let dot = -1;
  let dots = 0;
  let wide = false;
  for (let i = 0; i < parent.length; i++) {
    const c = parent.charCodeAt(i);
    if (c === SLASH || c === COLON) return `interface names cannot contain '${parent[i]}'`;
    if (c >= 0x80) {
      wide = true;
      // /\s/ beyond ASCII (no-break space, U+2000.., U+3000, BOM, ...): rare, so asked per character.
      if (WHITESPACE.test(parent[i])) return 'interface names cannot contain whitespace';
    } else if (c === SPACE || (c >= TAB && c <= CR)) return 'interface names cannot contain whitespace';
    else if (c === DOT && dots++ === 0) dot = i;
  }
  if (dots > 1) return `more than one '.': Docker reads the parent as name.vlan_id (eth0.10) — use parent: ${parent.slice(0, dot)} and vlan:`;
  if (dots === 1) {
    if (dot === 0) return "missing interface name before '.' (expected name.vlan_id, e.g. eth0.10)";
    if (dot === parent.length - 1) return "missing VLAN id after '.' (expected name.vlan_id, e.g. eth0.10)";
    let v = 0;
    for (let i = dot + 1; i < parent.length; i++) {
      const c = parent.charCodeAt(i);
      if (c < ZERO || c > NINE) return `VLAN id '${parent.slice(dot + 1)}' is not a number (expected name.vlan_id, e.g. eth0.10)`;
      v = v * 10 + (c - ZERO);
    }
    if (parent.length - dot > 2 && parent.charCodeAt(dot + 1) === ZERO) {
      return `leading zero in VLAN id ${parent.slice(dot + 1)} — write ${parent.slice(0, dot)}.${Number(parent.slice(dot + 1))}`;
    }
    if (v < 1 || v > 4094) return `VLAN id ${parent.slice(dot + 1)} is outside 1..4094`;
  }
  const validVlan = vlan !== undefined && Number.isInteger(vlan) && vlan >= 1 && vlan <= 4094 ? vlan : undefined;
  // The link Docker creates: the parent, or parent.vlan for `vlan:` on a plain name.
  const withVlan = dots === 0 && validVlan !== undefined;
  const length = withVlan ? parent.length + 1 + (validVlan < 10 ? 1 : validVlan < 100 ? 2 : validVlan < 1000 ? 3 : 4) : parent.length;
  // The ".vlan" part is ASCII, so the link has non-ASCII characters exactly when the parent
  // does; only then can its UTF-8 bytes outnumber its characters.
  if (length <= MAX_IFNAME && !wide) return undefined;
  const link = withVlan ? `${parent}.${validVlan}` : parent;
  if (length > MAX_IFNAME || new TextEncoder().encode(link).length > MAX_IFNAME) {
    return `${link === parent ? 'the name' : `the link name ${link} Docker would create`} is longer than ${MAX_IFNAME} characters, the kernel's limit`;
  }
  return undefined;
}

const TAB = 0x09;
const CR = 0x0d;
const SPACE = 0x20;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const WHITESPACE = /\s/;
