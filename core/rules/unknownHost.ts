import { suggest } from '../schema/suggest';
import { IMPLICIT_HOST, type Path, type Span } from '../spec/model';
import type { Report, Rule, RuleContext } from './types';

/**
 * MV502: a reference to a host that `hosts:` does not define (a network's `hosts:` entry, a
 * container's `host:`, an `ip_range` map key), or several hosts and a container without `host:`.
 *
 * Decided here (the design page leaves it open):
 * - Without `hosts:` the only host is the implicit "local", so `host: local` (and `local` in a
 *   network's hosts or an ip_range map) is fine then, and any other name fires.
 * - Names are compared exactly (host names are map keys, and keys are case-sensitive); the
 *   message offers the closest defined name ("did you mean"), also as a `replaceValue` hint.
 *   Suggestions are computed once per distinct name, for at most SUGGEST_LIMIT names.
 * - The missing-`host:` case underlines the container key and lists the hosts to choose from.
 */
const SUGGEST_LIMIT = 200;

export const rule: Rule = {
  code: 'MV502',
  title: 'Unknown host',
  defaultSeverity: 'error',
  check(ctx, report) {
    const model = ctx.facts.model;
    const known = ctx.facts.hostByName;
    const names = model.hosts.map((h) => h.name);
    const cache = new Map<string, string | undefined>();
    const hint = (name: string): string | undefined => {
      if (cache.has(name)) return cache.get(name);
      if (cache.size >= SUGGEST_LIMIT) return undefined;
      const s = suggest(name, names);
      cache.set(name, s);
      return s;
    };
    // Each reference is looked up first; its description and path are made only when it is unknown.
    const networks = model.networks;
    for (let i = 0; i < networks.length; i++) {
      const n = networks[i];
      if (n.hosts) {
        for (const h of n.hosts) {
          if (!known.has(h.value)) reportUnknown(ctx, `network ${n.name} lists host ${h.value}`, h.span, h.path, hint(h.value), report);
        }
      }
      if (n.ipRangeByHost) {
        for (const r of n.ipRangeByHost) {
          if (known.has(r.host)) continue;
          const path = [...(n.ipRangeKey?.path ?? [...n.path, 'ip_range']), r.host];
          reportUnknown(ctx, `ip_range of network ${n.name} has an entry for host ${r.host}`, r.keySpan, path, hint(r.host), report);
        }
      }
    }
    const containers = model.containers;
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      if (c.host) {
        if (!known.has(c.host.value)) reportUnknown(ctx, `container ${c.name} runs on host ${c.host.value}`, c.host.span, c.host.path, hint(c.host.value), report);
      } else if (model.hosts.length > 1) {
        report({
          message: `container ${c.name} has no host:, and hosts: defines ${model.hosts.length} (${names.join(', ')}) — add host: with one of them`,
          span: c.keySpan,
          path: c.path,
          data: { fix: 'addKey', map: c.path, key: 'host', after: 'image', choices: names.map((h) => ({ value: h, title: `Run ${c.name} on host ${h}` })) },
        });
      }
    }
  },
};

function reportUnknown(ctx: RuleContext, where: string, span: Span, path: Path, hint: string | undefined, report: (r: Report) => void): void {
  const model = ctx.facts.model;
  const defined = model.hostsDeclared
    ? `which hosts: does not define`
    : `but the spec has no hosts:, so its only host is the implicit "${IMPLICIT_HOST}"`;
  const tail =
    hint !== undefined
      ? ` — did you mean ${hint}?`
      : model.hostsDeclared
        ? ` — define it under hosts: or use one of ${model.hosts.map((h) => h.name).join(', ')}`
        : ` — define it under hosts: or use "${IMPLICIT_HOST}"`;
  report({
    message: `${where}, ${defined}${tail}`,
    span,
    path,
    ...(hint !== undefined ? { data: { fix: 'replaceValue' as const, value: hint, title: `Change to ${hint}` } } : {}),
  });
}
