/**
 * Specs and compose files that land on one Docker host share its address space (design:
 * "Compose files"): the open documents and the workspace's other files are checked together,
 * as `check` does with the files it is given (core/workspace/). Each open document is checked
 * alone with its own settings and cached by version; what the files do to each other is
 * recomputed per request (a sort and sweep over their networks).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeVariables, type Env } from '../core/compose/interpolate';
import { fileURLToPath } from 'node:url';
import { checkOne, crossFileFindingsOf, hostFile, type CheckedFile } from '../core/workspace/checkFiles';
import { globMatcher } from '../core/workspace/glob';
import { withNeighbours } from '../core/workspace/neighbours';
import { isComposeFile, projectName } from '../core/compose/read';
import type { Finding } from '../core/findings';
import type { ObservedState } from '../core/observed';
import { uriPath } from '../core/service/document';
import type { OtherFile } from './convert';
import type { ObservedStore } from './observed';
import type { ServerSettings } from './settings';
import type { OpenSpecs } from './specs';
import type { WorkspaceFiles } from './workspaceFiles';

export function isComposeUri(uri: string): boolean {
  return isComposeFile(uriPath(uri));
}

/** The file path a URI stands for (the URI's path when it is not a file). */
export function fileOfUri(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // a malformed file URI: its path as written
    }
  }
  try {
    return decodeURIComponent(uriPath(uri));
  } catch {
    return uriPath(uri);
  }
}

/**
 * A compose file's variables: the environment over the `.env` beside it, as `docker compose`
 * run there takes them; `dotEnv` is that file's text when it is known already (the workspace
 * follows it), else it is read. `key` changes with the `.env` text, so an edit of it is seen
 * by the next check. Specs have none.
 */
export function composeEnv(file: string, dotEnv?: string): { env?: Env; key: string } {
  if (!isComposeFile(file) || !path.isAbsolute(file)) return { key: '' };
  let text = dotEnv;
  if (text === undefined) {
    try {
      text = readFileSync(path.join(path.dirname(file), '.env'), 'utf8');
    } catch {
      text = '';
    }
  }
  return { env: composeVariables(text, process.env), key: text };
}

function projectOf(file: string): string {
  return projectName(path.basename(path.dirname(file)));
}

/** A document and what shares its hosts. */
export interface HostContext {
  self: CheckedFile;
  settings: ServerSettings;
  /** The other open documents and workspace files (not left out by `macvlan.workspace.exclude`). */
  others: CheckedFile[];
  /** Where a related place in another file points: its URI and lines. */
  resolve: OtherFile;
  /** The files of open documents (the others are read from disk). */
  open: ReadonlySet<string>;
  /** What the client says the document's connected hosts have (external networks are looked up there). */
  observed?: ObservedState;
}

interface Cached {
  version: number;
  /** The check settings it was made with, as JSON: each document's settings are an object of their own. */
  settings: string;
  checked: CheckedFile;
}

export class HostFiles {
  private readonly open = new Map<string, Cached>();
  private readonly disk = new Map<string, Cached>();

  constructor(
    private readonly specs: OpenSpecs,
    private readonly workspace: WorkspaceFiles,
    private readonly observed: ObservedStore,
  ) {}

  /** An open compose document checked alone (its own findings), with its settings; undefined when closed or changed meanwhile. */
  async compose(uri: string): Promise<{ checked: CheckedFile; settings: ServerSettings } | undefined> {
    const td = this.specs.documents.get(uri);
    if (!td) return undefined;
    const settings = await this.specs.settingsOf(uri);
    if (this.specs.documents.get(uri)?.version !== td.version) return undefined;
    return { checked: this.checkedOpen(uri, td.version, td.getText(), settings), settings };
  }

