import { parseArgs, UsageError } from './args';
import { CHECK_FLAGS, runCheck, type Io } from './check';
import { InputError } from './io';
import { COMMANDS } from './commands';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

export const USAGE = `usage: macvlan-spec <command> [options]

commands:
  check [--format text|json|sarif] [--engine X.Y] [--severity CODE=level]... [--fix] FILE|FOLDER...
        validate specs and compose files (a FOLDER: every spec and compose file in it; compose files on one host are checked together); exit 0 = no errors, 1 = errors found, 2 = bad usage or unreadable file
${COMMANDS.map((c) => `  ${c.usage}\n        ${c.summary}`).join('\n')}
  help  this text;  version  print the version
`;

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const name = argv[0];
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.out(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (name === 'version' || name === '--version') {
      io.out(VERSION + '\n');
      return 0;
    }
    if (name === 'check') {
      const args = parseArgs(argv.slice(1), CHECK_FLAGS);
      if (args.flags.has('help')) return io.out(USAGE), 0;
      args.positional.unshift(...(args.command ? [args.command] : []));
      return runCheck(args, io, VERSION);
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (!cmd) throw new UsageError(`unknown command "${name}"`);
    const args = parseArgs(argv.slice(1), cmd.flags);
    args.positional.unshift(...(args.command ? [args.command] : []));
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`macvlan-spec: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof InputError) {
      io.err(`macvlan-spec: ${err.message}\n`);
      return 2;
    }
    // Never a stack trace for the user; MVS_DEBUG=1 shows it.
    io.err(`macvlan-spec: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.MVS_DEBUG) io.err(`${(err as Error).stack}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
