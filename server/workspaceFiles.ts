/**
 * The specs and compose files of the workspace folders (and the `.env` files beside them), read
 * from disk and kept current through the client's file watcher (workspace/didChangeWatchedFiles)
 * and a poll of their own: a compose
 * project in another folder shares the host's address space with the file being edited
 * (design: "Compose files"), whether or not it is open.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isComposeFile } from '../core/compose/read';
import { isSpecFileName } from '../core/spec/specName';

/** Folders never walked: dependencies and VCS data hold no specs of this workspace. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A walk stops after this many directory entries or matching files: a home folder opened by mistake must not stall the server. */
export const MAX_ENTRIES = 50_000;
export const MAX_FILES = 500;
/** How often the known files are looked at, and every how many looks the folders are walked. */
const POLL_MS = 2000;
const WALK_EVERY = 10;
/** After a file was created, the folders are walked again this long after the last creation. */
const RESCAN_DELAY_MS = 1000;
/** Larger files are not read (a spec of 5,000 networks is about 1 MB). */
const MAX_BYTES = 4 * 1024 * 1024;

export interface DiskFile {
  uri: string;
  /** Absolute file path. */
  file: string;
  text: string;
  /** mtime and size when read: a poll reads the file again when they change. */
  stamp: string;
  /** Bumped on every change seen, so checks of this file can be cached by it. */
  version: number;
}

/** A compose project's `.env`: followed like the files, so a check never reads it from disk. */
const isDotEnv = (file: string): boolean => path.basename(file) === '.env';

export function isWatchedName(file: string): boolean {
  return isSpecFileName(path.basename(file)) || isComposeFile(file) || isDotEnv(file);
}

export class WorkspaceFiles {
  private readonly files = new Map<string, DiskFile>();
  private folders: string[] = [];
  private counter = 0;
  private rescanTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  /** Why the last walk stopped early, for the log. */
  truncated?: string;

  constructor(private readonly onChange: () => void) {}

  /** Reads every spec and compose file under the folders (file URIs); replaces what was known. */
  async scan(folderUris: readonly string[]): Promise<void> {
    this.folders = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    await this.walk();
  }

  /**
   * Checks the files itself too, where an editor's watcher misses changes (seen with
   * code-server; network and remote file systems): every POLL_MS the known files' mtime and
   * size, every WALK_EVERY polls the folders for new and deleted ones. Unref'd: the connection
   * keeps the server alive, not this.
   */
  poll(): void {
    if (this.pollTimer || this.folders.length === 0) return;
    let n = 0;
    let busy = false;
    this.pollTimer = setInterval(() => {
      if (busy) return;
      busy = true;
      const before = this.counter;
      const work = ++n % WALK_EVERY === 0 ? this.walk() : Promise.all(this.all().map((f) => this.read(f.file))).then(() => {
        if (this.counter !== before) this.onChange();
      });
      void work.catch(() => undefined).finally(() => {
        busy = false;
      });
    }, POLL_MS);
    this.pollTimer.unref();
  }

  /** Walks the folders again: files no longer there are forgotten, the others read (a file read before keeps its version when its text did not change). */
  private async walk(): Promise<void> {
    this.truncated = undefined;
    let entries = 0;
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let list: import('node:fs').Dirent[];
      try {
        list = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const d of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (++entries > MAX_ENTRIES || found.length >= MAX_FILES) {
          this.truncated ??= entries > MAX_ENTRIES ? `${MAX_ENTRIES} entries` : `${MAX_FILES} files`;
          return;
        }
        const p = path.join(dir, d.name);
        if (d.isDirectory()) {
          if (!SKIP_DIRS.has(d.name)) await walk(p);
        } else if (d.isFile() && isWatchedName(p)) found.push(p);
      }
    };
    for (const f of this.folders) await walk(f);
    const before = this.counter;
    const there = new Set(found);
    const gone = [...this.files.keys()].filter((f) => !there.has(f));
    for (const f of gone) this.files.delete(f);
    await Promise.all(found.map((f) => this.read(f)));
    if (gone.length > 0 || this.counter !== before) this.onChange();
  }

  /**
   * VS Code's watcher does not always report every file created with new folders at once (two
   * projects copied in, a checkout): after a creation the folders are walked again, once the
   * creations pause.
   */
  private rescanSoon(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      void this.walk().catch(() => undefined);
    }, RESCAN_DELAY_MS);
  }

  dispose(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  /** A watcher event: created or changed files are read again, deleted ones forgotten. */
  async changed(events: readonly { uri: string; type: number }[]): Promise<void> {
    let any = false;
    for (const e of events) {
      if (!e.uri.startsWith('file:')) continue;
      const file = fileURLToPath(e.uri);
      if (!isWatchedName(file) || !this.inFolders(file)) continue;
      any = true;
      // FileChangeType: 1 created, 2 changed, 3 deleted.
      if (e.type === 3) this.files.delete(file);
      else await this.read(file);
      if (e.type === 1) this.rescanSoon();
    }
    if (any) this.onChange();
  }

  /** The specs and compose files (not the `.env` files). */
  all(): DiskFile[] {
    return [...this.files.values()].filter((f) => !isDotEnv(f.file));
  }

  /**
   * The text of the `.env` beside `file` as last read ('' when there is none), or undefined
   * when it is not followed (outside the folders, or beyond where a walk stopped).
   */
  dotEnvBeside(file: string): string | undefined {
    if (this.truncated || !this.inFolders(file)) return undefined;
    return this.files.get(path.join(path.dirname(file), '.env'))?.text ?? '';
  }

  /** The workspace folder holding `file`, for folder-relative exclude patterns. */
  folderOf(file: string): string | undefined {
    return this.folders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }

  private inFolders(file: string): boolean {
    return this.folderOf(file) !== undefined;
  }

  /** A file that is gone or no longer readable: its versions move on, so checks see it left. */
  private forgetFile(file: string): void {
    if (this.files.delete(file)) this.counter++;
  }

  private async read(file: string): Promise<void> {
    try {
      const st = await fs.stat(file);
      if (!st.isFile() || st.size > MAX_BYTES) {
        this.forgetFile(file);
        return;
      }
      const stamp = `${st.mtimeMs} ${st.size}`;
      const old = this.files.get(file);
      if (old?.stamp === stamp) return;
      const text = await fs.readFile(file, 'utf8');
      if (old?.text === text) {
        old.stamp = stamp;
        return;
      }
      this.files.set(file, { uri: pathToFileURL(file).href, file, text, stamp, version: ++this.counter });
    } catch {
      this.forgetFile(file);
    }
  }
}
