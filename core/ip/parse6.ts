import { hasWhitespace, type Addr } from './family';
import { parseAddr4 } from './parse4';
import { err, ok, type Result } from './result';

const HEX = /^[0-9a-fA-F]+$/;

/**
 * RFC 4291 text forms. Zone ids are rejected because Docker subnets, gateways and container
 * addresses are global to the network, and a scoped literal cannot be one of them.
 */
export function parseAddr6(text: string): Result<Addr> {
  if (text === '') return err('address is empty');
  if (hasWhitespace(text)) return err('whitespace is not allowed');
  const zone = text.indexOf('%');
  if (zone >= 0) return err(`zone id '${text.slice(zone)}' is not allowed`);
  for (const ch of text) {
    const hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    if (!hex && ch !== ':' && ch !== '.') return err(`unexpected character '${ch}' in IPv6 address`);
  }
  const gap = text.indexOf('::');
  if (gap >= 0 && text.lastIndexOf('::') !== gap) return err("'::' may appear only once");
  if (text.startsWith(':') && gap !== 0) return err("address starts with a single ':'");
  if (text.endsWith(':') && !(gap >= 0 && gap === text.length - 2)) return err("address ends with a single ':'");

  const head = splitGroups(gap >= 0 ? text.slice(0, gap) : text);
  const tail = gap >= 0 ? splitGroups(text.slice(gap + 2)) : [];
  // Only the very last written group may be dotted: "1.2.3.4::" puts it before the gap.
  const finalSide = gap >= 0 ? tail : head;

  const headVals: number[] = [];
  const tailVals: number[] = [];
  for (const [groups, vals] of [[head, headVals], [tail, tailVals]] as const) {
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (g === '') return err('empty group');
      if (g.includes('.')) {
        if (groups !== finalSide || i !== groups.length - 1) {
          return err(`embedded IPv4 '${g}' must be the last part of the address`);
        }
        const v4 = parseAddr4(g);
        if (!v4.ok) return err(`embedded IPv4 '${g}': ${v4.error}`);
        // The embedded IPv4 tail fills the last two 16-bit groups.
        vals.push(Number(v4.value.value >> 16n), Number(v4.value.value & 0xffffn));
        continue;
      }
      if (!HEX.test(g)) return err(`group '${g}' is not hexadecimal`);
      if (g.length > 4) return err(`group '${g}' has more than 4 hex digits`);
      vals.push(parseInt(g, 16));
    }
  }

  const count = headVals.length + tailVals.length;
  if (gap < 0) {
    if (count !== 8) return err(`expected 8 groups, found ${count}`);
  } else if (count > 8) {
    return err(`expected at most 8 groups, found ${count}`);
  } else if (count === 8) {
    return err("'::' must stand for at least one zero group, but 8 groups are already present");
  }

  const groups16 = [...headVals, ...new Array<number>(8 - count).fill(0), ...tailVals];
  let value = 0n;
  for (const g of groups16) value = (value << 16n) | BigInt(g);
  return ok({ family: 6, value });
}

function splitGroups(s: string): string[] {
  return s === '' ? [] : s.split(':');
}