  /** Everything `uri` (checked as `self`) shares a host with, and the findings it gets from them. */
  async context(uri: string, self: CheckedFile, settings: ServerSettings): Promise<HostContext> {
    const excluded = this.excluder(settings);
    const others: CheckedFile[] = [];
    const byFile = new Map<string, { uri: string; checked: CheckedFile }>();
    const resolve: OtherFile = (file) => {
      const o = byFile.get(file);
      return o && { uri: o.uri, lines: o.checked.result.lines };
    };
    const openFiles = new Set<string>([self.file]);
    const observed = this.observed.get(uri);
    if (excluded(self.file)) return { self, settings, others, resolve, open: openFiles, observed };
    for (const td of this.specs.documents.all()) {
      const file = fileOfUri(td.uri);
      openFiles.add(file);
      if (td.uri === uri || excluded(file)) continue;
      const checked = await this.openChecked(td.uri);
      if (!checked) continue;
      others.push(checked);
      byFile.set(checked.file, { uri: td.uri, checked });
    }
    for (const d of this.workspace.all()) {
      if (openFiles.has(d.file) || d.file === self.file || excluded(d.file)) continue;
      const checked = this.checkedDisk(d.file, d.version, d.text, settings);
      others.push(checked);
      byFile.set(checked.file, { uri: d.uri, checked });
    }
    return { self, settings, others, resolve, open: openFiles, observed };
  }

  /** The findings `self` gets from the files it shares hosts with. */
  crossFindings(ctx: HostContext): Finding[] {
    if (ctx.others.length === 0 && !ctx.self.compose?.externals.length) return [];
    // Of two clashing files the later one gets the finding (Docker refuses the second). Files on
    // disk come first, as if already up, then the open documents, each group in path order as
    // `check FOLDER` reads them: so the document being edited is the one told about a clash
    // with a file that is not open (where nobody would see it), and the order in which
    // documents were opened changes nothing.
    const rank = (f: CheckedFile) => (ctx.open.has(f.file) ? 1 : 0);
    const all = [ctx.self, ...ctx.others].sort((a, b) => rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return crossFileFindingsOf(all, all.indexOf(ctx.self), ctx.settings.check, ctx.observed);
  }

  /** Host state for fixes and completion: the connected host's networks and those the other files put there. */
  neighbours(ctx: HostContext, observed: ObservedState | undefined): ObservedState | undefined {
    return withNeighbours([ctx.self, ...ctx.others].map(hostFile), 0, observed);
  }

  forget(uri: string): void {
    this.open.delete(uri);
  }

  /**
   * Checks the workspace's files that are not checked yet, one per turn of the event loop, so
   * that the first document opened does not wait for all of them (a workspace may hold specs
   * of thousands of networks). With `settings`: those of the workspace folder, which the open
   * documents usually share (another document's settings check them again when it asks).
   */
  warm(settings: ServerSettings): void {
    const todo = this.workspace.all();
    // Files that left the workspace leave the cache too.
    const there = new Set(todo.map((d) => d.file));
    for (const f of this.disk.keys()) if (!there.has(f)) this.disk.delete(f);
    const next = (): void => {
      const d = todo.shift();
      if (!d) return;
      if (!this.specs.documents.all().some((td) => fileOfUri(td.uri) === d.file)) this.checkedDisk(d.file, d.version, d.text, settings);
      setImmediate(next);
    };
    setImmediate(next);
  }

  private excluder(settings: ServerSettings): (file: string) => boolean {
    if (settings.workspaceExclude.length === 0) return () => false;
    const match = globMatcher(settings.workspaceExclude);
    return (file) => {
      const folder = this.workspace.folderOf(file);
      return match(folder ? path.relative(folder, file) : path.basename(file));
    };
  }

  private async openChecked(uri: string): Promise<CheckedFile | undefined> {
    if (isComposeUri(uri)) return (await this.compose(uri))?.checked;
    const open = await this.specs.get(uri);
    return open && { file: fileOfUri(uri), result: open.spec.result };
  }

  private checkedOpen(uri: string, version: number, text: string, settings: ServerSettings): CheckedFile {
    return this.checked(this.open, uri, fileOfUri(uri), version, text, settings);
  }

  /** A workspace file that is not open, checked with the settings of the document asking. */
  private checkedDisk(file: string, version: number, text: string, settings: ServerSettings): CheckedFile {
    return this.checked(this.disk, file, file, version, text, settings);
  }

  /** A file checked alone, kept in `cache` under `key` until its version, settings or `.env` change. */
  private checked(cache: Map<string, Cached>, key: string, file: string, version: number, text: string, settings: ServerSettings): CheckedFile {
    const env = composeEnv(file, this.workspace.dotEnvBeside(file));
    const made = `${JSON.stringify(settings.check)} ${env.key}`;
    const c = cache.get(key);
    if (c && c.version === version && c.settings === made) return c.checked;
    const checked = checkOne({ file, text, project: projectOf(file), env: env.env }, { settings: settings.check });
    cache.set(key, { version, settings: made, checked });
    return checked;
  }
}
