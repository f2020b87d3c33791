import path from 'node:path';
import { checkText, type CheckResult } from '../core/check';
import { planApply } from '../core/plan/plan';
import type { ObservedHostDetail, Plan } from '../core/plan/types';
import type { HostSpec } from '../core/spec/model';
import { resolveTarget } from '../docker/connect';
import { DEFAULT_TIMEOUT_MS, openDockerHost } from '../docker/dockerodeHost';
import { DockerError } from '../docker/errors';
import { HOST_CONCURRENCY, mapLimit } from '../docker/limit';
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

/** One host of a plan session: how it is reached, what it has, and its plan. */
export interface HostSession {
  hostName: string;
  target: DockerTarget;
  docker: DockerHost;
  observed: ObservedHostDetail;
  plan: Plan;
}

export interface PlanSession {
  file: string;
  check: CheckResult;
  /** Every host of the spec (or those `--host` names), in the spec's order. */
  hosts: HostSession[];
  close(): void;
}

/** The spec hosts a command works on: those named by --host (repeatable), else every one. */
export function pickHosts(check: CheckResult, hostFlags: readonly string[]): HostSpec[] {
  const hosts = check.facts.model.hosts;
  if (hostFlags.length === 0) return hosts;
  const names = hosts.map((h) => h.name);
  return [...new Set(hostFlags)].map((f) => {
    const h = hosts.find((x) => x.name === f);
    if (!h) throw new UsageError(`the spec has no host "${f}" (hosts: ${names.join(', ')})`);
    return h;
  });
}

/**
 * Read, check (refuse on errors), confirm TLS files outside the spec's folder, connect to every
 * host (at most HOST_CONCURRENCY at a time), check again against all of them at once (MV208,
 * their engines, and so addresses duplicated across hosts), observe in detail and plan each.
 * Throws Exit after printing why it stopped.
 */
export async function planSession(args: ParsedArgs, io: PromptIo, command: string, signal?: AbortSignal): Promise<PlanSession> {
  const file = specFile(args, command);
  const text = readSpecFile(file);
  const specPath = path.resolve(file);
  const first = checkText(text, { specPath });
  if (printFindings(io, file, first, true) > 0) {
    io.err(`macvlan-spec: ${command} refused: ${file} has errors; fix them (macvlan-spec check ${file}) and run ${command} again\n`);
    throw new Exit(1);
  }
  const specs = pickHosts(first, args.flags.get('host') ?? []);
  const dockerFlag = one(args, 'docker');
  if (dockerFlag !== undefined && specs.length > 1) {
    throw new UsageError(`--docker names one daemon, and the spec has ${specs.length} hosts (${specs.map((h) => h.name).join(', ')}): pick one with --host`);
  }
  const yes = args.flags.has('yes');
  const targets: { spec: HostSpec; target: DockerTarget }[] = [];
  for (const spec of specs) {
    const target = targetFor(spec, file, dockerFlag, !args.flags.has('ssh-skip-host-key-check'));
    confirmTlsFiles(io, spec, target, file, yes, command);
    if (command === 'plan' && target.source === 'spec') await confirmSpecHost(io, target, file, spec.name, yes);
    const twin = targets.find((t) => t.target.url === target.url);
    if (twin) throw new UsageError(`hosts ${twin.spec.name} and ${spec.name} both reach ${target.url}: one Docker daemon cannot be two hosts of a spec (pick one with --host, or point each host's docker: at its own daemon)`);
    targets.push({ spec, target });
  }
  const dockers = targets.map((t) => openDockerHost(t.target, { timeoutMs: timeoutMs(args) }));
  const close = () => {
    for (const d of dockers) d.close();
  };
  try {
    const lives = await mapLimit(dockers, HOST_CONCURRENCY, (d) => d.observe(signal));
    const observedState = Object.fromEntries(targets.map((t, i) => [t.spec.name, lives[i]]));
    const check = checkText(text, { specPath, observed: { hosts: observedState } });
    if (printFindings(io, file, check, false) > 0) {
      io.err(`macvlan-spec: ${command} refused: ${file} has errors against ${targets.map((t) => t.target.url).join(', ')}\n`);
      throw new Exit(1);
    }
    const containers = check.facts.model.containers;
    // A swarm network is made on the first of its hosts that is a Swarm manager (MV209 made sure there is one).
    const managers = targets.filter((_, i) => lives[i].swarm?.manager === true && lives[i].swarm?.state === 'active').map((t) => t.spec.name);
    const opts = { prune: args.flags.has('prune'), adopt: args.flags.has('adopt'), swarm: { managers } };
    const hosts = await mapLimit(targets, HOST_CONCURRENCY, async (t, i) => {
      const docker = dockers[i];
      const observed = await observeDetail(docker, { images: containers.map((c) => c.image?.value ?? ''), names: containers.map((c) => c.name), signal });
      return { hostName: t.spec.name, target: t.target, docker, observed, plan: planApply(check.facts, t.spec.name, observed, opts) };
    });
    return { file, check, hosts, close };
  } catch (err) {
    close();
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
