import type { ParsedArgs } from './args';
import type { Io } from './check';

/** Commands besides `check` (plan, apply, import are added by the Docker adapter). */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  flags: { boolean: string[]; value: string[] };
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export const COMMANDS: Command[] = [];
