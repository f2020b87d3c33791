import { createInterface } from 'node:readline';
import type { Io } from './check';

/** Io with a terminal: tests pass these; the real CLI reads process.stdin. */
export interface PromptIo extends Io {
  isTTY?: boolean;
  confirm?(question: string): Promise<boolean>;
}

export function onTerminal(io: PromptIo): boolean {
  return io.isTTY ?? (process.stdin.isTTY === true && process.stderr.isTTY === true);
}

/** y/N on stderr; anything but y/yes (or the end of input) is no. */
export function askYesNo(io: PromptIo, question: string): Promise<boolean> {
  if (io.confirm) return io.confirm(question);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      // resolve first: close() emits 'close' at once, which answers "no" (end of input, Ctrl-D)
      resolve(/^y(es)?$/i.test(answer.trim()));
      rl.close();
    });
    rl.on('close', () => resolve(false));
  });
}
