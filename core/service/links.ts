import { scalarText } from '../fixes/yamlEdit';
import type { SpecDocument } from './document';
import type { DocumentLink } from './types';

/**
 * Links for the `tls` files of each host. Targets stay as written; the caller resolves relative
 * ones against the spec's directory (the service knows no URIs or file systems).
 */
export function documentLinks(doc: SpecDocument): DocumentLink[] {
  const m = doc.parsed.model;
  if (!m.hostsDeclared) return [];
  const out: DocumentLink[] = [];
  for (const h of m.hosts) {
    const tls = h.tls;
    if (!tls) continue;
    for (const [what, v] of [['CA certificate', tls.ca], ['client certificate', tls.cert], ['client key', tls.key]] as const) {
      if (!v || v.value.trim() === '') continue;
      out.push({ span: scalarText(doc.text, v.span).inner, target: v.value, tooltip: `TLS ${what} of host ${h.name}` });
    }
  }
  return out;
}
