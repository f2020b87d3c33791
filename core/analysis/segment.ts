/**
 * The L2 segment a network sits on: parent interface plus 802.1Q id. `parent: eth0.10` and
 * `parent: eth0` + `vlan: 10` are the same segment, "eth0.10" (Docker creates that link).
 */
export interface Segment {
  base: string;
  vlan?: number;
  /** "eth0.10", or "eth0" without a VLAN. */
  name: string;
  /** The VLAN id written in the parent name, if any (MV302 compares it with `vlan:`). */
  parentVlan?: number;
}

export function parseParent(parent: string | undefined, vlan: number | undefined): Segment | undefined {
  if (parent === undefined || parent === '') return undefined;
  const dot = parent.indexOf('.');
  let base = parent;
  let parentVlan: number | undefined;
  if (dot >= 0) {
    base = parent.slice(0, dot);
    const tail = parent.slice(dot + 1);
    // Malformed tails are MV301; the segment then keeps the whole name so nothing else misfires.
    if (/^[1-9]\d{0,3}$/.test(tail) && Number(tail) <= 4094) parentVlan = Number(tail);
    else base = parent;
  }
  const validVlan = vlan !== undefined && Number.isInteger(vlan) && vlan >= 1 && vlan <= 4094 ? vlan : undefined;
  const id = parentVlan ?? validVlan;
  return { base, vlan: id, name: id === undefined ? base : `${base}.${id}`, parentVlan };
}
