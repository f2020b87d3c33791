import { suggest } from '../schema/suggest';
import type { Rule } from './types';

/**
 * MV401: a container attachment names a network that `networks:` does not define.
 *
 * Decided here (the design page leaves it open):
 * - The finding underlines the attachment key (the network name under the container's
 *   `networks:`), since that is the text to change.
 * - Docker's built-in networks (bridge, host, none) are errors too: this spec only creates and
 *   manages macvlan/ipvlan networks, and attaching a managed container to an unmanaged network
 *   is outside what apply does; the message says so instead of offering a near name.
 * - "Did you mean" uses the schema's `suggest` (same distance rule as unknown keys). It is
 *   computed once per distinct unknown name and for at most SUGGEST_LIMIT distinct names, so a
 *   file with tens of thousands of broken attachments does not cost names × networks distance
 *   computations. A suggestion also travels as a `replaceValue` hint (the span is the key, so
 *   the quick fix renames the attachment).
 */
const SUGGEST_LIMIT = 200;
const BUILTIN = new Set(['bridge', 'host', 'none']);

export const rule: Rule = {
  code: 'MV401',
  title: 'Container on a network the spec does not define',
  defaultSeverity: 'error',
  check(ctx, report) {
    // Nearly every attachment names a defined network: the list of names and the suggestion
    // cache are made only when one does not.
    let names: string[] | undefined;
    let suggestions: Map<string, string | undefined> | undefined;
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a.net) continue;
      names ??= ctx.facts.nets.map((n) => n.spec.name);
      suggestions ??= new Map();
      const name = a.spec.name;
      let hint: string | undefined;
      if (suggestions.has(name)) hint = suggestions.get(name);
      else if (suggestions.size < SUGGEST_LIMIT) {
        hint = BUILTIN.has(name) ? undefined : suggest(name, names);
        suggestions.set(name, hint);
      }
      const head = `container ${a.container.name} is attached to network ${name}, which is not defined under networks:`;
      let tail: string;
      if (BUILTIN.has(name)) tail = ` — ${name} is a Docker built-in network; this spec manages only macvlan/ipvlan networks, so define one under networks: or remove the attachment`;
      else if (hint !== undefined) tail = ` — did you mean ${hint}?`;
      else if (names.length === 0) tail = ' — the spec defines no networks; add it under networks:';
      else tail = ` — add it under networks: or use one of the defined networks`;
      report({
        message: head + tail,
        span: a.spec.keySpan,
        path: a.spec.path,
        // Without a close name, dropping the attachment is the one edit that resolves it (the network may be meant for later).
        data: hint !== undefined ? { fix: 'replaceValue' as const, value: hint, title: `Change to ${hint}` } : { fix: 'removeKey' as const, title: `Remove ${a.container.name}'s attachment to ${a.spec.name}` },
      });
    }
  },
};
