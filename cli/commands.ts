import type { ParsedArgs } from './args';
import type { Io } from './check';
import { APPLY_FLAGS, runApply } from './apply';
import { CONVERT_FLAGS, runConvert } from './convert';
import { IMPORT_FLAGS, runImport } from './import';
import { MAP_FLAGS, runMap } from './map';
import { PLAN_FLAGS, runPlan } from './plan';
import { runShim, SHIM_FLAGS } from './shim';

/** Commands besides `check`: the Docker ones (plan, apply, import). */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  flags: { boolean: string[]; value: string[] };
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/** `COMMAND --help` prints that command's usage line and summary. */
function withHelp(c: Command): Command {
  return { ...c, run: (args, io) => (args.flags.has('help') ? Promise.resolve((io.out(`usage: macvlan-spec ${c.usage}\n  ${c.summary}\n`), 0)) : c.run(args, io)) };
}

const DOCKER_OPTS = '[--host NAME] [--docker URL] [--timeout SECONDS] [--ssh-skip-host-key-check]';

export const COMMANDS: Command[] = (
  [
    {
      name: 'plan',
      usage: `plan FILE ${DOCKER_OPTS} [--format text|json] [--prune] [--adopt] [--yes]`,
      summary: "show what apply would change on every host of the spec (--host, repeatable, narrows; --prune/--adopt: as apply would with them; --yes: read tls: files outside the spec's folder); exit 0 = plan shown, 1 = spec errors or conflicts, 2 = bad usage, host unreachable, or tls: files outside without --yes",
      flags: PLAN_FLAGS,
      run: runPlan,
    },
    {
      name: 'apply',
      usage: `apply FILE ${DOCKER_OPTS} [--prune] [--adopt] [--yes]`,
      summary: "plan, confirm (y/N on a terminal; --yes otherwise) and apply to every host of the spec at once (--host, repeatable, narrows), each under its own lock; touches only the spec's own resources (--prune: also remove those it no longer describes; --adopt: claim ones an older macvlan-spec made); a failed step undoes every step before it; exit 0 = applied, 1 = errors, conflicts or a failed step, 2 = bad usage, unreachable, or unconfirmed",
      flags: APPLY_FLAGS,
      run: runApply,
    },
    {
      name: 'shim',
      usage: 'shim FILE [--host NAME] [--format sh|networkd|nmcli]',
      summary: "print what creates the host's own link into each network with a host_shim (shell commands, systemd-networkd files or nmcli commands), so the host can reach its containers; nothing is run",
      flags: SHIM_FLAGS,
      run: runShim,
    },
    {
      name: 'map',
      usage: 'map FILE [--format svg|html] [--output FILE] [--width N]',
      summary: "draw each network's address space (gateway, aux, exclude, pools per host, container addresses, free space, overlaps in their diagnostic's colour) as SVG or an HTML page, to stdout or --output; the same picture as VS Code's Show Address Map",
      flags: MAP_FLAGS,
      run: runMap,
    },
    {
      name: 'convert',
      usage: 'convert FILE --to compose|spec',
      summary: "write a spec's networks and containers as a compose file (each network keeps its Docker name), or a compose file's macvlan/ipvlan networks and their services as a spec; what the other form cannot say is a # note: at the top and on stderr",
      flags: CONVERT_FLAGS,
      run: runConvert,
    },
    {
      name: 'import',
      usage: 'import [--docker URL] [--host NAME] [--timeout SECONDS] [--ssh-skip-host-key-check]',
      summary: "write the host's macvlan/ipvlan networks and their containers as a spec to stdout",
      flags: IMPORT_FLAGS,
      run: runImport,
    },
  ] satisfies Command[]
).map(withHelp);
