/**
 * In-process split of one full check into parse (parseSpec: YAML → document + model) and
 * everything after it (checkParsed: facts, schema, rules, suppressions, sorting), the two
 * halves checkText() is made of. Runs in its own process so that the LSP runs before it
 * leave no garbage or JIT state behind.
 *
 *   node --import tsx bench/core.ts --file bench/out/large/large.macvlan.yaml [--runs 5] [--warmup-ms 2000]
 *
 * After the cold check, checks run for `--warmup-ms` before the measured ones. A small spec
 * checks in about a millisecond, so 200 checks last 0.2 s, less than V8 takes to optimise the
 * code that runs once per check (the schema validator alone compiles for ~40 ms on a background
 * thread): without a warm-up the median of a small spec measures the JIT's tier-up, which hits
 * the rules (run once per check) much harder than the parser (whose loops run thousands of
 * times within one check). The warm-up's own medians are reported too (`early*`).
 *
 * Prints one JSON line (CoreResult).
 */
import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { checkParsed } from '../core/check';
import { parseSpec } from '../core/spec/parse';
import { median } from './stats';

export interface CoreResult {
  /** The very first check in a fresh process: includes schema compile and JIT warm-up. */
  coldParseMs: number;
  coldRestMs: number;
  /** Medians over `runs` further checks. */
  parseMs: number;
  restMs: number;
  /** restMs / (parseMs + restMs). */
  restShare: number;
  /** Of parseMs and restMs: garbage collection that ran during each half (median per check). */
  parseGcMs: number;
  restGcMs: number;
  findings: number;
  runs: number;
  /** Medians of the warm-up checks (up to `runs` of them, from the first): code not yet optimised. */
  earlyParseMs: number;
  earlyRestMs: number;
  earlyRestShare: number;
  warmupChecks: number;
}

export async function measureCore(text: string, runs: number, warmupMs = 2000): Promise<CoreResult> {
  // GC pauses are reported after the fact with their start times; each is charged to the half
  // whose time window it started in.
  const gcs: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const windows: { t0: number; t1: number; t2: number }[] = [];
  const once = () => {
    const t0 = performance.now();
    const parsed = parseSpec(text);
    const t1 = performance.now();
    const r = checkParsed(parsed);
    const t2 = performance.now();
    windows.push({ t0, t1, t2 });
    return { parse: t1 - t0, rest: t2 - t1, findings: r.findings.length };
  };
  const cold = once();
  const earlyParse: number[] = [];
  const earlyRest: number[] = [];
  const warmStart = performance.now();
  let warmupChecks = 0;
  do {
    const r = once();
    warmupChecks++;
    if (earlyParse.length < runs) {
      earlyParse.push(r.parse);
      earlyRest.push(r.rest);
    }
  } while (performance.now() - warmStart < warmupMs);
  const measuredFrom = windows.length;
  const parse: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = once();
    parse.push(r.parse);
    rest.push(r.rest);
  }
  // Entries are delivered on a later turn of the event loop.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  const gcIn = (from: number, to: number) => gcs.filter((g) => g.start >= from && g.start < to).reduce((sum, g) => sum + g.ms, 0);
  const warm = windows.slice(measuredFrom);
  const parseMs = median(parse);
  const restMs = median(rest);
  return {
    coldParseMs: cold.parse,
    coldRestMs: cold.rest,
    parseMs,
    restMs,
    restShare: restMs / (parseMs + restMs),
    parseGcMs: median(warm.map((w) => gcIn(w.t0, w.t1))),
    restGcMs: median(warm.map((w) => gcIn(w.t1, w.t2))),
    findings: cold.findings,
    runs,
    earlyParseMs: median(earlyParse),
    earlyRestMs: median(earlyRest),
    earlyRestShare: median(earlyRest) / (median(earlyParse) + median(earlyRest)),
    warmupChecks,
  };
}

async function main(argv: string[]): Promise<void> {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const file = value('--file');
  if (!file) throw new Error('usage: bench/core.ts --file SPEC [--runs N] [--warmup-ms MS]');
  console.log(JSON.stringify(await measureCore(readFileSync(file, 'utf8'), Number(value('--runs') ?? 5), Number(value('--warmup-ms') ?? 2000))));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
