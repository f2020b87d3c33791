import { formatScalar } from '../fixes/yamlEdit';
import type { Facts } from '../analysis/facts';
import { enumInfo } from '../schema/nodes';
import { schemaNodeAt } from '../schema/validate';
import { gatewayChoices, nextAddress, subnetChoices, vlanChoice, type Suggestion } from './computed';
import type { ValuePlace } from './cursor';
import type { SpecDocument } from './document';
import { match } from './pathMatch';
import type { CompletionItem, CompletionKind } from './types';
import { inlineCode } from './markdown';
import { defaultSpecName } from '../spec/specName';

/** Completions for a value: computed addresses, names the spec defines, enum values. */
export function valueItems(doc: SpecDocument, place: ValuePlace): CompletionItem[] {
  const facts = doc.queryFacts;
  const observed = doc.options.observed;
  const p = place.path;
  const item: MakeItem = (value, kind, detail, documentation, sort) => valueItem(place, value, kind, detail, documentation, sort);
  const computed = (list: Suggestion[]): CompletionItem[] => computedItems(place, list);

  let m: string[] | undefined;
  if ((m = match(p, ['containers', '*', 'networks', '*', 'ipv4_address']))) return computed(opt(nextAddress(facts, m[1], m[0], 4)));
  if ((m = match(p, ['containers', '*', 'networks', '*', 'ipv6_address']))) return computed(opt(nextAddress(facts, m[1], m[0], 6)));
  if ((m = match(p, ['networks', '*', 'subnet']))) return computed(subnetChoices(facts, m[0], 4, observed));
  if ((m = match(p, ['networks', '*', 'ipv6', 'subnet']))) return computed(subnetChoices(facts, m[0], 6, observed));
  if ((m = match(p, ['networks', '*', 'gateway']))) return computed(gatewayChoices(facts, m[0], 4));
  if ((m = match(p, ['networks', '*', 'ipv6', 'gateway']))) return computed(gatewayChoices(facts, m[0], 6));
  if ((m = match(p, ['networks', '*', 'vlan']))) return computed(opt(vlanChoice(facts, m[0], observed)));
  if (match(p, ['containers', '*', 'host'])) return hostItems(facts, new Set(), item);
  if (match(p, ['networks', '*', 'hosts', '#'])) return hostItems(facts, new Set(place.siblings), item);
  if ((m = match(p, ['networks', '*', 'parent']))) return interfaceItems(doc, m[0], item);
  if (match(p, ['version'])) return [item('1', 'value', 'format version 1', undefined, '0')];
  if (match(p, ['name'])) return specNameItems(doc, item);
  return schemaValues(doc, place, item);
}

/** A value as a completion at `place`: quoted as YAML needs it, a space after a bare `key:`. */
export function valueItem(place: ValuePlace, value: string, kind: CompletionKind, detail: string | undefined, documentation: string | undefined, sort: string): CompletionItem {
  const text = place.quoted || /^\d+$/.test(value) ? value : formatScalar(value);
  const out: CompletionItem = { label: value, kind, insertText: `${place.needsSpace ? ' ' : ''}${text}`, replaceSpan: place.replaceSpan, sortText: sort };
  if (detail !== undefined) out.detail = detail;
  if (documentation !== undefined) out.documentation = documentation;
  return out;
}

/** Computed suggestions (computed.ts) in their order, above anything else offered. */
export function computedItems(place: ValuePlace, list: readonly Suggestion[]): CompletionItem[] {
  return list.map((s, i) => valueItem(place, s.value, 'computed', s.detail, s.documentation, `0${i}`));
}

/** The file's own name for the spec first: what it is called when `name:` is left out. */
function specNameItems(doc: SpecDocument, item: MakeItem): CompletionItem[] {
  const fromFile = defaultSpecName(doc.options.specPath);
  if (!fromFile) return [];
  return [item(fromFile, 'value', 'the name the file gives this spec', `Apply labels what it creates ${inlineCode(`io.macvlan-spec.spec=${fromFile}`)}; this is also the name without \`name:\`.`, '0')];
}

