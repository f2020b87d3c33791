import { keyItems } from './completionKeys';
import { valueItems } from './completionValues';
import { placeAt } from './cursor';
import type { SpecDocument } from './document';
import type { CompletionItem } from './types';

export interface CompletionContext {
  /** The character that opened the completion, when typing did (not an explicit request). */
  triggerCharacter?: string;
}

/**
 * Completions at `offset`. The place comes from the text (indentation), not from the parse,
 * so half-typed lines still complete; the spec's facts (networks, hosts, addresses in use)
 * come from the last parse of this version, which tolerates errors elsewhere.
 */
export function complete(doc: SpecDocument, offset: number, ctx: CompletionContext = {}): CompletionItem[] {
  // A space opens completion only where a value starts, not between words of a comment or text.
  if (ctx.triggerCharacter === ' ' && !/(?:[:,[{-]) $/.test(doc.text.slice(Math.max(0, offset - 2), offset))) return [];
  const place = placeAt(doc.text, offset);
  if (!place) return [];
  return place.kind === 'key' ? keyItems(doc, place) : valueItems(doc, place);
}
