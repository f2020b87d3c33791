/**
 * What one version of a spec keeps alive, layer by layer: the yaml package's token tree (CST),
 * its Document, the plain JS value for the schema, then our ParsedSpec and CheckResult. The
 * server's peak RSS is a few of these (the version being typed, the one still checked, garbage
 * not yet collected), so this is where the peak-RSS target is won or lost.
 *
 *   node --expose-gc --import tsx bench/memory.ts [--size large]
 *
 * The first three rows repeat parseSpec's steps with the yaml package directly, because
 * parseSpec does not expose its intermediate CST; they show what each layer costs, not
 * parseSpec's exact peak.
 */
import { readFileSync } from 'node:fs';
import { Composer, LineCounter, Parser } from 'yaml';
import { checkParsed } from '../core/check';
import { parseSpec } from '../core/spec/parse';
import { writeSize } from './generate';
import { formatBytes } from './sizes';

function heapMiB(gc: () => void): number {
  // Twice: the first pass can leave objects that only a second one frees (weak refs, finalisers).
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

function main(argv: string[]): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc --import tsx bench/memory.ts');
  const i = argv.indexOf('--size');
  const size = i >= 0 ? argv[i + 1] : 'large';
  const { file } = writeSize(size);
  const text = readFileSync(file, 'utf8');
  const rows: [string, number][] = [];
  let last = heapMiB(gc);
  const step = (label: string) => {
    const now = heapMiB(gc);
    rows.push([label, now - last]);
    last = now;
  };

  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  step('yaml CST tokens (+ LineCounter)');
  const doc = [...new Composer({ uniqueKeys: false, strict: true, merge: false }).compose(tokens, true, text.length)][0];
  step('yaml Document (composed from the CST)');
  const value = doc.toJS();
  step('plain JS value (doc.toJS, for the schema)');
  tokens.length = 0;
  step('dropping the CST');
  const layers = { doc, value };

  const parsed = parseSpec(text);
  step('parseSpec(): a whole ParsedSpec (document, value, model)');
  const result = checkParsed(parsed);
  step(`checkParsed(): facts, findings (${result.findings.length}), line index`);

  const status = readFileSync('/proc/self/status', 'utf8');
  const hwm = /^VmHWM:\s+(\d+)/m.exec(status)?.[1];
  console.log(`${size}: ${formatBytes(Buffer.byteLength(text))} of YAML; retained heap per step (after full GC):`);
  for (const [label, mib] of rows) console.log(`  ${mib >= 0 ? '+' : ''}${mib.toFixed(0).padStart(5)} MiB  ${label}`);
  console.log(`process peak RSS (VmHWM): ${hwm ? (Number(hwm) / 1024).toFixed(0) : '?'} MiB`);
  // Keeps the measured objects reachable until the numbers are taken.
  if (!layers.doc || !parsed.model || !result.lines) console.log('');
}

main(process.argv.slice(2));
