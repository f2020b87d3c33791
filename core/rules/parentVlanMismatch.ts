import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV302: `parent: eth0.10` and `vlan: 20` disagree. Docker would get one of the two ids and
 * the other would silently be wrong.
 *
 * Decided here (the design page leaves it open):
 * - Reported on the parent (the value the `splitParent` fix rewrites into `parent: eth0` +
 *   `vlan:`), related to the `vlan:` value.
 * - An agreeing pair (`parent: eth0.10`, `vlan: 10`) is redundant but harmless: no finding.
 * - A malformed VLAN suffix is MV301's and a `vlan:` outside 1..4094 the schema's; neither is
 *   compared here.
 */
export const rule: Rule = {
  code: 'MV302',
  title: 'Parent VLAN suffix and vlan disagree',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const { parent, vlan } = n.spec;
      const inName = n.segment?.parentVlan;
      if (!parent || !vlan || inName === undefined) continue;
      if (!Number.isInteger(vlan.value) || vlan.value < 1 || vlan.value > 4094 || vlan.value === inName) continue;
      report({
        message:
          `parent ${parent.value} of network ${n.spec.name} names VLAN ${inName}, but vlan: is ${vlan.value} (line ${lineOf(ctx, vlan.span)}) — ` +
          `write parent: ${n.segment!.base} with the vlan: you mean`,
        span: parent.span,
        path: parent.path,
        related: [{ span: vlan.span, path: vlan.path, message: `vlan of network ${n.spec.name}` }],
        data: { fix: 'splitParent', network: n.spec.name },
      });
    }
  },
};
