import { parseCidr } from '../ip';
import type { Span, Val } from '../spec/model';
import { compactCount, exactCount, usableCount } from './counts';
import type { SpecDocument } from './document';
import type { InlayHint } from './types';

/** After each subnet (IPv4 and IPv6) that parses: how many addresses Docker can hand out. */
export function inlayHints(doc: SpecDocument, within?: Span): InlayHint[] {
  const out: InlayHint[] = [];
  const add = (v: Val<string> | undefined): void => {
    if (!v || (within && (v.span.end < within.start || v.span.end > within.end))) return;
    const r = parseCidr(v.value);
    if (!r.ok) return;
    const n = usableCount(r.value);
    out.push({ offset: v.span.end, label: `${compactCount(n)} usable`, tooltip: `${exactCount(n)} usable addresses in ${v.value}` });
  };
  for (const n of doc.parsed.model.networks) {
    add(n.subnet);
    add(n.ipv6?.subnet);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
