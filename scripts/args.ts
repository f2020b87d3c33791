/**
 * Walks command-line arguments in order. `value()` takes the argument after the current flag
 * (an error names the flag when there is none); `rest()` is everything after it, for `--`.
 * Return 'stop' to end the walk.
 */
export function eachArg(argv: readonly string[], on: (flag: string, value: () => string, rest: () => string[]) => void | 'stop'): void {
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (on(flag, value, () => argv.slice(i + 1)) === 'stop') return;
  }
}
