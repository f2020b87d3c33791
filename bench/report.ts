/**
 * The results table and the issue's targets. Kept apart from the runner so the targets can
 * be read (and changed) in one place.
 */
import type { ActivationResult } from './activation';
import type { MultiHostResult } from './multihost';
import type { CoreResult } from './core';
import type { RunResult } from './lsp';
import { formatMiB, formatMs, median, medianDefined } from './stats';

export type MetricKey = 'openMs' | 'reopenMs' | 'editMs' | 'completionMs' | 'hoverMs' | 'completionAfterEditMs' | 'hoverAfterEditMs' | 'peakRssBytes';

export const METRICS: readonly { key: MetricKey; label: string; bytes?: boolean }[] = [
  { key: 'openMs', label: 'didOpen → diagnostics' },
  { key: 'reopenMs', label: 'didOpen, warm server (2nd file)' },
  { key: 'editMs', label: 'edit → diagnostics' },
  { key: 'completionMs', label: 'completion (ipv4_address)' },
  { key: 'completionAfterEditMs', label: 'completion right after an edit' },
  { key: 'hoverMs', label: 'hover (subnet)' },
  { key: 'hoverAfterEditMs', label: 'hover right after an edit' },
  { key: 'peakRssBytes', label: 'peak RSS (VmHWM)', bytes: true },
];

/** Absolute limit in ms, or ours/peer at most `ratio`. */
export type Target = { kind: 'abs'; limit: number; text: string } | { kind: 'rel'; ratio: number; text: string };

const abs = (limit: number, text: string): Target => ({ kind: 'abs', limit, text });
const rel = (ratio: number): Target => ({ kind: 'rel', ratio, text: `≤ ${ratio * 100}% of peer` });

/** The targets of the benchmark issue, by size and metric. */
export const TARGETS: Record<string, Partial<Record<MetricKey | 'cliMs' | 'restShare', Target>>> = {
  small: { openMs: abs(30, '≤ 30 ms'), editMs: abs(30, '≤ 30 ms') },
  medium: { openMs: rel(0.25), editMs: rel(0.1) },
  'medium-dense': { openMs: rel(0.25), editMs: rel(0.1) },
  large: {
    openMs: rel(0.25),
    editMs: rel(0.05),
    peakRssBytes: rel(0.25),
    completionMs: abs(50, '≤ 50 ms'),
    completionAfterEditMs: abs(50, '≤ 50 ms'),
    hoverMs: abs(50, '≤ 50 ms'),
    hoverAfterEditMs: abs(50, '≤ 50 ms'),
    cliMs: abs(3000, '≤ 3 s'),
  },
  'large-dense': { openMs: rel(0.25), editMs: rel(0.05), completionMs: abs(50, '≤ 50 ms'), completionAfterEditMs: abs(50, '≤ 50 ms'), hoverMs: abs(50, '≤ 50 ms'), hoverAfterEditMs: abs(50, '≤ 50 ms') },
};

/** Issue 5: "Extension activation ≤ 100 ms; the server bundle does not load dockerode." */
export const ACTIVATION_TARGET: Target = abs(100, '≤ 100 ms');

export interface SizeResults {
  size: string;
  bytes: number;
  ours: RunResult[];
  peer: RunResult[];
  oursError?: string;
  peerError?: string;
  cliMs: number[];
  core?: CoreResult;
}

export interface Row {
  size: string;
  metric: string;
  ours: string;
  peer: string;
  ratio: string;
  target: string;
  verdict: 'PASS' | 'FAIL' | '';
}

function verdict(t: Target | undefined, ours: number | undefined, peer: number | undefined): Row['verdict'] {
  if (!t || ours === undefined || Number.isNaN(ours)) return '';
  if (t.kind === 'abs') return ours <= t.limit ? 'PASS' : 'FAIL';
  if (peer === undefined || Number.isNaN(peer)) return '';
  return ours <= t.ratio * peer ? 'PASS' : 'FAIL';
}

export function rowsFor(r: SizeResults, sizeLabel: string): Row[] {
  const targets = TARGETS[r.size] ?? {};
  const rows: Row[] = [];
  for (const m of METRICS) {
    const ours = r.ours.length > 0 ? medianDefined(r.ours.map((x) => x[m.key])) : undefined;
    const peer = r.peer.length > 0 ? medianDefined(r.peer.map((x) => x[m.key])) : undefined;
    const fmt = m.bytes ? formatMiB : formatMs;
    const t = targets[m.key];
    rows.push({
      size: sizeLabel,
      metric: m.label,
      ours: r.oursError ? 'error' : fmt(ours),
      peer: r.peerError ? 'error' : fmt(peer),
      ratio: ours !== undefined && peer !== undefined && peer > 0 ? (ours / peer).toFixed(3) : '—',
      target: t?.text ?? '',
      verdict: verdict(t, ours, peer),
    });
  }
  const cli = r.cliMs.length > 0 ? median(r.cliMs) : undefined;
  rows.push({ size: sizeLabel, metric: 'CLI `check` wall time', ours: formatMs(cli), peer: '—', ratio: '—', target: targets.cliMs?.text ?? '', verdict: verdict(targets.cliMs, cli, undefined) });
  if (r.core) {
    const c = r.core;
    rows.push({
      size: sizeLabel,
      metric: 'rules share (after-parse / full check)',
      ours:
        `${(c.restShare * 100).toFixed(1)}% (parse ${formatMs(c.parseMs)} incl. GC ${formatMs(c.parseGcMs)}, rest ${formatMs(c.restMs)}; ` +
        `before warm-up ${(c.earlyRestShare * 100).toFixed(1)}%: ${formatMs(c.earlyParseMs)} + ${formatMs(c.earlyRestMs)})`,
      peer: '—',
      ratio: '—',
      target: targets.restShare?.text ?? '',
      verdict: verdict(targets.restShare, c.restShare, undefined),
    });
  }
  return rows;
}

