/**
 * Where a full check's time goes: samples checkText() on a generated spec with V8's CPU
 * profiler (the one `node --cpu-prof` uses, driven through node:inspector so that only the
 * measured checks are in the profile, not module loading and the warm-up), then attributes
 * every sample to a phase — parse (and its steps), facts, schema, each rule, suppressions,
 * sorting — by the innermost phase function on its stack.
 *
 *   node --import tsx bench/profile.ts [--size large] [--runs 3] [--cold] [--interval 200]
 *
 * Writes bench/out/check-<size>.cpuprofile (open in Chrome DevTools or speedscope) and prints
 * milliseconds per check for each phase.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { checkText } from '../core/check';
import { OUT_DIR, writeSize } from './generate';
import { ROOT } from './servers';
import { median } from './stats';

export interface PhaseRow {
  phase: string;
  /** Milliseconds per check. */
  ms: number;
  share: number;
}

export interface ProfileReport {
  size: string;
  runs: number;
  wallMs: number[];
  /** The phases folded into the few buckets an optimisation plan is made of. */
  summary: PhaseRow[];
  phases: PhaseRow[];
  /** Self time by where the code lives (yaml package, ajv, core/…, GC). */
  byPlace: PhaseRow[];
  topSelf: PhaseRow[];
  profileFile: string;
}

/** Functions that start a phase of checkText; the innermost one on a stack names the sample. */
const PHASE_FUNCTIONS: Record<string, string> = {
  parseSpec: 'parse',
  buildFacts: 'facts',
  schemaFindings: 'schema',
  applySuppressions: 'suppressions',
  applySeverity: 'severity overrides',
  compareFindings: 'sort findings',
  LineIndex: 'line index',
  checkParsed: 'check (own code)',
};

type CallFrame = Profiler.ProfileNode['callFrame'];

const RULE_HELPERS = new Set(['util.ts', 'types.ts', 'registry.ts']);

/** Rule file → code, read from the registry so that new rules need no change here. */
function ruleCodes(): Map<string, string> {
  const src = readFileSync(path.join(ROOT, 'core', 'rules', 'registry.ts'), 'utf8');
  const fileOf = new Map<string, string>();
  for (const m of src.matchAll(/import \{ rule as (\w+) \} from '\.\/(\w+)'/g)) fileOf.set(m[1], `${m[2]}.ts`);
  const codes = new Map<string, string>();
  for (const m of src.matchAll(/^\s+(\w+), \/\/ (MV\d{3})/gm)) {
    const file = fileOf.get(m[1]);
    if (file) codes.set(file, m[2]);
  }
  return codes;
}

function relativeUrl(url: string): string {
  return url.startsWith('file:') ? path.relative(ROOT, fileURLToPath(url)) : url;
}

/** A package (node_modules/yaml) or a core/ folder: the granularity an optimisation plan needs. */
function placeOf(frame: CallFrame): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native / builtins)';
  if (frame.url.startsWith('node:')) return '(node internals)';
  const parts = relativeUrl(frame.url).split('/');
  if (parts[0] === 'node_modules') return parts.slice(0, parts[1].startsWith('@') ? 3 : 2).join('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : parts.join('/');
}

/** Function and place; line numbers only for plain JS, as tsx-compiled TS reports its own lines. */
function frameName(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const rel = relativeUrl(f.url);
  return rel.endsWith('.ts') ? `${name} ${rel}` : `${name} ${rel}:${f.lineNumber + 1}`;
}

export function attribute(profile: Profiler.Profile, checks: number): { phases: PhaseRow[]; byPlace: PhaseRow[]; topSelf: PhaseRow[] } {
  const codes = ruleCodes();
  const byId = new Map<number, Profiler.ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const phaseUs = new Map<string, number>();
  const placeUs = new Map<string, number>();
  const selfUs = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  const phaseCache = new Map<number, string>();

  const phaseOf = (leaf: number): string => {
    const cached = phaseCache.get(leaf);
    if (cached !== undefined) return cached;
    let below: Profiler.ProfileNode | undefined;
    let label = 'outside checkText (harness, idle)';
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const f = node.callFrame;
      const file = f.url.startsWith('file:') ? path.basename(fileURLToPath(f.url)) : '';
      if (f.url.includes('/core/rules/') && !RULE_HELPERS.has(file)) {
        label = `rule ${codes.get(file) ?? '?'} ${file.replace(/\.ts$/, '')}`;
        break;
      }
      const phase = PHASE_FUNCTIONS[f.functionName];
      if (phase !== undefined && f.url.includes('/core/')) {
        // Parse and schema are split by the step they called; the rest are one row each.
        if (phase !== 'parse' && phase !== 'schema' && phase !== 'facts') label = phase;
        else label = below ? `${phase} › ${below.callFrame.functionName || '(anonymous)'}` : `${phase} (self)`;
        break;
      }
      if (f.functionName === '(garbage collector)') {
        label = '(garbage collector)';
        break;
      }
      below = node;
    }
    phaseCache.set(leaf, label);
    return label;
  };

  for (let i = 0; i < samples.length; i++) {
    const us = deltas[i + 1] ?? 0;
    const node = byId.get(samples[i])!;
    add(phaseUs, phaseOf(samples[i]), us);
    add(placeUs, placeOf(node.callFrame), us);
    add(selfUs, frameName(node.callFrame), us);
  }
  const rows = (m: Map<string, number>, drop: (k: string) => boolean = () => false): PhaseRow[] => {
    const kept = [...m].filter(([k]) => !drop(k));
    const total = kept.reduce((s, [, us]) => s + us, 0);
    return kept.map(([phase, us]) => ({ phase, ms: us / 1000 / checks, share: us / total })).sort((a, b) => b.ms - a.ms);
  };
  const idle = (k: string) => k === 'outside checkText (harness, idle)' || k === '(idle)' || k === '(program)';
  return { phases: rows(phaseUs, idle), byPlace: rows(placeUs, idle), topSelf: rows(selfUs, (k) => k.startsWith('(idle)') || k.startsWith('(program)')).slice(0, 25) };
}

