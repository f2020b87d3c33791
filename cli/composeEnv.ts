import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeVariables, type Env } from '../core/compose/interpolate';

/** A compose file's variables as `docker compose` run beside it takes them: the environment over the project's `.env`. */
export function composeEnv(file: string): Env {
  let dotEnv = '';
  try {
    dotEnv = readFileSync(path.join(path.dirname(path.resolve(file)), '.env'), 'utf8');
  } catch {
    // no .env: the environment alone
  }
  return composeVariables(dotEnv, process.env);
}
