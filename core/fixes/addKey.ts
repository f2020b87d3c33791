import type { FixProvider } from './types';
import { insertKey } from './yamlEdit';

/**
 * Hint `addKey`: a key the entry lacks, with the values that would do (`host:` of a container
 * on a spec with several hosts, a `vlan:` that gives a network its own device). One fix per
 * choice, in the rule's order. Not safe: which one is right is the user's call.
 */
export const addKey: FixProvider<'addKey'> = {
  maySafe: false,
  provide(ctx, hint) {
    const out = [];
    for (const c of hint.choices) {
      const edit = insertKey(ctx, hint.map, hint.after, hint.key, c.value);
      if (edit) out.push({ title: c.title, code: ctx.finding.code, edits: [edit], safe: false });
    }
    return out;
  },
};
