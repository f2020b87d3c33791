import path from 'node:path';
import { checkText } from '../core/check';
import { composeToSpec, specToCompose } from '../core/compose/convert';
import { isComposeFile, parseCompose, projectName } from '../core/compose/read';
import { one, UsageError, type ParsedArgs } from './args';
import type { Io } from './check';
import { readSpecFile } from './io';
import { composeEnv } from './composeEnv';

export const CONVERT_FLAGS = { boolean: ['help'], value: ['to'] };

/**
 * `macvlan-spec convert FILE --to compose|spec`: the other form on stdout, what it cannot say
 * as `# note:` lines at its top and on stderr. Exit 0, or 2 on bad usage or an unreadable file.
 */
export async function runConvert(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError('convert takes one FILE');
  const file = args.positional[0];
  const to = one(args, 'to');
  if (to !== 'compose' && to !== 'spec') throw new UsageError(`--to must be compose or spec (got ${to ?? 'nothing'})`);
  const text = readSpecFile(file);
  const compose = isComposeFile(file);
  if (to === 'spec' && !compose) throw new UsageError(`${file} is not a compose file (compose.yaml, docker-compose.yml, NAME.compose.yaml…)`);
  if (to === 'compose' && compose) throw new UsageError(`${file} is a compose file already; --to spec converts it`);
  const r =
    to === 'compose'
      ? specToCompose(checkText(text, { specPath: path.resolve(file) }).facts, path.basename(file))
      : composeToSpec(parseCompose(text, { project: projectName(path.basename(path.dirname(path.resolve(file)))), env: composeEnv(file) }), path.basename(file));
  io.out(r.text);
  for (const n of r.notes) io.err(`macvlan-spec: note: ${n}\n`);
  return 0;
}
