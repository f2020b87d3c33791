import type { Path } from '../spec/model';

/**
 * Whether `path` has the shape of `pattern`: literal keys must be equal, `*` takes any key and
 * `#` any list index. Returns the `*` and `#` parts in order, so callers read names off it.
 */
export function match(path: Path, pattern: readonly string[]): string[] | undefined {
  if (path.length !== pattern.length) return undefined;
  const captured: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    const seg = path[i];
    if (p === '#') {
      if (typeof seg !== 'number') return undefined;
      captured.push(String(seg));
    } else if (p === '*') {
      if (typeof seg !== 'string') return undefined;
      captured.push(seg);
    } else if (seg !== p) return undefined;
  }
  return captured;
}