type MakeItem = (value: string, kind: CompletionKind, detail: string | undefined, documentation: string | undefined, sort: string) => CompletionItem;

function opt<T>(x: T | undefined): T[] {
  return x === undefined ? [] : [x];
}

function hostItems(facts: Facts, listed: ReadonlySet<string>, item: MakeItem): CompletionItem[] {
  if (!facts.model.hostsDeclared) return [];
  return facts.model.hosts
    .filter((h) => !listed.has(h.name))
    .map((h, i) => {
      const via = h.docker?.value ?? (h.context ? `context ${h.context.value}` : undefined);
      const nets = facts.nets.filter((n) => n.hosts.includes(h.name)).map((n) => inlineCode(n.spec.name));
      return item(h.name, 'host', via, nets.length > 0 ? `Networks on ${h.name}: ${nets.join(', ')}.` : `No network of the spec is on ${h.name} yet.`, String(i).padStart(4, '0'));
    });
}

/** Interfaces the network's hosts are known to have: their `interfaces:` and what they report. */
function interfaceItems(doc: SpecDocument, network: string, item: MakeItem): CompletionItem[] {
  const facts = doc.queryFacts;
  const net = facts.netByName.get(network);
  const names = new Map<string, string[]>();
  for (const h of net ? net.hosts : facts.model.hosts.map((x) => x.name)) {
    const listed = facts.hostByName.get(h)?.interfaces?.map((v) => v.value) ?? [];
    const seen = doc.options.observed?.hosts[h]?.interfaces ?? [];
    for (const i of [...listed, ...seen]) {
      const on = names.get(i) ?? [];
      if (!on.includes(h)) on.push(h);
      names.set(i, on);
    }
  }
  return [...names].map(([i, hosts], n) => item(i, 'value', `interface on ${hosts.join(', ')}`, undefined, String(n).padStart(4, '0')));
}

/** Enum values (with their descriptions) and booleans, from the schema at the value's path. */
function schemaValues(doc: SpecDocument, place: ValuePlace, item: MakeItem): CompletionItem[] {
  const node = schemaNodeAt(place.path);
  if (!node) return [];
  const info = enumInfo(node);
  if (info.enum) {
    let allowed = info.enum.map((v, i) => ({ v, md: info.markdownEnumDescriptions?.[i] ?? info.enumDescriptions?.[i] ?? '' }));
    const mode = match(place.path, ['networks', '*', 'mode']);
    if (mode) allowed = allowed.filter((a) => modeFits(doc, mode[0], a.v));
    return allowed.map((a, i) => item(a.v, 'value', firstSentence(a.md), a.md || undefined, String(i).padStart(3, '0')));
  }
  const t = node.type;
  if (t === 'boolean' || (Array.isArray(t) && t.includes('boolean'))) {
    return ['true', 'false'].map((v, i) => item(v, 'value', undefined, undefined, String(i)));
  }
  return [];
}

const MODES: Record<string, readonly string[]> = { macvlan: ['bridge', 'private', 'vepa', 'passthru'], ipvlan: ['l2', 'l3', 'l3s'] };

/** Offer only the modes of the network's driver; a mode of the other driver is MV306. */
function modeFits(doc: SpecDocument, network: string, mode: string): boolean {
  const net = doc.queryFacts.netByName.get(network);
  return (MODES[net?.spec.driver ?? 'macvlan'] ?? []).includes(mode);
}

function firstSentence(md: string): string | undefined {
  const plain = md.replace(/[`*]/g, '');
  const m = /^(.*?[.:;])(\s|$)/.exec(plain);
  const s = (m ? m[1] : plain).replace(/[.:;]$/, '');
  return s === '' ? undefined : s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
