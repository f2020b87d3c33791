/**
 * Turns what the user typed in `macvlan.newSpec` into a path inside the workspace folder.
 * Pure, so the naming rules are unit-tested without VS Code.
 */
import { isSpecFileName } from '../core/spec/specName';

export const DEFAULT_SPEC_NAME = 'macvlan.yaml';

export type SpecTarget = { segments: string[]; path: string } | { error: string };

/**
 * `macvlan.yaml` or `lab/edge.macvlan.yaml` name a file; `lab` or `lab/` name a folder that
 * gets `macvlan.yaml`. Any other `.yaml` name is refused: the file would open as plain YAML
 * and never be checked, which is worse than asking again.
 */
export function resolveSpecTarget(input: string): SpecTarget {
  const raw = input.trim().replace(/\\/g, '/');
  if (raw === '') return done([DEFAULT_SPEC_NAME]);
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw)) {
    return { error: 'Give a path relative to the workspace folder.' };
  }
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { error: 'The spec must stay inside the workspace folder.' };
  if (segments.length === 0) return done([DEFAULT_SPEC_NAME]);
  const last = segments[segments.length - 1];
  if (raw.endsWith('/')) return done([...segments, DEFAULT_SPEC_NAME]);
  if (isSpecFileName(last)) return done(segments);
  if (/\.ya?ml$/i.test(last)) {
    const stem = last.replace(/\.ya?ml$/i, '');
    return { error: `Only macvlan.yaml, macvlan.yml or *.macvlan.yaml are checked as specs: try ${stem}.macvlan.yaml.` };
  }
  if (last.includes('.')) return { error: 'Name the file macvlan.yaml or NAME.macvlan.yaml, or give a folder.' };
  return done([...segments, DEFAULT_SPEC_NAME]);
}

function done(segments: string[]): SpecTarget {
  return { segments, path: segments.join('/') };
}
