/** Minimal argv parsing: flags may be `--flag value` or `--flag=value`; unknown flags are errors. */
export interface ParsedArgs {
  command?: string;
  positional: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: { boolean: string[]; value: string[] }): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map() };
  const add = (k: string, v: string) => out.flags.set(k, [...(out.flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (spec.boolean.includes(name)) {
        if (eq >= 0) throw new UsageError(`--${name} takes no value`);
        add(name, 'true');
      } else if (spec.value.includes(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        add(name, v);
      } else throw new UsageError(`unknown option --${name}`);
    } else if (a === '-h') add('help', 'true');
    else if (out.command === undefined) out.command = a;
    else out.positional.push(a);
  }
  return out;
}

export function one(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} given more than once`);
  return v?.[0];
}
