import { schemaKeysAt, schemaNodeAt } from '../schema/validate';
import type { Path } from '../spec/model';
import type { KeyPlace } from './cursor';
import type { SpecDocument } from './document';
import { match } from './pathMatch';
import { newContainerSnippet, newHostSnippet, newNetworkSnippet } from './snippets';
import { indentUnit } from './textLines';
import type { CompletionItem } from './types';
import { inlineCode } from './markdown';

/** Completions where a key goes: schema keys, or names the spec defines for maps keyed by them. */
export function keyItems(doc: SpecDocument, place: KeyPlace): CompletionItem[] {
  const p = place.path;
  const attached = match(p, ['containers', '*', 'networks']);
  if (attached) return networkKeys(doc, place, attached[0]);
  const ranges = match(p, ['networks', '*', 'ip_range']);
  if (ranges) return hostKeys(doc, place, ranges[0]);
  if (!place.flow) {
    if (match(p, ['networks'])) return newNetworkSnippet(doc, place);
    if (match(p, ['containers'])) return newContainerSnippet(doc, place);
    if (match(p, ['hosts'])) return newHostSnippet(doc, place);
  }
  return schemaKeys(doc, place);
}

function schemaKeys(doc: SpecDocument, place: KeyPlace): CompletionItem[] {
  const unit = ' '.repeat(indentUnit(doc.text));
  const required = requiredKeys(place.path);
  return schemaKeysAt(place.path)
    .filter((k) => !place.present.has(k.key))
    .map((k, i) => {
      const types = typesAt([...place.path, k.key]);
      let insertText = `${k.key}: `;
      let multiline = false;
      if (place.colonAfter) insertText = k.key;
      else if (!place.flow && types.length === 1 && types[0] === 'object') {
        insertText = `${k.key}:\n${unit}`;
        multiline = true;
      } else if (!place.flow && types.length === 1 && types[0] === 'array') {
        insertText = `${k.key}:\n${unit}- `;
        multiline = true;
      }
      const item: CompletionItem = {
        label: k.key,
        kind: 'key',
        insertText,
        detail: k.enum ? k.enum.join(' | ') : typeWords(types),
        documentation: k.markdownDescription ?? k.description,
        replaceSpan: place.replaceSpan,
        // Required keys first, then schema order (which is the order the design page uses).
        sortText: `${required.has(k.key) ? 0 : 1}${String(i).padStart(3, '0')}`,
      };
      if (multiline) item.multiline = true;
      return item;
    });
}

function requiredKeys(path: Path): Set<string> {
  const node = schemaNodeAt(path);
  const req = node?.required;
  return new Set(Array.isArray(req) ? req.filter((r): r is string => typeof r === 'string') : []);
}

function typesAt(path: Path): string[] {
  const t = schemaNodeAt(path)?.type;
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

const TYPE_WORDS: Record<string, string> = { object: 'mapping', array: 'list', string: 'string', integer: 'integer', boolean: 'boolean', null: 'empty' };

function typeWords(types: readonly string[]): string {
  return types.map((t) => TYPE_WORDS[t] ?? t).join(' | ');
}

/** Networks a container may attach to: every network of the spec it is not on yet. */
function networkKeys(doc: SpecDocument, place: KeyPlace, container: string): CompletionItem[] {
  const facts = doc.queryFacts;
  const c = facts.model.containers.find((x) => x.name === container);
  const host = c ? facts.containerHost.get(c) : undefined;
  return facts.nets
    .filter((n) => !place.present.has(n.spec.name))
    .map((n, i) => {
      const onHost = host === undefined || n.hosts.includes(host);
      const where = [n.subnet?.val.value, n.segment?.name].filter((x) => x !== undefined).join(' on ');
      return {
        label: n.spec.name,
        kind: 'network' as const,
        insertText: place.colonAfter ? n.spec.name : place.flow ? `${n.spec.name}: {}` : `${n.spec.name}:`,
        detail: `${n.spec.driver}${where ? ` ${where}` : ''}${onHost ? '' : ` (not on host ${host})`}`,
        documentation: `Network ${inlineCode(n.spec.name)} defined in this spec.${onHost ? '' : ` Its \`hosts:\` leaves out ${inlineCode(host)} (MV408).`}`,
        replaceSpan: place.replaceSpan,
        sortText: `${onHost ? 0 : 1}${String(i).padStart(4, '0')}`,
      };
    });
}

/** Per-host `ip_range` keys: the network's hosts without a pool yet. */
function hostKeys(doc: SpecDocument, place: KeyPlace, network: string): CompletionItem[] {
  const facts = doc.queryFacts;
  if (!facts.model.hostsDeclared) return [];
  const net = facts.netByName.get(network);
  const hosts = net ? net.hosts : facts.model.hosts.map((h) => h.name);
  return hosts
    .filter((h) => !place.present.has(h))
    .map((h) => ({
      label: h,
      kind: 'host' as const,
      insertText: place.colonAfter ? h : `${h}: `,
      detail: `dynamic pool on host ${h}`,
      replaceSpan: place.replaceSpan,
    }));
}
