import { formatAddr, parseCidr, usableRange } from '../ip';
import type { KeyPlace } from './cursor';
import type { SpecDocument } from './document';
import { nextAddress, subnetChoices } from './computed';
import { indentUnit } from './textLines';
import type { CompletionItem } from './types';
import { inlineCode } from './markdown';

/** Snippet placeholders take any text; `$`, `}` and `\` must be escaped in them. */
function esc(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function lines(doc: SpecDocument, rows: readonly (readonly [number, string])[]): string {
  const unit = ' '.repeat(indentUnit(doc.text));
  return rows.map(([depth, row]) => unit.repeat(depth) + row).join('\n');
}

function snippet(place: KeyPlace, label: string, detail: string, insertText: string, documentation: string): CompletionItem {
  return { label, kind: 'snippet', insertText, detail, documentation, replaceSpan: place.replaceSpan, sortText: '0', multiline: true };
}

/** A network with the next free subnet of the spec and its first address as gateway. */
export function newNetworkSnippet(doc: SpecDocument, place: KeyPlace): CompletionItem[] {
  const facts = doc.queryFacts;
  const subnet = subnetChoices(facts, undefined, 4, doc.options.observed).at(-1)?.value ?? '192.168.0.0/24';
  const parsed = parseCidr(subnet);
  const usable = parsed.ok ? usableRange(parsed.value) : null;
  const gateway = usable ? formatAddr({ family: 4, value: usable.start }) : '';
  const body = lines(doc, [
    [0, '${1:name}:'],
    [1, 'driver: ${2|macvlan,ipvlan|}'],
    [1, 'parent: ${3:eth0}'],
    [1, `subnet: \${4:${esc(subnet)}}`],
    [1, `gateway: \${5:${esc(gateway)}}`],
  ]);
  return [snippet(place, 'new network', `subnet ${subnet}`, body, `A macvlan network on the next free subnet of this spec, ${inlineCode(subnet)}, with gateway ${inlineCode(gateway)}.`)];
}

/** A container with the next free address of the first network. */
export function newContainerSnippet(doc: SpecDocument, place: KeyPlace): CompletionItem[] {
  const facts = doc.queryFacts;
  const net = facts.nets[0];
  const rows: [number, string][] = [
    [0, '${1:name}:'],
    [1, 'image: ${2:image}'],
  ];
  let doc2 = 'A container.';
  if (net) {
    const addr = nextAddress(facts, net.spec.name, undefined, 4)?.value ?? '';
    rows.push([1, 'networks:'], [2, `\${3:${esc(net.spec.name)}}:`], [3, `ipv4_address: \${4:${esc(addr)}}`]);
    doc2 = `A container on ${inlineCode(net.spec.name)}${addr ? ` with its next free address ${inlineCode(addr)}` : ''}.`;
  }
  return [snippet(place, 'new container', net ? `on ${net.spec.name}` : 'container', lines(doc, rows), doc2)];
}

export function newHostSnippet(doc: SpecDocument, place: KeyPlace): CompletionItem[] {
  const body = lines(doc, [
    [0, '${1:name}:'],
    [1, 'docker: ssh://${2:user}@${3:host}'],
    [1, 'interfaces: [${4:eth0}]'],
  ]);
  return [snippet(place, 'new host', 'Docker host over ssh', body, 'A Docker host reached over `ssh://`, with the parent interfaces it has.')];
}
