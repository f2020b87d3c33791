/**
 * A minimal LSP client over a child's stdio: Content-Length framing and JSON-RPC ids, no
 * library. The benchmark times the server, so the client does as little as it can and
 * stamps each message the moment its last byte arrives, before anything else runs.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Incoming {
  /** performance.now() when the message was complete. */
  at: number;
  method?: string;
  id?: number | string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

type RequestHandler = (params: unknown, method: string) => unknown;

interface Waiter {
  match: (m: Incoming) => boolean;
  resolve: (m: Incoming) => void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export class LspProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly pending = new Map<number, (m: Incoming) => void>();
  private readonly waiters = new Set<Waiter>();
  private buffer: Buffer = Buffer.alloc(0);
  private stderrTail = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Every notification from the server, so a wait can look at what already arrived. */
  readonly notifications: Incoming[] = [];
  /** Time of the last message of any kind from the server (for quiet-period waits). */
  lastMessageAt = performance.now();

  constructor(
    command: string,
    args: readonly string[],
    private readonly onRequest: RequestHandler,
    cwd?: string,
  ) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    // Drained so a chatty server never blocks on a full pipe; the tail explains a crash.
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      const why: Incoming = { at: performance.now(), error: { code: -1, message: `server exited (code ${code}, signal ${signal})\n${this.stderrTail}` } };
      for (const p of this.pending.values()) p(why);
      this.pending.clear();
    });
    this.child.stdin.on('error', () => {
      // EPIPE after the server died: the exit handler reports it.
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server process did not start');
    return this.child.pid;
  }

  get stderr(): string {
    return this.stderrTail;
  }

  get hasExited(): boolean {
    return this.exited !== undefined;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request; resolves with the response and the time it arrived. */
  request(method: string, params: unknown): { sentAt: number; response: Promise<Incoming> } {
    const id = this.nextId++;
    const response = new Promise<Incoming>((resolve) => this.pending.set(id, resolve));
    const sentAt = performance.now();
    this.send({ jsonrpc: '2.0', id, method, params });
    return { sentAt, response };
  }

  /** The first notification, among those from index `from` on, that `match` accepts. */
  waitFor(match: (m: Incoming) => boolean, timeoutMs: number, from = 0, what = 'notification'): Promise<Incoming> {
    for (let i = from; i < this.notifications.length; i++) if (match(this.notifications[i])) return Promise.resolve(this.notifications[i]);
    return new Promise<Incoming>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.exited ? ' (server exited)' : ''}\n${this.stderrTail}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves once the server has said nothing for `quietMs` (at most `maxMs`). */
  async quiet(quietMs: number, maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    for (;;) {
      const idle = performance.now() - this.lastMessageAt;
      if (idle >= quietMs || performance.now() >= until) return;
      await new Promise((r) => setTimeout(r, quietMs - idle));
    }
  }

  /** shutdown + exit, then SIGKILL if the server lingers. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const { response } = this.request('shutdown', null);
    await Promise.race([response, sleep(graceMs)]);
    this.notify('exit', null);
    const killed = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
    if (killed && !this.exited) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header from server: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + HEADER_END.length;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      const at = performance.now();
      this.lastMessageAt = at;
      this.dispatch({ ...(JSON.parse(body) as Omit<Incoming, 'at'>), at });
    }
  }

  private dispatch(m: Incoming): void {
    if (m.method !== undefined && m.id !== undefined) {
      // A request from the server (workspace/configuration, client/registerCapability, …).
      let result: unknown;
      try {
        result = this.onRequest(m.params, m.method);
      } catch {
        result = null;
      }
      this.send({ jsonrpc: '2.0', id: m.id, result: result ?? null });
      return;
    }
    if (m.method !== undefined) {
      this.notifications.push(m);
      for (const w of [...this.waiters]) if (w.match(m)) w.resolve(m);
      return;
    }
    if (typeof m.id === 'number') {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.(m);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Peak resident set (VmHWM) of a live process, in bytes; undefined when /proc cannot tell. */
export function peakRss(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
