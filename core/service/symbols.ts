import { parseParent } from '../analysis/segment';
import type { SpecModel } from '../spec/model';
import type { SpecDocument } from './document';
import type { SpecSymbol } from './types';

/** Outline: the hosts, networks and containers sections, each entry with what it holds. */
export function documentSymbols(doc: SpecDocument): SpecSymbol[] {
  const m: SpecModel = doc.parsed.model;
  const out: SpecSymbol[] = [];
  if (m.hostsKey && m.hostsDeclared) {
    out.push(section('hosts', m.hostsKey, m.hosts.map((h) => ({
      name: h.name,
      detail: h.docker?.value ?? (h.context ? `context ${h.context.value}` : undefined),
      kind: 'host' as const,
      span: h.span,
      selectionSpan: h.keySpan,
      children: [],
    }))));
  }
  if (m.networksKey) {
    out.push(section('networks', m.networksKey, m.networks.map((n) => {
      // The link Docker makes: a VLAN written in the parent name wins over `vlan:` (MV302 flags the clash).
      const seg = parseParent(n.parent?.value, n.vlan?.value)?.name;
      return {
        name: n.name,
        detail: [n.driver, seg, n.subnet?.value].filter((x) => x !== undefined).join(' '),
        kind: 'network' as const,
        span: n.span,
        selectionSpan: n.keySpan,
        children: [],
      };
    })));
  }
  if (m.containersKey) {
    out.push(section('containers', m.containersKey, m.containers.map((c) => ({
      name: c.name,
      detail: c.image?.value,
      kind: 'container' as const,
      span: c.span,
      selectionSpan: c.keySpan,
      children: c.networks.map((a) => ({
        name: a.name,
        detail: [a.ipv4?.value, a.ipv6?.value].filter((x) => x !== undefined).join(', ') || undefined,
        kind: 'attachment' as const,
        span: a.span,
        selectionSpan: a.keySpan,
        children: [],
      })),
    }))));
  }
  return out.map(clean);
}

function section(name: string, key: { keySpan: { start: number; end: number }; span: { start: number; end: number } }, children: SpecSymbol[]): SpecSymbol {
  return { name, kind: 'section', span: key.span, selectionSpan: key.keySpan, children };
}

/** Drops `detail: undefined` so results compare and serialise cleanly. */
function clean(s: SpecSymbol): SpecSymbol {
  const out: SpecSymbol = { name: s.name, kind: s.kind, span: s.span, selectionSpan: s.selectionSpan, children: s.children.map(clean) };
  if (s.detail !== undefined && s.detail !== '') out.detail = s.detail;
  return out;
}
