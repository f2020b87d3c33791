import { err, ok, type Result } from './result';

const DIGITS = /^[0-9]+$/;

/** Same strictness as octets: "/08" or "/+8" are typos or copy-paste damage, never intent. */
export function parsePrefix(text: string, max: number): Result<number> {
  if (text === '') return err("missing prefix length after '/'");
  if (!DIGITS.test(text)) return err(`prefix length '${text}' is not a decimal number`);
  if (text.length > 1 && text.startsWith('0')) return err(`leading zero in prefix length ${text}`);
  const n = Number(text);
  if (n > max) return err(`prefix length ${text} is above ${max}`);
  return ok(n);
}
