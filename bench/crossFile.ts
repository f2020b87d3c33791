/**
 * The check across files (core/workspace/): what it costs on top of checking each file alone,
 * for a workspace of many compose projects on one host beside a large spec — the work the
 * language server redoes for an open document whenever a file of its host changes.
 *
 *   node --import tsx bench/crossFile.ts [--projects 200] [--size large] [--runs 5]
 *
 * stdout: one JSON line; progress on stderr.
 */
import { parseArgs } from 'node:util';
import { checkFiles, checkOne, crossFileFindingsOf, type FileInput } from '../core/workspace/checkFiles';
import { generateSpec } from './generate';
import { sizeByName } from './sizes';
import { median } from './stats';

const { values } = parseArgs({ options: { projects: { type: 'string', default: '200' }, size: { type: 'string', default: 'large' }, runs: { type: 'string', default: '5' } } });
const projects = Number(values.projects);
const runs = Number(values.runs);

/** Project i: one macvlan network on its own VLAN and /24, two services with static addresses, on the spec's host lab1. */
function project(i: number): string {
  const net = `10.${100 + Math.floor(i / 250)}.${i % 250}`;
  return [
    // On the spec's host: every network of both takes part in the sweeps.
    'x-macvlan: { host: lab1 }',
    'services:',
    ...[1, 2].flatMap((k) => [`  s${k}:`, '    image: busybox', '    networks:', '      lan:', `        ipv4_address: ${net}.${10 + k}`]),
    'networks:',
    '  lan:',
    '    driver: macvlan',
    `    driver_opts: { parent: eth0.${(i % 4000) + 10} }`,
    '    ipam:',
    '      config:',
    `        - { subnet: ${net}.0/24, gateway: ${net}.1 }`,
    '',
  ].join('\n');
}

const s = sizeByName(values.size ?? 'large');
const spec = generateSpec({ networks: s.networks, containers: s.containers, dense: s.dense });
const inputs: FileInput[] = [{ file: 'ws/big.macvlan.yaml', text: spec.text, project: 'ws' }];
for (let i = 0; i < projects; i++) inputs.push({ file: `ws/p${i}/compose.yaml`, text: project(i), project: `p${i}` });

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const alone: number[] = [];
const together: number[] = [];
const crossOnly: number[] = [];
let findings = 0;
for (let r = 0; r < runs; r++) {
  let checked: ReturnType<typeof checkOne>[] = [];
  alone.push(time(() => (checked = inputs.map((i) => checkOne(i)))));
  together.push(time(() => (findings = checkFiles(inputs).reduce((n, c) => n + c.result.findings.length, 0))));
  // What one open document pays per recheck: its findings from the others, the others cached.
  crossOnly.push(time(() => crossFileFindingsOf(checked, 0, undefined)));
  process.stderr.write(`run ${r + 1}/${runs}\n`);
}
process.stdout.write(
  JSON.stringify({
    spec: { size: values.size, networks: s.networks, containers: s.containers },
    projects,
    findings,
    aloneMs: Math.round(median(alone)),
    togetherMs: Math.round(median(together)),
    crossForOneDocumentMs: Number(median(crossOnly).toFixed(1)),
  }) + '\n',
);
