import path from 'node:path';
import { checkText, type CheckResult } from '../core/check';
import { planApply } from '../core/plan/plan';
import type { ObservedHostDetail, Plan } from '../core/plan/types';
import type { HostSpec } from '../core/spec/model';
import { resolveTarget } from '../docker/connect';
import { DEFAULT_TIMEOUT_MS, openDockerHost } from '../docker/dockerodeHost';
import { DockerError } from '../docker/errors';
import { observeDetail } from '../docker/observe';
import { isPlainTcp, type DockerTarget } from '../docker/target';
import { describeOutside, specTlsFiles, tlsFilesOutside } from '../docker/tlsPaths';
import type { DockerHost } from '../docker/types';
import { one, UsageError, type ParsedArgs } from './args';
import type { Io } from './check';
import { formatText } from './format/text';
import { readSpecFile } from './io';
import { askYesNo, onTerminal, type PromptIo } from './prompt';

/** Flags every Docker command takes. */
export const DOCKER_VALUE_FLAGS = ['host', 'docker', 'timeout'];
/** Boolean flags every command that talks to Docker takes. */
export const DOCKER_BOOLEAN_FLAGS = ['ssh-skip-host-key-check'];

/** A command's outcome that is not an exception: exit code plus what was already printed. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function timeoutMs(args: ParsedArgs): number {
  const t = one(args, 'timeout');
  if (t === undefined) return DEFAULT_TIMEOUT_MS;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new UsageError(`--timeout takes seconds between 1 and 3600 (got ${t})`);
  return Math.round(n * 1000);
}

/** Prints a Docker failure with its hint; returns the exit code the brief assigns. */
export function reportDockerError(io: Io, err: DockerError, code: number): number {
  io.err(`macvlan-spec: ${err.describe()}\n`);
  return code;
}

export function specFile(args: ParsedArgs, command: string): string {
  if (args.positional.length !== 1) throw new UsageError(`${command} needs exactly one FILE`);
  return args.positional[0];
}

/** The spec host a command works on: --host, else the only one. */
export function pickHost(check: CheckResult, hostFlag: string | undefined): HostSpec {
  const hosts = check.facts.model.hosts;
  const names = hosts.map((h) => h.name);
  if (hostFlag !== undefined) {
    const h = hosts.find((x) => x.name === hostFlag);
    if (!h) throw new UsageError(`the spec has no host "${hostFlag}" (hosts: ${names.join(', ')})`);
    return h;
  }
  if (hosts.length > 1) throw new UsageError(`the spec describes several hosts (${names.join(', ')}): pick one with --host`);
  return hosts[0];
}

export function targetFor(host: HostSpec, file: string, dockerFlag: string | undefined, sshHostKeyCheck = true): DockerTarget {
  const tls = host.tls ? { ca: host.tls.ca?.value, cert: host.tls.cert?.value, key: host.tls.key?.value } : undefined;
  return resolveTarget({ override: dockerFlag, spec: { docker: host.docker?.value, context: host.context?.value, tls }, specDir: path.dirname(path.resolve(file)), sshHostKeyCheck });
}

/**
 * A host the spec names (not --docker, a setting or the environment) is the spec author's
 * choice: plan asks before connecting to it, as apply asks before changing it. Plain tcp:// is
 * MV501 and always needs --yes; elsewhere a terminal is asked, and without one --yes says yes.
 */
async function confirmSpecHost(io: PromptIo, target: DockerTarget, file: string, hostName: string, yes: boolean): Promise<void> {
  if (isPlainTcp(target)) {
    io.err(`macvlan-spec: warning MV501: ${target.url} is plain TCP without TLS: the Docker API is root on that host and anyone who can reach the port has it\n`);
    if (!yes) {
      io.err(`macvlan-spec: plan refused: ${file} names plain tcp:// for host ${hostName}; run again with --yes to connect anyway, or choose the host yourself with --docker\n`);
      throw new Exit(2);
    }
    return;
  }
  if (yes) return;
  if (!onTerminal(io)) {
    io.err(`macvlan-spec: plan refused: ${file} names ${target.url} for host ${hostName}; not on a terminal, so run again with --yes to connect to it, or choose the host yourself with --docker\n`);
    throw new Exit(2);
  }
  if (!(await askYesNo(io, `${file} names ${target.url} for host ${hostName}. Connect to it to plan? [y/N] `))) {
    io.err('macvlan-spec: plan cancelled; nothing was asked of the host\n');
    throw new Exit(1);
  }
}

