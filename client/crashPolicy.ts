/**
 * Decides whether a crashed language server is restarted. Pure (no vscode import) so the
 * window arithmetic is unit-tested; the error handler turns decisions into notices.
 */
export type CrashDecision =
  | { restart: true; attempt: number; maxRestarts: number }
  | { restart: false; crashes: number; windowMinutes: number };

export class CrashPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 5,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** Records a crash at `now` (ms) and says whether to restart. */
  onCrash(now: number): CrashDecision {
    // Only crashes inside the window count: a server that crashes once a day keeps restarting.
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length <= this.maxRestarts) {
      return { restart: true, attempt: this.crashes.length, maxRestarts: this.maxRestarts };
    }
    return { restart: false, crashes: this.crashes.length, windowMinutes: Math.round(this.windowMs / 60_000) };
  }

  /** A restart the user asked for starts a fresh budget. */
  reset(): void {
    this.crashes = [];
  }
}
