import type { SpecModel } from './model';

/** What `name:` may be: a compose project name's alphabet, and a label value Docker accepts anywhere. */
export const SPEC_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const SPEC_NAME_MAX = 63;

/** Used when neither `name:` nor the file gives a usable name (a spec read from stdin, or "macvlan.yaml" in "/"). */
export const FALLBACK_SPEC_NAME = 'default';

export const isSpecName = (s: string): boolean => s.length <= SPEC_NAME_MAX && SPEC_NAME_PATTERN.test(s);

/** The file names that are specs (the extension's language contribution, and `check FOLDER`). */
const SPEC_FILE_NAME = /^(?:macvlan\.ya?ml|.+\.macvlan\.ya?ml)$/;

/** `name` is a file's base name. */
export function isSpecFileName(name: string): boolean {
  return SPEC_FILE_NAME.test(name);
}

/**
 * The name a file gives a spec that has no `name:`: "lab.macvlan.yaml" -> "lab", a plain
 * "macvlan.yaml" -> its folder's name. Like compose's project name, it is lowercased and
 * stripped to [a-z0-9_-] (so "My Lab" -> "mylab"); undefined when nothing usable is left.
 * `path` may be a file path or a URI path, with / or \ separators.
 */
export function defaultSpecName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.split(/[\\/]+/).filter(Boolean).map(decodePart);
  const file = parts.pop();
  if (!file) return undefined;
  const m = /^(.*)\.macvlan\.ya?ml$/i.exec(file);
  const raw = m ? m[1] : /^macvlan\.ya?ml$/i.test(file) ? parts.pop() : undefined;
  if (raw === undefined) return undefined;
  const name = raw.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '').slice(0, SPEC_NAME_MAX);
  return name === '' ? undefined : name;
}

function decodePart(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/**
 * The spec's identity: a valid `name:`, else the file's default, else "default". A `name:` that
 * is not valid is the schema's to report (MV001); meanwhile the file's name stands in, so a
 * half-typed name never makes the editor treat the spec's resources as another spec's.
 */
export function specName(model: Pick<SpecModel, 'name'>, path?: string): string {
  const written = model.name?.value;
  if (written !== undefined && isSpecName(written)) return written;
  return defaultSpecName(path) ?? FALLBACK_SPEC_NAME;
}
