import type { Fix, FixContext, FixProvider, TextEdit } from './types';
import { findKey, insertKey, replaceScalar } from './yamlEdit';

/** `eth0.10` → base `eth0`, id 10; undefined when the suffix is not one VLAN id (`eth0.1.2`, `eth0.x`). */
function splitName(parent: string): { base: string; vlan: number } | undefined {
  const m = /^([^.]+)\.(\d{1,4})$/.exec(parent);
  if (!m) return undefined;
  const vlan = Number(m[2]);
  return vlan >= 1 && vlan <= 4094 ? { base: m[1], vlan } : undefined;
}

/** The edit that makes `vlan:` say `id`: replace the value (whatever its type) or insert the key after `parent:`. */
function setVlan(ctx: FixContext, netPath: readonly (string | number)[], id: number): TextEdit | undefined {
  const existing = findKey(ctx, netPath, 'vlan');
  if (!existing) return insertKey(ctx, netPath, 'parent', 'vlan', id);
  const range = existing.value?.range;
  if (!range || range[0] === range[1]) {
    // `vlan:` with no value: write after its colon rather than add a second `vlan` key.
    const colon = ctx.text.indexOf(':', existing.keySpan.end);
    return colon < 0 ? undefined : { span: { start: colon + 1, end: colon + 1 }, newText: ` ${id}` };
  }
  return replaceScalar(ctx.text, { start: range[0], end: range[1] }, id);
}

/**
 * MV301/MV302: write the VLAN as its own key, `parent: eth0.10` → `parent: eth0` + `vlan: 10`.
 * Docker reads the id from the parent name either way, so for MV301 (e.g. `eth0.010`) with no
 * conflicting `vlan:` the split keeps the VLAN Docker would use: safe. For MV302 the parent and
 * `vlan:` disagree and only the user knows which is right, so both readings are offered, unsafe.
 */
export const splitParent: FixProvider<'splitParent'> = {
  maySafe: true,
  provide(ctx, hint) {
    const net = ctx.facts.netByName.get(hint.network);
    const parent = net?.spec.parent;
    const split = parent ? splitName(parent.value) : undefined;
    if (!net || !parent || !split) return [];
    const code = ctx.finding.code;
    const parentEdit = replaceScalar(ctx.text, parent.span, split.base);
    const current = net.spec.vlan?.value;
    const fixes: Fix[] = [];
    if (current === undefined || current === split.vlan) {
      const vlanEdit = current === undefined ? setVlan(ctx, net.spec.path, split.vlan) : undefined;
      // Rewriting the parent without writing the VLAN would silently drop the VLAN.
      if (current === undefined && !vlanEdit) return [];
      fixes.push({
        title: `Split parent into parent: ${split.base} and vlan: ${split.vlan}`,
        code,
        edits: vlanEdit ? [parentEdit, vlanEdit] : [parentEdit],
        isPreferred: true,
        // Overwriting a `vlan:` that is there but unreadable (`vlan: "10"`) is a guess: unsafe.
        safe: code !== 'MV302' && (current === split.vlan || !findKey(ctx, net.spec.path, 'vlan')),
      });
      return fixes;
    }
    const fromParent = setVlan(ctx, net.spec.path, split.vlan);
    if (fromParent) {
      fixes.push({ title: `Use VLAN ${split.vlan} from the parent (parent: ${split.base}, vlan: ${split.vlan})`, code, edits: [parentEdit, fromParent], safe: false });
    }
    fixes.push({ title: `Use vlan: ${current} (parent: ${split.base})`, code, edits: [parentEdit], safe: false });
    return fixes;
  },
};
