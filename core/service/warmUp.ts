import type { CheckResult } from '../check';
import { complete } from './completion';
import { SpecDocuments } from './document';
import { hover } from './hover';

/**
 * A block-style spec like the ones users write (networks with subnets and ranges, containers
 * with static addresses), for warming the checker up: the first real check, completion and
 * hover then run optimised code instead of paying for compilation.
 */
export function warmUpSpec(networks = 40, containers = 200): string {
  const lines = ['version: 1', 'networks:'];
  for (let i = 0; i < networks; i++) {
    lines.push(`  net${i}:`, `    parent: eth0.${100 + i}`, `    subnet: 192.0.${i}.0/24`, `    gateway: 192.0.${i}.1`, `    ip_range: 192.0.${i}.128/26`, `    labels: { team: infra }`);
  }
  lines.push('containers:');
  for (let i = 0; i < containers; i++) {
    lines.push(`  app${i}:`, '    image: app:1.0', '    networks:', `      net${i % networks}:`, `        ipv4_address: 192.0.${i % networks}.${10 + Math.floor(i / networks)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * One round of the work an editor asks for: open, check, edit a digit, complete and hover
 * right after the edit, check again. Callers run a few rounds, yielding between them.
 */
export function warmUpRound(round: number): WarmUpRound {
  const docs = new SpecDocuments();
  let text = warmUpSpec();
  void docs.get('warm-up', 1, text, {}).result;
  const at = text.indexOf('ipv4_address: ', text.length / 2) + 'ipv4_address: 192.0.'.length;
  text = text.slice(0, at) + String(round % 10) + text.slice(at + 1);
  const edited = docs.get('warm-up', 2, text, {}, { fromVersion: 1, from: at, oldTo: at + 1, newTo: at + 1 });
  const completions = complete(edited, at + 2);
  const hovered = hover(edited, text.indexOf('subnet: ') + 10);
  return { text, result: edited.result, completions: completions.length, hovered: hovered !== undefined };
}

/** What a round computed, so a test can hold it against a fresh check (the server ignores it). */
export interface WarmUpRound {
  text: string;
  result: CheckResult;
  completions: number;
  hovered: boolean;
}
