import { enumInfo } from '../schema/nodes';
import { schemaNodeAt } from '../schema/validate';
import type { Path } from '../spec/model';
import type { SpecDocument } from './document';
import { addressHover } from './hoverAddress';
import { rangeHover, subnetHover } from './hoverBlock';
import { containerHover, hostHover, networkHover, segmentHover } from './hoverEntity';
import { locate, type Located } from './nodeAt';
import { match } from './pathMatch';
import type { HoverResult } from './types';
import { inlineCode } from './markdown';
import { SPEC_LABEL } from '../observed';
import { defaultSpecName } from '../spec/specName';

/** Hover at `offset`: address arithmetic on values, the schema's documentation on keys. */
export function hover(doc: SpecDocument, offset: number): HoverResult | undefined {
  const at = locate(doc.parsed.doc, offset);
  if (!at) return undefined;
  const markdown = at.kind === 'key' ? keyHover(doc, at) : valueHover(doc, at);
  return markdown === undefined || markdown === '' ? undefined : { markdown, span: at.span };
}

function keyHover(doc: SpecDocument, at: Located): string | undefined {
  const facts = doc.queryFacts;
  const p = at.path;
  let m: string[] | undefined;
  if ((m = match(p, ['networks', '*'])) || (m = match(p, ['containers', '*', 'networks', '*'])?.slice(1))) return networkHover(facts, m[0]);
  if ((m = match(p, ['hosts', '*'])) || (m = match(p, ['networks', '*', 'ip_range', '*'])?.slice(1))) return hostHover(facts, m[0]);
  if ((m = match(p, ['containers', '*']))) return containerHover(facts, m[0]);
  if (match(p, ['name'])) return specNameHover(doc);
  if (match(p, ['version'])) return [schemaDoc(p), specNameHover(doc)].filter(Boolean).join('\n\n');
  return schemaDoc(p);
}

/** The spec's identity: what it is, where it comes from, what apply does with it. */
function specNameHover(doc: SpecDocument): string {
  const facts = doc.queryFacts;
  const name = facts.specName;
  const written = facts.model.name?.value;
  const fromFile = defaultSpecName(doc.options.specPath);
  const source =
    written === name
      ? 'set by `name:`'
      : written !== undefined
        ? `${inlineCode(written)} is not a valid name (lowercase letters, digits, \`_\`, \`-\`), so ${fromFile ? 'the file name stands in' : 'the fallback stands in'}`
        : fromFile
          ? 'from the file name; set `name:` to choose another'
          : 'no `name:` and no file name to take it from';
  return [
    `**Spec ${inlineCode(name)}** (${source})`,
    '',
    `Everything apply creates carries the label ${inlineCode(`${SPEC_LABEL}=${name}`)}; apply changes or removes only what carries it. Renaming a spec that was applied makes its resources another spec's.`,
  ].join('\n');
}

function valueHover(doc: SpecDocument, at: Located): string | undefined {
  const facts = doc.queryFacts;
  const observed = doc.options.observed;
  const p = at.path;
  const text = at.node.value;
  if (typeof text !== 'string') return numberHover(doc, at);
  const net = (name: string) => facts.netByName.get(name);
  let m: string[] | undefined;
  if ((m = match(p, ['networks', '*', 'subnet'])) || (m = match(p, ['networks', '*', 'ipv6', 'subnet']))) return subnetHover(facts, observed, net(m[0]), text);
  if ((m = match(p, ['networks', '*', 'ip_range'])) || (m = match(p, ['networks', '*', 'ipv6', 'ip_range']))) return rangeHover(net(m[0]), text, undefined);
  if ((m = match(p, ['networks', '*', 'ip_range', '*']))) return rangeHover(net(m[0]), text, m[1]);
  if (
    (m = match(p, ['networks', '*', 'gateway'])) ||
    (m = match(p, ['networks', '*', 'ipv6', 'gateway'])) ||
    (m = match(p, ['networks', '*', 'aux_addresses', '*'])) ||
    (m = match(p, ['networks', '*', 'exclude', '#']))
  ) {
    return addressHover(facts, net(m[0]), text);
  }
  if ((m = match(p, ['containers', '*', 'networks', '*', 'ipv4_address'])) || (m = match(p, ['containers', '*', 'networks', '*', 'ipv6_address']))) {
    return addressHover(facts, net(m[1]), text);
  }
  if ((m = match(p, ['networks', '*', 'parent']))) return segmentHover(facts, net(m[0])) ?? schemaDoc(p);
  if (match(p, ['containers', '*', 'host']) || match(p, ['networks', '*', 'hosts', '#'])) return hostHover(facts, text);
  if (match(p, ['name'])) return specNameHover(doc);
  return enumDoc(p, text) ?? schemaDoc(p);
}

function numberHover(doc: SpecDocument, at: Located): string | undefined {
  const m = match(at.path, ['networks', '*', 'vlan']);
  if (m) return segmentHover(doc.queryFacts, doc.queryFacts.netByName.get(m[0])) ?? schemaDoc(at.path);
  return enumDoc(at.path, String(at.node.value)) ?? schemaDoc(at.path);
}

/** The schema's documentation for the value at `path` (for a list item: the list's key). */
function schemaDoc(path: Path): string | undefined {
  const node = schemaNodeAt(path);
  const own = node && (typeof node.markdownDescription === 'string' ? node.markdownDescription : typeof node.description === 'string' ? node.description : undefined);
  if (own) return own;
  if (typeof path[path.length - 1] === 'number') return schemaDoc(path.slice(0, -1));
  return undefined;
}

function enumDoc(path: Path, value: string): string | undefined {
  const node = schemaNodeAt(path);
  if (!node) return undefined;
  const info = enumInfo(node);
  const i = info.enum?.indexOf(value) ?? -1;
  if (i < 0) return undefined;
  const d = info.markdownEnumDescriptions?.[i] || info.enumDescriptions?.[i];
  return d ? `**${inlineCode(value)}**: ${d}` : undefined;
}
