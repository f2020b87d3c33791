/**
 * Plan and apply against 1, 3 and 6 real engines (scripts/engine, each in its own network
 * namespace) with the same spec shape per host, through the CLI as a user runs it: the N-host
 * wall time over the 1-host wall time (issue 12's target: at most 1.5× at 6 hosts — the work is
 * Docker's and runs concurrently).
 *
 *   node --import tsx bench/multihost.ts [--counts 1,3,6] [--runs 2] [--json FILE]
 *
 * stdout: one JSON line (MultiHostResult); progress on stderr. Needs root (engines in netns)
 * and `npm run build` (dist/cli.js).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cli } from '../test/engine/cliRun';
import { type Engine, startEngine } from '../test/engine/engine';
import { median } from './stats';

export interface MultiHostResult {
  /** Per host: networks and containers the spec gives it. */
  shape: { networks: number; containers: number };
  rows: { hosts: number; planMs: number; applyMs: number; removeMs: number }[];
}

const NETWORKS = 4;
const PER_NETWORK = 3;
const PARENTS = ['eth0', 'eth1', 'eth2', 'bond0'];

/** n hosts, each with NETWORKS networks and NETWORKS × PER_NETWORK containers at its own addresses. */
function specFor(engines: Engine[], n: number, image: string, empty = false): string {
  const lines = ['version: 1', 'name: scale', 'hosts:'];
  for (let h = 1; h <= n; h++) lines.push(`  h${h}: { docker: "${engines[h - 1].dockerHost}" }`);
  if (empty) return `${lines.join('\n')}\n`;
  lines.push('networks:');
  for (let k = 0; k < NETWORKS; k++) {
    const ranges = Array.from({ length: n }, (_, h) => `h${h + 1}: 10.${k}.${h + 1}.0/24`).join(', ');
    lines.push(`  n${k}:`, `    parent: ${PARENTS[k]}`, `    subnet: 10.${k}.0.0/16`, `    gateway: 10.${k}.0.1`, `    ip_range: { ${ranges} }`);
  }
  lines.push('containers:');
  for (let h = 1; h <= n; h++) {
    for (let k = 0; k < NETWORKS; k++) {
      for (let c = 0; c < PER_NETWORK; c++) {
        // PID 1 ignores SIGTERM unless it says otherwise: this one stops at once when pruned.
        lines.push(`  c${h}-${k}-${c}:`, `    image: ${image}`, `    host: h${h}`, `    command: [sh, -c, "trap 'exit 0' TERM; sleep 3600 & wait"]`, '    networks:', `      n${k}: { ipv4_address: 10.${k}.${100 + h}.${10 + c} }`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const note = (s: string) => void process.stderr.write(`[multihost] ${s}\n`);

async function timedCli(args: string[]): Promise<number> {
  const t0 = performance.now();
  const r = await cli(args);
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`macvlan-spec ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
  return ms;
}

export async function measureMultiHost(counts: number[], runs: number): Promise<MultiHostResult> {
  const max = Math.max(...counts);
  const engines: Engine[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mvs-scale-'));
  try {
    for (let i = 0; i < max; i++) engines.push(await startEngine({ parents: PARENTS }));
    note(`${max} engines up`);
    const rows: MultiHostResult['rows'] = [];
    for (const n of counts) {
      const file = path.join(dir, `scale.macvlan.yaml`);
      const plan: number[] = [];
      const apply: number[] = [];
      const remove: number[] = [];
      for (let r = 0; r < runs; r++) {
        writeFileSync(file, specFor(engines, n, engines[0].image));
        plan.push(await timedCli(['plan', file, '--yes']));
        apply.push(await timedCli(['apply', file, '--yes']));
        // The same spec with nothing in it, pruned: every host back to empty for the next run.
        writeFileSync(file, specFor(engines, n, engines[0].image, true));
        remove.push(await timedCli(['apply', file, '--yes', '--prune']));
        note(`${n} host(s), run ${r + 1}/${runs}: plan ${plan[r].toFixed(0)} ms, apply ${apply[r].toFixed(0)} ms, prune ${remove[r].toFixed(0)} ms`);
      }
      rows.push({ hosts: n, planMs: median(plan), applyMs: median(apply), removeMs: median(remove) });
    }
    return { shape: { networks: NETWORKS, containers: NETWORKS * PER_NETWORK }, rows };
  } finally {
    for (const e of engines) await e.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values: v } = parseArgs({ options: { counts: { type: 'string' }, runs: { type: 'string' }, json: { type: 'string' } }, strict: true });
  const counts = (v.counts ?? '1,3,6').split(',').map(Number);
  measureMultiHost(counts, Number(v.runs ?? 2)).then(
    (r) => {
      const json = JSON.stringify(r);
      if (v.json) writeFileSync(v.json, json);
      process.stdout.write(`${json}\n`);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack ?? err.message : String(err));
      process.exit(1);
    },
  );
}
