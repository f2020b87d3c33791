import type { AttachFacts } from '../analysis/facts';
import { FirstUse } from '../analysis/firstUse';
import type { Rule } from './types';
import { lineOf } from './util';

/**
 * MV406: a mac_address that is malformed, multicast or a duplicate, or any mac_address on an
 * ipvlan network.
 *
 * Decided here (the design page leaves it open):
 * - Format: six hex pairs separated by ':' — or by '-', or the dotted "0200.c0a8.0a0a" form,
 *   which Docker (Go's net.ParseMAC) accepts just the same and real configs use (Windows and
 *   Cisco spellings). Those are no error: they get one info finding that offers the ':'
 *   spelling (a `replaceValue` hint), and the checks below run on their value. 8/20-octet
 *   addresses (InfiniBand) are no Ethernet MAC and stay malformed.
 * - Case: either, even mixed; hex is case-insensitive and Docker lowercases. Duplicates are
 *   compared case-insensitively.
 * - 00:00:00:00:00:00 is rejected with multicast: Linux refuses both on an interface
 *   (is_valid_ether_addr). A universally administered (globally unique bit clear) address is
 *   allowed: cloning a real NIC's MAC can be intended.
 * - Duplicates are checked across the whole spec, not per segment: MACs are free to choose
 *   (46 locally administered bits), switches with shared VLAN learning mix segments, and the
 *   same MAC on two attachments is almost always a copy-paste slip. Reported on the later one
 *   in file order, related to the first; one hash map.
 * - On ipvlan the container shares the parent's MAC, so any mac_address is an error there (with
 *   a `removeKey` hint), and such a value takes part in no other MAC check.
 */
const DASHED = /^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}$/;
const DOTTED = /^[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){2}$/;

export const rule: Rule = {
  code: 'MV406',
  title: 'Bad MAC address',
  defaultSeverity: 'error',
  check(ctx, report) {
    // First user of each MAC, by its 48-bit value (so case does not matter), as an attachment index.
    let seen: FirstUse | undefined;
    const list = ctx.facts.attachments;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const mac = a.spec.mac;
      if (!mac) continue;
      if (a.net?.spec.driver === 'ipvlan') {
        report({
          message: `${who(a)}: network ${a.net.spec.name} is ipvlan, where every container shares the parent's MAC address — remove mac_address (or use a macvlan network)`,
          span: mac.span,
          path: mac.path,
          data: { fix: 'removeKey' },
        });
        continue;
      }
      let text = mac.value;
      let value = sixPairs(text);
      if (value < 0) {
        const normalised = DASHED.test(text) ? text.replace(/-/g, ':').toLowerCase() : DOTTED.test(text) ? dottedToColons(text) : undefined;
        if (normalised === undefined) {
          report({ message: `${who(a)} is malformed: ${whatIsWrong(text)} — expected six hex pairs separated by ':', e.g. 02:00:c0:a8:0a:0a`, span: mac.span, path: mac.path });
          continue;
        }
        report({
          message: `${who(a)} is a spelling Docker accepts; ${normalised} is the usual one (and what docker inspect shows)`,
          severity: 'info',
          span: mac.span,
          path: mac.path,
          data: { fix: 'replaceValue', value: normalised, title: `Change to ${normalised}` },
        });
        text = normalised;
        value = sixPairs(text);
      }
      if (value === 0) {
        report({ message: `${who(a)} is the all-zero address, which no interface may have — use a locally administered unicast address such as 02:00:00:00:00:01`, span: mac.span, path: mac.path });
        continue;
      }
      const firstOctet = Math.floor(value / 2 ** 40);
      if ((firstOctet & 1) === 1) {
        const fixed = (firstOctet & 0xfe).toString(16).padStart(2, '0') + text.slice(2).toLowerCase();
        report({
          message: `${who(a)} is a multicast address (the lowest bit of the first octet is set), which an interface cannot have — use a unicast address such as ${fixed}`,
          span: mac.span,
          path: mac.path,
          data: { fix: 'replaceValue', value: fixed, title: `Change to ${fixed} (the same address with the multicast bit cleared)` },
        });
        continue;
      }
      const first = (seen ??= new FirstUse(0)).firstOrAdd(0, value, i);
      if (first < 0) continue;
      const prev = list[first];
      const prevVal = prev.spec.mac!;
      report({
        message: `${who(a)} is already used by container ${prev.container.name} on network ${prev.spec.name} (line ${lineOf(ctx, prevVal.span)}) — every mac_address in the spec must be unique`,
        span: mac.span,
        path: mac.path,
        related: [{ span: prevVal.span, path: prevVal.path, message: `first use of ${prevVal.value} by container ${prev.container.name}` }],
      });
    }
  },
};

/** The subject of every message; made only for a value that is reported. */
function who(a: AttachFacts): string {
  return `mac_address ${a.spec.mac!.value} of container ${a.container.name}`;
}

/**
 * The 48-bit value of `text` when it is exactly six hex pairs separated by ':' (either case),
 * else -1. A character scan, not a regular expression and parseInt per pair: it runs for every
 * mac_address.
 */
function sixPairs(text: string): number {
  if (text.length !== 17) return -1;
  let value = 0;
  for (let i = 0; i < 17; i++) {
    const c = text.charCodeAt(i);
    if (i % 3 === 2) {
      if (c !== 0x3a /* : */) return -1;
      continue;
    }
    const d = hexDigit(c);
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function dottedToColons(text: string): string {
  const hex = text.replace(/\./g, '').toLowerCase();
  return hex.match(/../g)!.join(':');
}

/** The first thing wrong, so the message helps more than "malformed". */
function whatIsWrong(text: string): string {
  if (text === '') return 'it is empty';
  const bad = /[^0-9a-fA-F:]/.exec(text);
  if (bad) return `'${bad[0]}' is not a hex digit or ':'`;
  const parts = text.split(':');
  if (parts.length !== 6) return `it has ${parts.length} part${parts.length === 1 ? '' : 's'}, not 6`;
  const odd = parts.find((p) => p.length !== 2);
  return `'${odd ?? ''}' is not two hex digits`;
}
