import type { Rule } from './types';

/**
 * MV305: a macvlan network on a parent that looks wireless (`wl*`). Wi-Fi access points
 * usually accept frames only from the MAC address that associated, so containers with their
 * own MAC addresses get no traffic; ipvlan shares the parent's MAC and works.
 *
 * Decided here (the design page leaves it open):
 * - "Looks wireless" is the base name (before any VLAN suffix) starting with `wl`: systemd's
 *   predictable names (wlp3s0, wlx...) and the classic wlan0. Other names (ath0, ra0) are not
 *   guessed at.
 * - Only macvlan, every mode; ipvlan is the fix, so it never fires there.
 */
export const rule: Rule = {
  code: 'MV305',
  title: 'macvlan on a wireless parent',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const nets = ctx.facts.nets;
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const parent = n.spec.parent;
      if (!parent || !n.segment || n.spec.driver !== 'macvlan' || !n.segment.base.startsWith('wl')) continue;
      report({
        message:
          `parent ${parent.value} of macvlan network ${n.spec.name} looks like a Wi-Fi interface: access points usually accept one MAC ` +
          'address per client, so containers with their own MAC addresses get no traffic — prefer driver: ipvlan',
        span: parent.span,
        path: parent.path,
      });
    }
  },
};