/**
 * Before any TLS file of the spec is read: files outside the spec's folder (absolute, `..`, or a
 * symlink leading out) are named on stderr (MV501) and need --yes, as plain tcp:// does in
 * apply. Only the spec's own `tls:` counts: --docker, DOCKER_CERT_PATH and docker contexts (a
 * spec's `context:` too) are the user's. Paths only: nothing is read here, nor ever printed.
 */
export function confirmTlsFiles(io: Io, host: HostSpec, target: DockerTarget, file: string, yes: boolean, command: string): void {
  const dir = path.dirname(path.resolve(file));
  const outside = tlsFilesOutside(specTlsFiles(target), dir);
  if (outside.length === 0) return;
  for (const o of outside) {
    io.err(`macvlan-spec: warning MV501: ${describeOutside(o, host.tls?.[o.field]?.value)}: host ${host.name} reads it from outside the spec's folder ${dir}\n`);
  }
  if (!yes) {
    io.err(`macvlan-spec: ${command} reads TLS files outside the spec's folder only with --yes (check the paths above, or move the files next to the spec); nothing was read\n`);
    throw new Exit(2);
  }
}

export function printFindings(io: Io, file: string, check: CheckResult, errorsOnly: boolean): number {
  const findings = check.findings.filter((f) => !errorsOnly || f.severity === 'error');
  if (findings.length) io.err(formatText([{ file, findings, lines: check.lines }]));
  return check.findings.filter((f) => f.severity === 'error').length;
}

export interface PlanSession {
  file: string;
  hostName: string;
  target: DockerTarget;
  docker: DockerHost;
  check: CheckResult;
  observed: ObservedHostDetail;
  plan: Plan;
}

/**
 * Read, check (refuse on errors), confirm TLS files outside the spec's folder, connect, check
 * again against the live host (MV208 and the engine's version), observe in detail and plan.
 * Throws Exit after printing why it stopped.
 */
export async function planSession(args: ParsedArgs, io: PromptIo, command: string, signal?: AbortSignal): Promise<PlanSession> {
  const file = specFile(args, command);
  const text = readSpecFile(file);
  const first = checkText(text, { specPath: path.resolve(file) });
  if (printFindings(io, file, first, true) > 0) {
    io.err(`macvlan-spec: ${command} refused: ${file} has errors; fix them (macvlan-spec check ${file}) and run ${command} again\n`);
    throw new Exit(1);
  }
  const spec = pickHost(first, one(args, 'host'));
  const target = targetFor(spec, file, one(args, 'docker'), !args.flags.has('ssh-skip-host-key-check'));
  confirmTlsFiles(io, spec, target, file, args.flags.has('yes'), command);
  if (command === 'plan' && target.source === 'spec') await confirmSpecHost(io, target, file, spec.name, args.flags.has('yes'));
  const docker = openDockerHost(target, { timeoutMs: timeoutMs(args) });
  try {
    const live = await docker.observe(signal);
    const check = checkText(text, { specPath: path.resolve(file), observed: { hosts: { [spec.name]: live } } });
    if (printFindings(io, file, check, false) > 0) {
      io.err(`macvlan-spec: ${command} refused: ${file} has errors against ${target.url}\n`);
      throw new Exit(1);
    }
    const images = check.facts.model.containers.map((c) => c.image?.value ?? '');
    const observed = await observeDetail(docker, { images, names: check.facts.model.containers.map((c) => c.name), signal });
    const plan = planApply(check.facts, spec.name, observed, { prune: args.flags.has('prune'), adopt: args.flags.has('adopt') });
    return { file, hostName: spec.name, target, docker, check, observed, plan };
  } catch (err) {
    docker.close();
    throw err;
  }
}

/** Runs a command body, turning Exit and DockerError into exit codes. */
export async function guard(io: Io, body: () => Promise<number>, dockerErrorCode = 2): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof Exit) return err.code;
    if (err instanceof DockerError) return reportDockerError(io, err, dockerErrorCode);
    throw err;
  }
}
