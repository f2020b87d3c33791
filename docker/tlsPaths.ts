import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { TlsField } from '../core/findings';
import type { DockerTarget, TlsFiles } from './target';

/** A TLS file of a target that lies outside the folder it may be read from. */
export interface TlsFileOutside {
  field: TlsField;
  /** The resolved absolute path (what would be read). */
  file: string;
  /** Where a symlink inside the folder leads, when that is what leaves it. */
  linksTo?: string;
}

const FIELDS: readonly TlsField[] = ['ca', 'cert', 'key'];

/**
 * The TLS files of `tls` (absolute paths, as connect.ts resolves a spec's `tls:`) that lie
 * outside `root`: lexically (`/etc/x`, `../../x`), or through a symlink inside `root` that leads
 * out. Only paths are looked at (realpath), never contents. A file that does not exist is judged
 * by its path alone: reading it fails anyway.
 */
export function tlsFilesOutside(tls: Pick<TlsFiles, TlsField> | undefined, root: string): TlsFileOutside[] {
  if (!tls) return [];
  const base = path.resolve(root);
  let realBase: string | undefined;
  const out: TlsFileOutside[] = [];
  for (const field of FIELDS) {
    const f = tls[field];
    if (f === undefined || f === '') continue;
    const file = path.resolve(base, f);
    if (!inside(base, file)) {
      out.push({ field, file });
      continue;
    }
    const real = realpath(file);
    if (real === undefined) continue;
    realBase ??= realpath(base) ?? base;
    if (!inside(realBase, real)) out.push({ field, file, linksTo: real });
  }
  return out;
}

/**
 * The tls: files a spec named itself: a spec host's `docker:` + `tls:`. A spec's `context:`
 * takes its files from the docker CLI's context store, like DOCKER_CERT_PATH: the user's own.
 */
export function specTlsFiles(t: DockerTarget): TlsFiles | undefined {
  return t.source === 'spec' && t.context === undefined ? t.tls : undefined;
}

/** `file` is `dir` or below it (both absolute and normalised). */
export function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  // Another drive on Windows gives an absolute `rel`.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** One line per file for warnings: paths only, never what the files hold. */
export function describeOutside(o: TlsFileOutside, written?: string): string {
  const as = written !== undefined && written !== o.file ? ` (${written})` : '';
  return `tls.${o.field}${as} is ${o.file}${o.linksTo ? `, a link to ${o.linksTo}` : ''}`;
}
