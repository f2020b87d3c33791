import { atLeast, formatEngine } from '../engine';
import type { Driver } from '../spec/model';
import type { Rule } from './types';

/**
 * MV306: `mode` or `ipvlan_flag` not valid for the network's driver.
 *
 * Decided here (the design page leaves it open):
 * - The schema already limits each key on its own (mode to the seven modes of both drivers,
 *   ipvlan_flag to bridge|private|vepa): values outside those are MV001 and not repeated here.
 *   This rule is the cross-key part: an ipvlan mode on macvlan or the reverse, and
 *   `ipvlan_flag` on a macvlan network (whatever its value).
 * - A `driver:` the schema rejects leaves the driver unknown: nothing is compared.
 * - Fix data: for a mode, `replaceValue` with the driver's default mode (a guess, so the fix is
 *   offered, not applied blindly); for ipvlan_flag on macvlan, `removeKey`.
 * - ipvlan mode l3s exists in Docker from Engine 23 (moby/moby#42542); older engines reject it
 *   at `docker network create` ("requested ipvlan mode 'l3s' is not valid, 'l2' mode is the
 *   ipvlan driver default", seen on 20.10 in test/engine/corpus/72-ipvlan-l3s-before-engine-23).
 *   It is reported when any host that gets the network runs an older engine (a network whose `hosts:`
 *   names no known host is judged against every host), with l3 as the replacement.
 */
const L3S_SINCE = 23;
const MODES: Record<Driver, readonly string[]> = {
  macvlan: ['bridge', 'private', 'vepa', 'passthru'],
  ipvlan: ['l2', 'l3', 'l3s'],
};
const ALL_MODES = new Set([...MODES.macvlan, ...MODES.ipvlan]);

export const rule: Rule = {
  code: 'MV306',
  title: 'Mode not valid for the driver',
  defaultSeverity: 'error',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const { driverVal, mode, ipvlanFlag, name } = n.spec;
      if (driverVal && driverVal.value !== 'macvlan' && driverVal.value !== 'ipvlan') continue;
      const driver = n.spec.driver;
      const valid = MODES[driver];
      if (mode && ALL_MODES.has(mode.value) && !valid.includes(mode.value)) {
        const other: Driver = driver === 'macvlan' ? 'ipvlan' : 'macvlan';
        report({
          message:
            `mode ${mode.value} of network ${name} is ${other === 'ipvlan' ? 'an' : 'a'} ${other} mode; ${driver} takes ${valid.join(', ')} ` +
            `(default ${valid[0]}) — pick one of those, or set driver: ${other}`,
          span: mode.span,
          path: mode.path,
          data: { fix: 'replaceValue', value: valid[0], title: `Use mode ${valid[0]} (the ${driver} default)` },
        });
      }
      if (mode && driver === 'ipvlan' && mode.value === 'l3s') {
        const hosts = n.hosts.length > 0 ? n.hosts : ctx.facts.model.hosts.map((h) => h.name);
        const old = hosts.find((h) => !atLeast(ctx.facts.engineFor(h), L3S_SINCE));
        if (old !== undefined) {
          const on = ctx.facts.model.hostsDeclared ? ` on host ${old}` : '';
          report({
            message:
              `mode l3s of network ${name} needs Docker Engine ${L3S_SINCE} or later, and Docker Engine ${formatEngine(ctx.facts.engineFor(old))}${on} ` +
              'rejects it — use l3 (the same without netfilter on the host), or upgrade the engine',
            span: mode.span,
            path: mode.path,
            data: { fix: 'replaceValue', value: 'l3', title: 'Use mode l3' },
          });
        }
      }
      if (ipvlanFlag && driver === 'macvlan') {
        report({
          message:
            `ipvlan_flag applies to ipvlan networks only, and network ${name} is ${driverVal ? 'macvlan' : 'macvlan (the default driver)'} — ` +
            'remove it, or set driver: ipvlan (flags: bridge, private, vepa)',
          span: ipvlanFlag.span,
          path: ipvlanFlag.path,
          data: { fix: 'removeKey' },
        });
      }
    }
  },
};
