import type { Rule } from './types';

/**
 * MV303: the parent is the loopback device, or a non-internal network has no parent.
 *
 * Decided here (the design page leaves it open):
 * - Loopback: `lo` and any `lo.N`, on every network, internal or not: macvlan and ipvlan need
 *   an Ethernet lower device, and lo is not one (nor can it carry VLANs).
 * - No parent: reported on the network's key (there is no value to underline). Docker would
 *   create a dummy link instead, so the containers could reach nothing outside the host.
 * - `parent: ""` reads as no parent to Docker; it is reported on the empty value, even on an
 *   internal network (an empty value is a slip, not a choice).
 * - A `parent:` that is not a string is the schema's (MV001); the model then has no parent, so
 *   a non-internal network also gets this finding — both are true.
 */
export const rule: Rule = {
  code: 'MV303',
  title: 'Loopback or missing parent',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const parent = n.spec.parent;
      const name = n.spec.name;
      if (!parent) {
        if (n.internal) continue;
        report({
          message:
            `network ${name} has no parent: Docker would put it on a dummy interface, so its containers reach nothing outside ` +
            'the host — set parent: to the host interface (e.g. eth0), or internal: true for an isolated network',
          span: n.spec.keySpan,
          path: n.spec.path,
        });
      } else if (parent.value === '') {
        report({ message: `parent of network ${name} is empty — name the host interface (e.g. eth0)`, span: parent.span, path: parent.path });
      } else if (parent.value === 'lo' || parent.value.startsWith('lo.')) {
        report({
          message: `parent ${parent.value} of network ${name} is the loopback device: ${n.spec.driver} needs an Ethernet interface — use the host's NIC or bond (e.g. eth0)`,
          span: parent.span,
          path: parent.path,
        });
      }
    }
  },
};
