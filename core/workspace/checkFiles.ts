/**
 * Specs and compose files checked together: each alone (its own rules), then every file that
 * lands on one Docker host against the others (host.ts). `check` runs this on what it is given;
 * the language server on the open documents and the workspace's files.
 */
import { applySeverity, checkText, type CheckOptions, type CheckResult } from '../check';
import { checkCompose } from '../compose/check';
import type { Env } from '../compose/interpolate';
import { isComposeFile, type ComposeFile } from '../compose/read';
import { compareFindings, type Finding } from '../findings';
import type { ObservedState } from '../observed';
import type { CheckSettings } from '../settings';
import { applySuppressions } from '../suppress';
import { crossFileFindings, type HostFile } from './host';

export interface FileInput {
  file: string;
  text: string;
  /** A compose file's project (`name:` in the file wins); its folder's name, cleaned, as compose does. */
  project: string;
  /** A compose file's variables: its `.env` file's and, for the CLI, the environment's. */
  env?: Env;
}

export interface CheckedFile {
  file: string;
  result: CheckResult;
  /** Set for a compose file. */
  compose?: ComposeFile;
}

/** One file alone: a compose file by its name, a spec otherwise. */
export function checkOne(input: FileInput, opts: CheckOptions = {}): CheckedFile {
  if (isComposeFile(input.file)) {
    const r = checkCompose(input.text, { ...opts, project: input.project, ...(input.env ? { env: input.env } : {}) });
    return { file: input.file, result: r, compose: r.compose };
  }
  return { file: input.file, result: checkText(input.text, { ...opts, specPath: input.file }) };
}

/** Every file alone, then together: each result's findings include those across files. */
export function checkFiles(inputs: readonly FileInput[], opts: CheckOptions = {}): CheckedFile[] {
  return withCrossFile(inputs.map((i) => checkOne(i, opts)), opts.settings);
}

/** The files' own findings plus what they do to each other, with severity settings and disable comments applied. */
export function withCrossFile(files: readonly CheckedFile[], settings: CheckSettings | undefined): CheckedFile[] {
  const extra = crossFileFindings(files.map(hostFile));
  return files.map((f, i) => {
    if (extra[i].length === 0) return f;
    const own = applySuppressions(f.result.parsed.text, f.result.lines, applySeverity(extra[i], settings));
    return { ...f, result: { ...f.result, findings: [...f.result.findings, ...own].sort(compareFindings) } };
  });
}

/**
 * Only what file `i` gets from the others (the open document's own findings are cached apart);
 * `observed`: the connected hosts, for external networks no file defines.
 */
export function crossFileFindingsOf(files: readonly CheckedFile[], i: number, settings: CheckSettings | undefined, observed?: ObservedState): Finding[] {
  const extra = crossFileFindings(files.map(hostFile), observed)[i] ?? [];
  const f = files[i];
  return extra.length === 0 ? extra : applySuppressions(f.result.parsed.text, f.result.lines, applySeverity(extra, settings));
}

export function hostFile(f: CheckedFile): HostFile {
  return { file: f.file, facts: f.result.facts, ...(f.compose ? { compose: f.compose } : {}) };
}
