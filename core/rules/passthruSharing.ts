import type { AttachFacts, NetFacts } from '../analysis/facts';
import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV409: more than one container on a passthru macvlan network of one host. Passthru hands the
 * parent interface to a single macvlan device, so Docker cannot attach a second container.
 *
 * Decided here (the design page leaves it open):
 * - Only the macvlan driver; passthru on ipvlan is MV306.
 * - Grouped by network and host; containers on different hosts each get their own parent.
 *   Containers whose host cannot be told (MV502) are left out.
 * - Two passthru networks on one parent of one host is MV203, not this rule.
 * - Reported on the second and later attachment keys (file order), related to the first.
 */
export const rule: Rule = {
  code: 'MV409',
  title: 'Several containers on a passthru network',
  defaultSeverity: 'error',
  check(ctx, report) {
    // First attachment per network and host: by the NetFacts object (one per network name),
    // then the host, so no key text is made per attachment.
    const first = new Map<NetFacts, Map<string, AttachFacts>>();
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const net = a.net;
      if (!net || net.spec.driver !== 'macvlan' || net.mode !== 'passthru' || a.host === undefined) continue;
      let byHost = first.get(net);
      if (!byHost) first.set(net, (byHost = new Map()));
      const prev = byHost.get(a.host);
      if (!prev) {
        byHost.set(a.host, a);
        continue;
      }
      const onHost = ctx.facts.model.hostsDeclared ? ` on host ${a.host}` : '';
      report({
        message: `container ${a.container.name} is a second container on passthru network ${net.spec.name}${onHost}, which container ${prev.container.name} already takes (line ${lineOf(ctx, prev.spec.keySpan)}) — passthru gives the parent to one container; use mode bridge for several`,
        span: a.spec.keySpan,
        path: a.spec.path,
        related: [{ span: prev.spec.keySpan, path: prev.spec.path, message: `container ${prev.container.name} takes the passthru network` }],
      });
    }
  },
};
