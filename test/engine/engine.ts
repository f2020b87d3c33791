// Real Docker engine for node:test suites: Debian's docker.io 20.10 (API 1.41) running in its
// own network namespace with veth "NICs" as macvlan/ipvlan parents. Drives
// scripts/engine/engine.sh; see scripts/engine/README.md for the facts and traps.
//
// Never skips: if the engine cannot start, startEngine() rejects with the script's stderr.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const API_VERSION = '1.41';
export const ENGINE_SCRIPT = path.resolve(__dirname, '../../scripts/engine/engine.sh');
export const DEFAULT_PARENTS = ['eth0', 'eth1', 'eth2', 'bond0', 'ens3', 'wlan0'];

export interface EngineOptions {
  /** State dir (must be empty or a previous engine.sh dir). Default: a fresh /tmp/mvs-engine-XXXXXX. */
  dir?: string;
  /** veth parents created in the netns (max 10 chars each). Default DEFAULT_PARENTS. */
  parents?: string[];
  /** Run scripts/engine/install.sh first (idempotent; apt only when something is missing). Default true. */
  install?: boolean;
  /** How long to wait for GET /_ping. Default 20000. */
  startTimeoutMs?: number;
  /** Host name of dockerd's own UTS namespace (Swarm tells nodes apart by it). Default: the machine's. */
  hostname?: string;
}

export interface Engine {
  /** Unix socket of the engine, e.g. /tmp/mvs-engine-AbC123/docker.sock */
  readonly socketPath: string;
  /** unix://<socketPath>, for DOCKER_HOST or dockerode's {socketPath} */
  readonly dockerHost: string;
  /** Path of the network namespace dockerd runs in (nsenter --net=<netns>) */
  readonly netns: string;
  /** veth parents available in that namespace, e.g. ['eth0', 'eth1', 'eth2', 'bond0', 'ens3', 'wlan0'] */
  readonly interfaces: string[];
  /** Imported test image: 'macvlan-test/busybox:latest' (busybox-static, CMD ["sh"]) */
  readonly image: string;
  readonly imageId: string;
  readonly dir: string;
  /** Current dockerd PID (changes on restart()) */
  readonly pid: number;
  /** Milliseconds from spawning dockerd to a 200 on /_ping (latest start/restart) */
  readonly startMs: number;
  /** Milliseconds for the image import at start */
  readonly importMs: number;
  /** Kill containers, stop dockerd, remove the netns and the state dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGTERM dockerd and start it again with the same data (networks persist, leaked IPAM pools are freed). */
  restart(): Promise<void>;
  /** SIGKILL dockerd only (fault tests). containerd dies with it; shims and containers keep running. */
  kill(): Promise<void>;
}

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && typeof err.code !== 'number' ? `\n${err.message}` : '') });
    });
  });
}

function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** True while the process exists and is not a zombie. */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export async function startEngine(opts: EngineOptions = {}): Promise<Engine> {
  const dir = opts.dir ?? mkdtempSync('/tmp/mvs-engine-');
  const parents = opts.parents ?? DEFAULT_PARENTS;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MVS_ENGINE_PARENTS: parents.join(' '),
    MVS_ENGINE_INSTALL: opts.install === false ? '0' : '1',
    MVS_ENGINE_START_TIMEOUT_MS: String(opts.startTimeoutMs ?? 20_000),
    ...(opts.hostname ? { MVS_ENGINE_HOSTNAME: opts.hostname } : {}),
  };
  const script = (cmd: string, timeoutMs = 120_000) => run('bash', [ENGINE_SCRIPT, cmd, dir], env, timeoutMs);
  const fail = (what: string, r: ScriptResult): never => {
    throw new Error(`engine.sh ${what} ${dir} failed (exit ${r.code}):\n${r.stderr.trim()}\n${r.stdout.trim()}`);
  };

  const started = await script('start', 300_000); // install.sh may run apt on a fresh machine
  if (started.code !== 0) fail('start', started);
  let vars = parseEnv(started.stdout);
  for (const k of ['MVS_ENGINE_SOCKET', 'MVS_ENGINE_PID', 'MVS_ENGINE_NETNS', 'MVS_ENGINE_IMAGE']) {
    if (!vars[k]) fail(`start (no ${k} in output)`, started);
  }

  let stopped = false;
  // Last resort if a suite dies without calling stop(): never leave dockerd behind.
  const onExit = () => {
    if (!stopped) spawnSync('bash', [ENGINE_SCRIPT, 'stop', dir], { env, stdio: 'ignore', timeout: 60_000 });
  };
  process.once('exit', onExit);

  const engine: Engine = {
    socketPath: vars.MVS_ENGINE_SOCKET,
    dockerHost: `unix://${vars.MVS_ENGINE_SOCKET}`,
    netns: vars.MVS_ENGINE_NETNS,
    interfaces: vars.MVS_ENGINE_PARENTS.split(' ').filter(Boolean),
    image: vars.MVS_ENGINE_IMAGE,
    imageId: vars.MVS_ENGINE_IMAGE_ID,
    dir,
    get pid() {
      return Number(vars.MVS_ENGINE_PID);
    },
    get startMs() {
      return Number(vars.MVS_ENGINE_START_MS);
    },
    importMs: Number(vars.MVS_ENGINE_IMPORT_MS),
    async stop() {
      if (stopped) return;
      const r = await script('stop');
      if (r.code !== 0) fail('stop', r);
      stopped = true;
      process.removeListener('exit', onExit);
    },
    async restart() {
      const r = await script('restart');
      if (r.code !== 0) fail('restart', r);
      vars = parseEnv(r.stdout);
    },
    async kill() {
      const r = await script('kill');
      if (r.code !== 0) fail('kill', r);
    },
  };
  return engine;
}

