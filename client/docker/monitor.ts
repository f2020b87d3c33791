/**
 * Keeps what one Docker host has (engine, networks with their endpoints) for the Networks view,
 * after the vscode-containers RefreshManager: refresh on the daemon's network/container events
 * and on request, debounced; listen only while the view is visible; after a failure retry no
 * faster than once a minute. No vscode import, so it runs against a fake host in tests.
 */
import type { ObservedHost } from '../../core/observed';
import { DockerError } from '../../docker/errors';
import type { DockerTarget } from '../../docker/target';
import type { DockerHost, EngineInfo, NetworkInfo, ContainerInfo } from '../../docker/types';
import { toObservedHost } from './observedState';

export interface MonitorState {
  status: 'idle' | 'loading' | 'ok' | 'error';
  info?: EngineInfo;
  networks?: NetworkInfo[];
  /** Every container, stopped ones too (their state; the networks they are configured on). */
  containers?: ContainerInfo[];
  interfaces?: string[];
  error?: { kind: string; message: string; hint?: string };
  /** Date.now() of the last successful load. */
  loadedAt?: number;
}

export interface MonitorOptions {
  open(target: DockerTarget): DockerHost;
  /** The state changed: redraw. */
  onState(): void;
  /** A load succeeded (undefined: the host could not be read, forget what it had). */
  onObserved(url: string, observed: ObservedHost | undefined): void;
  log(message: string): void;
  debounceMs?: number;
  /** Retry after a failed load, and the least time between event-stream restarts. */
  retryMs?: number;
}

export function errorInfo(err: unknown): { kind: string; message: string; hint?: string } {
  if (err instanceof DockerError) return { kind: err.kind, message: err.message, hint: err.hint || undefined };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

export class HostMonitor {
  state: MonitorState = { status: 'idle' };
  private target: DockerTarget | undefined;
  private key = '';
  private host: DockerHost | undefined;
  private visible = false;
  private stale = true;
  private gen = 0;
  private loading: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private loadCtl: AbortController | undefined;
  private eventsCtl: AbortController | undefined;
  private eventsNotBefore = 0;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private eventsTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly debounceMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: MonitorOptions) {
    this.debounceMs = opts.debounceMs ?? 500;
    this.retryMs = opts.retryMs ?? 60_000;
  }

  get currentTarget(): DockerTarget | undefined {
    return this.target;
  }

  /** The host of the current target (opened on first use; opening does not connect). */
  dockerHost(): DockerHost | undefined {
    if (!this.target || this.disposed) return undefined;
    return (this.host ??= this.opts.open(this.target));
  }

  /** Points the monitor at another daemon (or none); a no-op for the same key. */
  setTarget(target: DockerTarget | undefined, key: string): boolean {
    if (key === this.key) return false;
    this.reset();
    this.key = key;
    this.target = target;
    if (this.visible && target) void this.refresh();
    return true;
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    if (!visible) {
      // Nothing tells us what changed while nobody looks: the next look reloads.
      this.stopEvents();
      this.clearTimers();
      this.stale = true;
      return;
    }
    if (!this.stale) this.startEvents();
    else if (!this.loading) void this.refresh();
  }

  /** Refresh soon (events, typing): many requests within the debounce make one load. */
  request(delayMs = this.debounceMs): void {
    if (!this.visible) {
      this.stale = true;
      return;
    }
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      void this.refresh();
    }, delayMs);
  }

  /** Something changed the host (apply, remove): reload now if visible, else on the next look. */
  invalidate(): void {
    if (this.visible) void this.refresh();
    else this.stale = true;
  }

  /**
   * For the view asking for its items: loads the first time, waits for a load in flight, and
   * otherwise answers at once. Never reloads after a failure (the view redraws after every
   * load, so that would loop); the retry timer and the refresh command do that.
   */
  ensureLoaded(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.state.status === 'idle') return this.refresh();
    return Promise.resolve();
  }

  /** Loads now; a request during a load runs one more load after it (and waits for that one). */
  refresh(): Promise<void> {
    if (!this.target || this.disposed) return Promise.resolve();
    if (this.loading) {
      this.again ??= this.loading.then(() => {
        this.again = undefined;
        return this.refresh();
      });
      return this.again;
    }
    const p = this.load().finally(() => {
      if (this.loading === p) this.loading = undefined;
    });
    this.loading = p;
    return p;
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }

  private reset(): void {
    this.gen++;
    this.stopEvents();
    this.clearTimers();
    this.loadCtl?.abort();
    this.loadCtl = undefined;
    this.host?.close();
    this.host = undefined;
    this.loading = undefined;
    this.again = undefined;
    this.stale = true;
    this.eventsNotBefore = 0;
    this.state = { status: 'idle' };
  }

  private clearTimers(): void {
    for (const t of [this.debounceTimer, this.retryTimer, this.eventsTimer]) if (t) clearTimeout(t);
    this.debounceTimer = this.retryTimer = this.eventsTimer = undefined;
  }

  private async load(): Promise<void> {
    const gen = this.gen;
    const host = this.dockerHost();
    const target = this.target;
    if (!host || !target) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const ctl = new AbortController();
    this.loadCtl = ctl;
    if (this.state.status !== 'ok') {
      this.state = { ...this.state, status: 'loading' };
      this.opts.onState();
    }
    try {
      const [info, networks, containers] = await Promise.all([host.info(ctl.signal), host.listNetworks(ctl.signal), host.listContainers({ all: true }, ctl.signal)]);
      const interfaces = await host.interfaces(ctl.signal);
      if (gen !== this.gen) return;
      this.state = { status: 'ok', info, networks, containers, interfaces, loadedAt: Date.now() };
      this.stale = false;
      this.opts.onObserved(target.url, toObservedHost(info, networks, interfaces));
      this.startEvents();
    } catch (err) {
      if (gen !== this.gen) return;
      this.state = { status: 'error', error: errorInfo(err) };
      this.stale = true;
      this.opts.log(`Docker ${target.url}: ${this.state.error?.message}`);
      this.opts.onObserved(target.url, undefined);
      this.stopEvents();
      if (this.visible) this.retryTimer = setTimeout(() => void this.refresh(), this.retryMs);
    } finally {
      if (this.loadCtl === ctl) this.loadCtl = undefined;
      if (gen === this.gen) this.opts.onState();
    }
  }

  private startEvents(): void {
    const host = this.host;
    if (!this.visible || !host || this.eventsCtl || this.eventsTimer || this.disposed) return;
    const wait = this.eventsNotBefore - Date.now();
    if (wait > 0) {
      this.eventsTimer = setTimeout(() => {
        this.eventsTimer = undefined;
        this.startEvents();
      }, wait);
      return;
    }
    const ctl = new AbortController();
    this.eventsCtl = ctl;
    const started = Date.now();
    host.events(ctl.signal, () => this.request()).then(
      () => {
        if (this.eventsCtl === ctl) this.eventsCtl = undefined;
      },
      (err: unknown) => {
        if (this.eventsCtl !== ctl) return;
        this.eventsCtl = undefined;
        this.opts.log(`Docker events: ${errorInfo(err).message}`);
        // A stream that broke soon after it started is not restarted within retryMs.
        if (Date.now() - started < this.retryMs) this.eventsNotBefore = Date.now() + this.retryMs;
        this.request();
      },
    );
  }

  private stopEvents(): void {
    this.eventsCtl?.abort();
    this.eventsCtl = undefined;
    if (this.eventsTimer) clearTimeout(this.eventsTimer);
    this.eventsTimer = undefined;
  }
}
