import path from 'node:path';
import { checkText } from '../core/check';
import { formatShims, shimLinks, type ShimFormat } from '../core/shim/shim';
import { one, UsageError, type ParsedArgs } from './args';
import type { Io } from './check';
import { pickHost, printFindings, specFile } from './docker';
import { readSpecFile } from './io';

export const SHIM_FLAGS = { boolean: ['help'], value: ['host', 'format'] };

/**
 * `macvlan-spec shim FILE [--host NAME] [--format sh|networkd|nmcli]`: what creates the host's
 * own link into each network with a `host_shim`. Printed, never run: apply does not change the
 * host's own links. Exit 0 with the text, 1 when the spec has errors, 2 on bad usage.
 */
export async function runShim(args: ParsedArgs, io: Io): Promise<number> {
  const file = specFile(args, 'shim');
  const format = (one(args, 'format') ?? 'sh') as ShimFormat;
  if (format !== 'sh' && format !== 'networkd' && format !== 'nmcli') throw new UsageError(`--format must be sh, networkd or nmcli (got ${format})`);
  const check = checkText(readSpecFile(file), { specPath: path.resolve(file) });
  if (printFindings(io, file, check, true) > 0) {
    io.err(`macvlan-spec: shim refused: ${file} has errors; fix them (macvlan-spec check ${file}) and run shim again\n`);
    return 1;
  }
  const host = pickHost(check, one(args, 'host'));
  io.out(formatShims(shimLinks(check.facts, host.name), host.name, format));
  return 0;
}