export interface EngineResponse<T = unknown> {
  status: number;
  /** Parsed body when it is JSON, else null */
  json: T | null;
  /** Raw body (exec output, /_ping's "OK", error text) */
  text: string;
}

/**
 * One raw Engine API call over the unix socket. `path` without a version prefix gets /v1.41
 * (so '/networks/create' means '/v1.41/networks/create'); '/_ping' and '/v1.xx/...' are sent as is.
 * Objects are sent as JSON, strings and Buffers as they are.
 */
export function engineRequest<T = unknown>(
  socketPath: string,
  method: string,
  apiPath: string,
  body?: unknown,
  opts: { timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<EngineResponse<T>> {
  const fullPath = /^\/(v\d+\.\d+\/|_ping)/.test(apiPath) ? apiPath : `/v${API_VERSION}${apiPath}`;
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const headers: Record<string, string> = { ...opts.headers };
  if (payload !== undefined && !headers['Content-Type']) headers['Content-Type'] = Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json';
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: fullPath, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: T | null = null;
        if (/json/.test(String(res.headers['content-type'] ?? '')) && text.trim() !== '') {
          try {
            json = JSON.parse(text) as T;
          } catch {
            json = null;
          }
        }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${fullPath}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Run a command in a container and return its combined output (Tty mode, so no stream
 * multiplexing headers). Throws on API errors; `code` is the exit code from exec inspect.
 */
export async function execInContainer(socketPath: string, container: string, cmd: string[]): Promise<{ code: number; output: string }> {
  const created = await engineRequest<{ Id: string }>(socketPath, 'POST', `/containers/${container}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
  });
  if (created.status !== 201 || !created.json) throw new Error(`exec create: ${created.status} ${created.text}`);
  const started = await engineRequest(socketPath, 'POST', `/exec/${created.json.Id}/start`, { Detach: false, Tty: true });
  if (started.status !== 200) throw new Error(`exec start: ${started.status} ${started.text}`);
  // The stream can close a moment before the exec is marked finished.
  for (let i = 0; ; i++) {
    const inspected = await engineRequest<{ ExitCode: number | null; Running: boolean }>(socketPath, 'GET', `/exec/${created.json.Id}/json`);
    if (inspected.json && !inspected.json.Running && inspected.json.ExitCode !== null) {
      return { code: inspected.json.ExitCode, output: started.text.replace(/\r\n/g, '\n') };
    }
    if (i >= 100) throw new Error(`exec ${cmd.join(' ')}: still running after its output ended`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Run a host command inside the engine's network namespace, e.g. ['ip', '-br', 'link']. */
export function execInNetns(netns: string, cmd: string[], timeoutMs = 30_000): Promise<ScriptResult> {
  return run('nsenter', [`--net=${netns}`, ...cmd], process.env, timeoutMs);
}