const BUCKETS: [RegExp, string][] = [
  [/^parse › (parse|next|lex)$/, 'parse: yaml CST (lexer + parser)'],
  [/^parse › composeFirst$/, 'parse: yaml compose (Document)'],
  [/^parse › toJS$/, 'parse: yaml toJS (plain value for the schema)'],
  [/^parse › buildModel$/, 'parse: our model (buildModel)'],
  [/^parse › duplicateKeys$/, 'parse: duplicate-key scan'],
  [/^parse › deeperThan$/, 'parse: nesting-depth scan'],
  [/^parse/, 'parse: other'],
  [/^schema/, 'schema (ajv + spans)'],
  [/^facts/, 'facts (buildFacts)'],
  [/^rule /, 'rules (all)'],
  [/^\(garbage collector\)$/, 'garbage collector (mostly parse allocations; see bench/core.ts)'],
];

export function summarise(phases: readonly PhaseRow[]): PhaseRow[] {
  const sums = new Map<string, PhaseRow>();
  for (const p of phases) {
    const bucket = BUCKETS.find(([re]) => re.test(p.phase))?.[1] ?? 'other (check, line index, suppressions, sort)';
    const row = sums.get(bucket) ?? { phase: bucket, ms: 0, share: 0 };
    row.ms += p.ms;
    row.share += p.share;
    sums.set(bucket, row);
  }
  return [...sums.values()].sort((a, b) => b.ms - a.ms);
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    session.post(method, params ?? {}, (err: Error | null, result?: object) => (err ? reject(err) : resolve(result as T)));
  });
}

export async function profileCheck(size: string, runs: number, opts: { cold?: boolean; intervalUs?: number } = {}): Promise<ProfileReport> {
  const { file } = writeSize(size);
  const text = readFileSync(file, 'utf8');
  if (!opts.cold) checkText(text);
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: opts.intervalUs ?? 200 });
  await post(session, 'Profiler.start');
  const wallMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    checkText(text);
    wallMs.push(performance.now() - t0);
  }
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  const profileFile = path.join(OUT_DIR, `check-${size}${opts.cold ? '-cold' : ''}.cpuprofile`);
  writeFileSync(profileFile, JSON.stringify(profile));
  const attributed = attribute(profile, runs);
  return { size, runs, wallMs, summary: summarise(attributed.phases), ...attributed, profileFile };
}

function printRows(title: string, rows: readonly PhaseRow[], limit = rows.length): void {
  console.log(`\n${title}`);
  for (const r of rows.slice(0, limit)) console.log(`  ${r.ms.toFixed(1).padStart(9)} ms  ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.phase}`);
}

async function main(argv: string[]): Promise<void> {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const size = value('--size') ?? 'large';
  const runs = Number(value('--runs') ?? 3);
  const r = await profileCheck(size, runs, { cold: argv.includes('--cold'), intervalUs: Number(value('--interval') ?? 200) });
  console.log(`checkText on ${size}: ${runs} checks${argv.includes('--cold') ? ' (first one cold)' : ' after one warm-up'}, wall ${r.wallMs.map((x) => x.toFixed(0)).join(' / ')} ms (median ${median(r.wallMs).toFixed(0)} ms)`);
  console.log('Sampled milliseconds per check; shares are of sampled check time (GC included as its own row).');
  printRows('Summary:', r.summary);
  printRows('By phase (innermost phase function on the stack):', r.phases);
  printRows('By place (self time, where the running code lives):', r.byPlace, 15);
  printRows('Top self time:', r.topSelf, 25);
  console.log(`\nprofile: ${path.relative(process.cwd(), r.profileFile)}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
