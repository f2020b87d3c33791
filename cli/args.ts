import { parseArgs as nodeParseArgs } from 'node:util';

/** Argv as the commands read it: `--flag value` or `--flag=value`; unknown flags are errors. */
export interface ParsedArgs {
  command?: string;
  positional: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

/**
 * Node's own parser (`node:util` parseArgs) reads the tokens; the rules it leaves to the caller
 * are ours: every flag may repeat (`one()` refuses a second where one makes sense), a value flag
 * takes the next argument whatever it looks like, `-h` is `--help`, and messages name the flag.
 */
export function parseArgs(argv: string[], spec: { boolean: string[]; value: string[] }): ParsedArgs {
  const options: Record<string, { type: 'boolean' | 'string'; multiple: true; short?: string }> = {};
  for (const b of spec.boolean) options[b] = { type: 'boolean', multiple: true, ...(b === 'help' ? { short: 'h' } : {}) };
  for (const v of spec.value) options[v] = { type: 'string', multiple: true };
  if (!('help' in options)) options.help = { type: 'boolean', multiple: true, short: 'h' };
  const { tokens } = nodeParseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const out: ParsedArgs = { positional: [], flags: new Map() };
  const add = (k: string, v: string) => out.flags.set(k, [...(out.flags.get(k) ?? []), v]);
  let skip = -1;
  for (const t of tokens) {
    if (t.index === skip) continue;
    if (t.kind === 'option-terminator') {
      out.positional.push(...argv.slice(t.index + 1));
      break;
    }
    if (t.kind === 'positional') {
      if (out.command === undefined) out.command = t.value;
      else out.positional.push(t.value);
      continue;
    }
    const name = t.name;
    if (spec.boolean.includes(name) || (name === 'help' && t.rawName === '-h')) {
      if (t.inlineValue) throw new UsageError(`--${name} takes no value`);
      add(name, 'true');
    } else if (spec.value.includes(name)) {
      // node only takes a following argument that does not look like a flag; ours takes any.
      let v = t.value;
      if (v === undefined && !t.inlineValue && t.index + 1 < argv.length) {
        v = argv[t.index + 1];
        skip = t.index + 1;
      }
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      add(name, v);
    } else if (t.rawName.startsWith('--')) throw new UsageError(`unknown option --${name}`);
    else throw new UsageError(`unknown option ${t.rawName}`);
  }
  return out;
}

export function one(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} given more than once`);
  return v?.[0];
}
