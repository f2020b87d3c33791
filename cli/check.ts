import path from 'node:path';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import type { CheckOptions } from '../core/check';
import { isComposeFile, projectName } from '../core/compose/read';
import { isSpecFileName } from '../core/spec/specName';
import { checkFiles, type FileInput } from '../core/workspace/checkFiles';
import { composeEnv } from './composeEnv';
import { fixAll } from '../core/fixes';
import { normaliseSettings } from '../core/settings';
import { one, UsageError, type ParsedArgs } from './args';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { summary, toJson, type FileReport } from './format/report';
import { InputError, readSpecBytes } from './io';

export const CHECK_FLAGS = { boolean: ['fix', 'help'], value: ['format', 'engine', 'severity'] };

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

/** `macvlan-spec check`: exit 0 without errors, 1 with errors, 2 on bad usage (thrown). */
export function runCheck(args: ParsedArgs, io: Io, version: string): number {
  const format = one(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got ${format})`);
  if (args.positional.length === 0) throw new UsageError('check needs at least one FILE');
  const severity: Record<string, string> = {};
  for (const s of args.flags.get('severity') ?? []) {
    const m = /^(MV\d{3})=(error|warning|info|off)$/.exec(s);
    if (!m) throw new UsageError(`--severity takes CODE=error|warning|info|off (got ${s})`);
    severity[m[1]] = m[2];
  }
  const engine = one(args, 'engine');
  if (engine !== undefined && !/^\d{1,3}(\.\d{1,3}){0,2}$/.test(engine)) throw new UsageError(`--engine takes a version like 27 or 20.10 (got ${engine})`);
  const opts: CheckOptions = { settings: normaliseSettings({ engine, severity }) };
  const fix = args.flags.has('fix');

  const inputs: FileInput[] = [];
  for (const file of expandInputs(args.positional)) {
    const read = readSpecBytes(file);
    let text = read.text;
    const compose = isComposeFile(file);
    if (fix && compose) {
      io.err(`${file}: not fixed: --fix edits specs only; compose files get their fixes in the editor\n`);
    } else if (fix && !read.utf8) {
      io.err(`${file}: not fixed: the file is not valid UTF-8, and writing it back would replace those bytes — convert it to UTF-8 first\n`);
    } else if (fix) {
      const r = fixAll(text, { ...opts, specPath: path.resolve(file) });
      if (r.applied.length > 0) {
        writeFileSync(file, r.text);
        text = r.text;
        for (const a of r.applied) io.err(`${file}: fixed ${a.code}: ${a.title}\n`);
      }
    }
    inputs.push({ file, text, project: projectName(path.basename(path.dirname(path.resolve(file)))), ...(compose ? { env: composeEnv(file) } : {}) });
  }
  // Every spec and compose file given shares one address space per host (design: "Compose files").
  const checked = checkFiles(inputs, opts);
  const linesByFile = new Map(checked.map((c) => [c.file, c.result.lines]));
  const reports: FileReport[] = checked.map((c) => ({ file: c.file, findings: c.result.findings, lines: c.result.lines, linesOf: (f) => linesByFile.get(f) }));
  if (format === 'json') io.out(JSON.stringify(reports.flatMap(toJson), null, 2) + '\n');
  else if (format === 'sarif') io.out(formatSarif(reports, version));
  else io.out(formatText(reports));
  return summary(reports).errors > 0 ? 1 : 0;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Files as given; a folder stands for the specs and compose files inside it (sorted, recursively). */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
      } else if (isSpecFileName(name) || isComposeFile(p)) out.push(p);
    }
  };
  for (const input of inputs) {
    let dir = false;
    try {
      dir = statSync(input).isDirectory();
    } catch {
      // not there: readSpecBytes says so in its words
    }
    if (!dir) {
      out.push(input);
      continue;
    }
    const before = out.length;
    walk(input);
    if (out.length === before) throw new InputError(`${input} is a folder with no spec (macvlan.yaml, NAME.macvlan.yaml) or compose file (compose.yaml, docker-compose.yml…) in it`);
  }
  return out;
}
