import type { FindingFact, TlsField } from '../findings';
import type { Rule } from './types';
import { clip } from './util';

type Reason = FindingFact['reason'];

const FIELDS = ['ca', 'cert', 'key'] as const satisfies readonly TlsField[];

/**
 * MV501 (second rule of the code, next to tcpWithoutTls): a host's `tls.ca`, `tls.cert` or
 * `tls.key` points outside the spec's folder. Plan, apply and the editor read whatever file a
 * spec names, so a spec from someone else could point them at your own keys; the code stays
 * MV501 because it is the same family (how the Docker API connection is secured) and the codes
 * are a fixed contract. `data` is `{ kind: 'tls-path-escape', field, reason }`, no fix hint.
 *
 * Decided here (the design page leaves it open):
 * - Lexical only (the core has no file system): `.` and `..` are folded, symlinks are not
 *   followed. The apply path (docker/tlsPaths.ts) checks the resolved file, symlinks included.
 * - `\` counts as a separator and a drive letter (`C:\…`, `C:…`) or `\\server\share` as
 *   absolute on every platform: a spec is shared between machines, and Windows reads them so.
 * - `~` warns although nothing expands it (the file read is a folder named `~` next to the
 *   spec): whoever wrote it meant the home folder.
 * - Every host with `tls:` is checked, whatever its `docker:`: the files are named in the spec
 *   either way, and the editor links them.
 */
export const rule: Rule = {
  code: 'MV501',
  title: 'tls: file outside the spec folder',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const h of ctx.facts.model.hosts) {
      const tls = h.tls;
      if (!tls) continue;
      for (const field of FIELDS) {
        const v = tls[field];
        if (!v) continue;
        const reason = escapeOf(v.value);
        if (!reason) continue;
        const data: FindingFact = { kind: 'tls-path-escape', field, reason };
        report({ message: message(h.name, field, v.value, reason), span: v.span, path: v.path, data });
      }
    }
  },
};

/** How a path written relative to the spec's folder leaves it, if it does. */
function escapeOf(p: string): Reason | undefined {
  if (p.trim() === '') return undefined;
  if (p.startsWith('~')) return 'home';
  if (/^[\\/]/.test(p) || /^[a-zA-Z]:/.test(p)) return 'absolute';
  let depth = 0;
  for (const seg of p.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') depth++;
    else if (--depth < 0) return 'parent';
  }
  return undefined;
}

function message(host: string, field: TlsField, value: string, reason: Reason): string {
  const what = `tls.${field} of host ${host} (${clip(value)})`;
  const fix = `keep the TLS files in the spec's folder, e.g. certs/${field}.pem`;
  const risk = 'plan and apply read whatever file a spec names, so a spec from someone else could point them at your own keys';
  switch (reason) {
    case 'absolute':
      return `${what} is an absolute path, outside the spec's folder: ${risk} — ${fix}`;
    case 'home':
      return `${what} starts with ~, which is not expanded (it names a folder "~" next to the spec) and means a file outside the spec's folder — ${fix}`;
    case 'parent':
      return `${what} climbs out of the spec's folder with "..": ${risk} — ${fix}`;
  }
}
