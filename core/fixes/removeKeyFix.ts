import type { FixProvider } from './types';
import { removeKey } from './yamlEdit';

/**
 * Hint `removeKey` (an unknown key, say): delete the entry the finding's path ends at. Not safe:
 * an unknown key is often a misspelt known one, and deleting it drops what the user meant.
 */
export const removeKeyFix: FixProvider<'removeKey'> = {
  maySafe: false,
  provide(ctx, hint) {
    const path = ctx.finding.path;
    const key = path[path.length - 1];
    const edit = typeof key === 'string' ? removeKey(ctx, path) : undefined;
    return edit ? [{ title: hint.title ?? `Remove ${key}`, code: ctx.finding.code, edits: [edit], safe: false }] : [];
  },
};