const ms = (x: number | undefined): string => (x === undefined ? '?' : formatMs(x));

/** The extension rows (bench/activation.ts): activate(), client ready, Docker code at activation. */
/** Issue 12: N hosts at once take at most 1.5× one host's time. */
const SCALE_TARGET: Target = abs(1.5, '≤ 1.5× at 6 hosts');

export function multiHostRows(m: MultiHostResult | { error: string }): Row[] {
  const row = (metric: string, ours: string, target = '', v: Row['verdict'] = ''): Row => ({ size: 'multi-host', metric, ours, peer: '—', ratio: '—', target, verdict: v });
  if ('error' in m) return [row('plan / apply against 1, 3, 6 engines', `error: ${m.error}`)];
  const one = m.rows.find((r) => r.hosts === 1);
  const out: Row[] = [];
  for (const [key, label] of [['planMs', 'plan'], ['applyMs', 'apply'], ['removeMs', 'apply --prune (empty spec)']] as const) {
    const parts = m.rows.map((r) => `${r.hosts}: ${formatMs(r[key])}${one && r.hosts !== 1 ? ` (${(r[key] / one[key]).toFixed(2)}×)` : ''}`);
    const six = m.rows.find((r) => r.hosts === 6);
    const ratio = one && six ? six[key] / one[key] : undefined;
    out.push(row(`${label}, by number of hosts (${m.shape.networks} networks, ${m.shape.containers} containers each)`, parts.join(' · '), SCALE_TARGET.text, verdict(SCALE_TARGET, ratio, undefined)));
  }
  return out;
}

/** Window reload → first squiggles on a small spec (issue 11). */
const COLD_TARGET: Target = abs(1000, '≤ 1 s');

export function activationRows(a: ActivationResult | { error: string }): Row[] {
  const row = (metric: string, ours: string, target = '', v: Row['verdict'] = ''): Row => ({ size: 'extension', metric, ours, peer: '—', ratio: '—', target, verdict: v });
  const labels = ['extension activation (activate())', 'extension activation → language client ready', 'Docker code loaded (server bundle, during activate())'];
  const notMeasured = (why: string): Row[] => [row(labels[0], why, ACTIVATION_TARGET.text), row(labels[1], why), row(labels[2], why, 'none')];
  if ('error' in a) return notMeasured(`error: ${a.error}`);
  if (a.skipped !== undefined) return notMeasured(`skipped: ${a.skipped}`);
  if (a.samples.length === 0) return notMeasured(`error: no run succeeded (${a.failures.join('; ')})`);
  const r = a;
  const n = `n=${r.samples.length}${r.failures.length > 0 ? `, ${r.failures.length} failed` : ''}`;
  const readyFailed = r.samples.filter((s) => s.readyError !== undefined).length;
  const docker = [...r.serverDockerInputs, ...(r.dockerDuringActivate > 0 ? [`dist/docker.js in ${r.dockerDuringActivate}/${r.samples.length} activations`] : [])];
  return [
    row(
      labels[0],
      `${formatMs(r.activateMs)} (load dist/client.js ${ms(r.requireMs)}, CPU ${ms(r.requireCpuMs)}; activate() call ${ms(r.activateCallMs)}; ${n})`,
      ACTIVATION_TARGET.text,
      verdict(ACTIVATION_TARGET, r.activateMs, undefined),
    ),
    row(labels[1], readyFailed > 0 ? `error: the server did not start in ${readyFailed} run(s)` : `${formatMs(r.readyMs)} (${n})`),
    row(labels[2], docker.length === 0 ? 'none' : docker.slice(0, 3).join(', '), 'none', docker.length === 0 ? 'PASS' : 'FAIL'),
    row(
      'cold start: a small spec opened in a fresh window → first diagnostics',
      r.coldDiagnosticsMs === undefined ? 'not measured' : `${formatMs(r.coldDiagnosticsMs)} (activation and server start included; n=${r.coldSamples?.length ?? 0})`,
      COLD_TARGET.text,
      verdict(COLD_TARGET, r.coldDiagnosticsMs, undefined),
    ),
  ];
}

export function markdownTable(rows: readonly Row[]): string {
  const head = '| size | metric | ours | peer | ours/peer | target | |\n|---|---|---:|---:|---:|---|---|';
  return [head, ...rows.map((r) => `| ${r.size} | ${r.metric} | ${r.ours} | ${r.peer} | ${r.ratio} | ${r.target} | ${r.verdict} |`)].join('\n');
}

/** The same table for a terminal: aligned columns, no pipes. */
export function textTable(rows: readonly Row[]): string {
  const cols: (keyof Row)[] = ['size', 'metric', 'ours', 'peer', 'ratio', 'target', 'verdict'];
  const head: Row = { size: 'size', metric: 'metric', ours: 'ours', peer: 'peer', ratio: 'ours/peer', target: 'target', verdict: '' };
  const width = cols.map((c) => Math.max(...[head, ...rows].map((r) => r[c].length)));
  const line = (r: Row) => cols.map((c, i) => (c === 'ours' || c === 'peer' || c === 'ratio' ? r[c].padStart(width[i]) : r[c].padEnd(width[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
