/**
 * Completion in compose files: computed values only — the next free address for a service, the
 * gateway for a subnet, a free subnet — at compose paths. Keys, enums and the file's shape are
 * Docker's compose language server's and Red Hat YAML's: offering them too would list them twice.
 */
import type { CheckResult } from '../check';
import type { ObservedState } from '../observed';
import { gatewayChoices, nextAddress, subnetChoices, type Suggestion } from '../service/computed';
import { computedItems } from '../service/completionValues';
import { placeAt } from '../service/cursor';
import { match } from '../service/pathMatch';
import type { CompletionItem } from '../service/types';
import type { Family } from '../ip';

/** `observed`: the host's networks (and the other files' on it), which a new subnet must not overlap. */
export function composeCompletion(check: CheckResult, offset: number, ctx: { triggerCharacter?: string } = {}, observed?: ObservedState): CompletionItem[] {
  const text = check.parsed.text;
  if (ctx.triggerCharacter === ' ' && !/(?:[:,[{-]) $/.test(text.slice(Math.max(0, offset - 2), offset))) return [];
  const place = placeAt(text, offset);
  if (!place || place.kind !== 'value') return [];
  const facts = check.facts;
  const p = place.path;
  let m: string[] | undefined;
  let list: Suggestion[] = [];
  if ((m = match(p, ['services', '*', 'networks', '*', 'ipv4_address'])) || (m = match(p, ['services', '*', 'networks', '*', 'ipv6_address']))) {
    const service = m[0];
    const container = facts.model.containers.find((c) => c.path[1] === service)?.name ?? service;
    const s = nextAddress(facts, m[1], container, p[4] === 'ipv6_address' ? 6 : 4);
    if (s) list = [s];
  } else if ((m = match(p, ['networks', '*', 'ipam', 'config', '#', 'gateway']))) {
    list = gatewayChoices(facts, m[0], entryFamily(check, m[0], Number(m[1]), place.partial));
  } else if ((m = match(p, ['networks', '*', 'ipam', 'config', '#', 'subnet']))) {
    // Only for the file's macvlan/ipvlan networks: other drivers' subnets are Docker's to pick.
    if (facts.netByName.has(m[0])) list = subnetChoices(facts, m[0], entryFamily(check, m[0], Number(m[1]), place.partial), observed);
  }
  return computedItems(place, list);
}

/** The family of `ipam.config[i]`: the IPv6 entry the reader found, a `:` typed already, else IPv4. */
function entryFamily(check: CheckResult, network: string, i: number, partial: string): Family {
  const net = check.facts.netByName.get(network);
  if (net?.spec.ipv6?.path[net.spec.ipv6.path.length - 1] === i) return 6;
  return partial.includes(':') ? 6 : 4;
}
