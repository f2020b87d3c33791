import { importSpec } from '../core/plan/import';
import { resolveTarget } from '../docker/connect';
import { openDockerHost } from '../docker/dockerodeHost';
import { observeDetail } from '../docker/observe';
import { one, UsageError, type ParsedArgs } from './args';
import type { Io } from './check';
import { DOCKER_BOOLEAN_FLAGS, DOCKER_VALUE_FLAGS, guard, timeoutMs } from './docker';

export const IMPORT_FLAGS = { boolean: ['help', ...DOCKER_BOOLEAN_FLAGS], value: [...DOCKER_VALUE_FLAGS] };

/**
 * `macvlan-spec import`: the host's macvlan/ipvlan networks and their containers as a spec on
 * stdout. --host NAME writes a hosts: entry of that name pointing at the host. Exit 0, or 2
 * on bad usage or an unreachable host.
 */
export async function runImport(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positional.length > 0) throw new UsageError('import takes no FILE: it writes the spec to stdout (redirect it to a file)');
  const hostName = one(args, 'host');
  if (hostName !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(hostName)) throw new UsageError(`--host must be a spec host name (letters, digits, "_", "." and "-"; got ${hostName})`);
  return guard(io, async () => {
    const target = resolveTarget({ override: one(args, 'docker'), sshHostKeyCheck: !args.flags.has('ssh-skip-host-key-check') });
    const docker = openDockerHost(target, { timeoutMs: timeoutMs(args) });
    try {
      const observed = await observeDetail(docker);
      const r = importSpec(observed, { hostName, docker: target.url, header: `imported from ${target.url} (Docker ${observed.engine ?? 'unknown'}) by macvlan-spec import` });
      io.out(r.text);
      io.err(`macvlan-spec: imported ${r.networks.length} network(s), ${r.containers.length} container(s)${r.skipped.length ? `; ${r.skipped.length} thing(s) skipped (see the comments at the top)` : ''}\n`);
      return 0;
    } finally {
      docker.close();
    }
  });
}
