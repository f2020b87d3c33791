import { Schema } from 'yaml';

type Resolve = (source: string, onError: (message: string) => void, options: { intAsBigInt: boolean }) => unknown;

/**
 * The YAML 1.2 core schema's implicit scalar tags (null, bool, int, float), in the order the
 * `yaml` package's Composer tries them. The fast parse resolves plain scalars with them, and the
 * quick fixes ask them whether a string written plain would read back as something else: one
 * table, so the two cannot disagree.
 */
export const coreTags: readonly { test: RegExp; resolve: Resolve }[] = new Schema({}).tags
  .filter((t) => t.default === true && t.test)
  .map((t) => ({ test: t.test!, resolve: t.resolve as Resolve }));

/** Whether `source`, written as a plain scalar, resolves to a null, bool or number rather than a string. */
export function plainIsTyped(source: string): boolean {
  for (const tag of coreTags) if (tag.test.test(source)) return true;
  return false;
}
