/**
 * Drives one language server over stdio the way VS Code does and times what a user waits for:
 *
 *   didOpen  → first publishDiagnostics for that version (or, for a server that offers pull
 *              diagnostics, as VS Code then does: a textDocument/diagnostic request right after
 *              the didOpen/didChange, answered with the findings — retried when the server says
 *              the document changed meanwhile)
 *   completion (inside a container's ipv4_address) and hover (on a subnet), on the opened text
 *   one-character incremental didChange → publishDiagnostics for the new version
 *   completion / hover sent right after another one-character edit (before its diagnostics)
 *   peak RSS of the server process (VmHWM) at the end
 *   didOpen → diagnostics again for a second file, now that the server is warm
 *
 * Each run is a fresh server process, so every run pays the same first-open costs (schema
 * compile, JIT warm-up) that opening a file in a new editor window does.
 *
 *   node --import tsx bench/lsp.ts [--size small] [--runs 1] [--server dist/server.js] [--peer [bin]] [--peer-node node]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUT_DIR, specPath, writeSize, type Position, type Probes } from './generate';
import { LspProcess, peakRss, sleep, type Incoming } from './rpc';
import { answerConfiguration, findPeer, ourServer, peerServer, ROOT, type ServerUnderTest } from './servers';

export interface RunResult {
  openMs: number;
  /** didOpen → diagnostics of a second file with the same text, after closing the first: the
   *  server is warm (schema compiled, code optimised), as for every file but the first. */
  reopenMs: number;
  editMs: number;
  completionMs: number;
  hoverMs: number;
  completionAfterEditMs: number;
  hoverAfterEditMs: number;
  peakRssBytes: number | undefined;
  /** Sanity counts: a server that answered nothing would look fast. */
  openDiagnostics: number;
  editDiagnostics: number;
  completionItems: number;
  hoverChars: number;
  /** publishDiagnostics seen for the file: 4 expected (open, three edits); more means a
   *  server published twice for a version and the first-after-send matching may be off. */
  publishes: number;
  /** How diagnostics reached the client: pushed, or pulled (the server offered pull). */
  diagnosticsMode: 'push' | 'pull';
}

export interface DriveOptions {
  /** Longest wait for any one answer; the peer needs tens of seconds on the large file. */
  timeoutMs: number;
  /** Log every publishDiagnostics with its timing to stderr (to check the matching logic). */
  verbose?: boolean;
}

const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    applyEdit: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true, willSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    completion: {
      contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: true, labelDetailsSupport: true },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } } },
    rename: { prepareSupport: true },
  },
};

function isDiagnosticsFor(uri: string, version: number): (m: Incoming) => boolean {
  return (m) => {
    if (m.method !== 'textDocument/publishDiagnostics' || !m.params || typeof m.params !== 'object') return false;
    const p = m.params as { uri?: unknown; version?: unknown };
    // The peer publishes without a version; then the first publish after the send is the one.
    return p.uri === uri && (p.version === undefined || p.version === null || p.version === version);
  };
}

/** LSP's ServerCancelled: the document changed while the server worked; the client asks again. */
const SERVER_CANCELLED = -32802;

/** Diagnostics arriving: when, and how many (-1: "unchanged" since the last pull). */
interface Got {
  at: number;
  count: number;
}

function diagnosticCount(m: Incoming): number {
  const d = (m.params as { diagnostics?: unknown }).diagnostics;
  return Array.isArray(d) ? d.length : 0;
}

function completionCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const items = result && typeof result === 'object' ? (result as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items.length : 0;
}

function hoverLength(result: unknown): number {
  if (!result || typeof result !== 'object') return 0;
  return JSON.stringify((result as { contents?: unknown }).contents ?? '').length;
}

function answered(m: Incoming, what: string): unknown {
  if (m.error) throw new Error(`${what} failed: ${m.error.message}`);
  return m.result;
}

export async function driveOnce(server: ServerUnderTest, file: string, probes: Probes, opts: DriveOptions): Promise<RunResult> {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  // An empty workspace folder beside the spec: what is timed is editing one spec with no other
  // spec or compose file on its host. The server reads a workspace's specs and checks the open
  // ones against them (bench/crossFile.ts times that); the reopen below, a copy of the spec
  // under another name, would otherwise be checked against the original on disk.
  const workspaceDir = path.join(path.dirname(file), 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  const folder = pathToFileURL(workspaceDir).href;
  const onRequest = (params: unknown, method: string): unknown => {
    if (method === 'workspace/configuration') return answerConfiguration(params);
    if (method === 'client/registerCapability') {
      // VS Code's client pushes a configuration change when the server registers for them;
      // that push is what makes the peer pull its settings (and so learn our schema).
      const regs = (params as { registrations?: { method?: string }[] } | undefined)?.registrations ?? [];
      if (regs.some((r) => r.method === 'workspace/didChangeConfiguration')) {
        setTimeout(() => lsp.notify('workspace/didChangeConfiguration', { settings: null }), 0);
      }
    }
    return null;
  };
  const lsp = new LspProcess(server.command, server.args, onRequest, ROOT);
  const timeout = opts.timeoutMs;
  try {
    const init = lsp.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'macvlan-spec-bench' },
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'bench' }],
      capabilities: CLIENT_CAPABILITIES,
    });
    const initResult = answered(await withTimeout(init.response, timeout, 'initialize'), 'initialize') as { capabilities?: { diagnosticProvider?: unknown } } | null;
    const pullMode = Boolean(initResult?.capabilities?.diagnosticProvider);
    lsp.notify('initialized', {});
    lsp.notify('workspace/didChangeConfiguration', { settings: null });
    // Settings are pulled asynchronously; opening before they land would time the peer
    // without its schema. Both servers get the same pause, outside every measurement.
    await lsp.quiet(300, 5000);

    const resultIds = new Map<string, string>();
    const pull = async (u: string): Promise<Got> => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const prev = resultIds.get(u);
        const m = await withTimeout(lsp.request('textDocument/diagnostic', { textDocument: { uri: u }, ...(prev ? { previousResultId: prev } : {}) }).response, timeout, 'diagnostic pull');
        if (m.error?.code === SERVER_CANCELLED) continue;
        const r = answered(m, 'textDocument/diagnostic') as { kind?: string; items?: unknown[]; resultId?: string };
        if (r.resultId) resultIds.set(u, r.resultId);
        return { at: m.at, count: r.kind === 'full' ? (r.items?.length ?? 0) : -1 };
      }
      throw new Error('diagnostic pull: the server kept cancelling');
    };
    const pushed = async (u: string, version: number, from: number): Promise<Got> => {
      const m = await lsp.waitFor(isDiagnosticsFor(u, version), timeout, from, `diagnostics of version ${version}`);
      return { at: m.at, count: diagnosticCount(m) };
    };
    const diag = (version: number, from: number, u = uri): Promise<Got> => (pullMode ? pull(u) : pushed(u, version, from));
    const log = (what: string, t0: number, m: Got) => {
      if (opts.verbose) process.stderr.write(`  ${server.label} ${what}: ${(m.at - t0).toFixed(1)} ms, ${m.count} diagnostics (${pullMode ? 'pull' : 'push'})\n`);
    };

    // didOpen → diagnostics
    let from = lsp.notifications.length;
    const tOpen = performance.now();
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: server.languageId, version: 1, text } });
    const opened = await diag(1, from);
    log('open', tOpen, opened);

    // completion and hover on the text as opened
    const completion = await timed(lsp, 'textDocument/completion', { textDocument: { uri }, position: probes.ipv4, context: { triggerKind: 1 } }, timeout);
    const hover = await timed(lsp, 'textDocument/hover', { textDocument: { uri }, position: probes.subnet }, timeout);

    // one-character edit → diagnostics of the new version
    let version = 1;
    const edit = (digit: string): number => {
      version++;
      const start: Position = probes.edit;
      const end: Position = { line: start.line, character: start.character + 1 };
      from = lsp.notifications.length;
      const t = performance.now();
      lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, rangeLength: 1, text: digit }] });
      return t;
    };
    const tEdit = edit(probes.editTo);
    const edited = await diag(version, from);
    log('edit', tEdit, edited);

    // completion right after an edit: the server has the new text but has not checked it yet
    edit(probes.editFrom);
    const completionAfterEdit = await timed(lsp, 'textDocument/completion', { textDocument: { uri }, position: probes.ipv4, context: { triggerKind: 1 } }, timeout);
    await diag(version, from);
    edit(probes.editTo);
    const hoverAfterEdit = await timed(lsp, 'textDocument/hover', { textDocument: { uri }, position: probes.subnet }, timeout);
    await diag(version, from);

    // A late second publish would mean the version matching above picked the wrong one.
    await sleep(50);
    const rss = peakRss(lsp.pid);
    const publishes = lsp.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri?: unknown }).uri === uri).length;

    // After the peak RSS is read: a second document would raise it.
    lsp.notify('textDocument/didClose', { textDocument: { uri } });
    const uri2 = pathToFileURL(file.replace(/\.macvlan\.yaml$/, '.reopen.macvlan.yaml')).href;
    from = lsp.notifications.length;
    const tReopen = performance.now();
    lsp.notify('textDocument/didOpen', { textDocument: { uri: uri2, languageId: server.languageId, version: 1, text } });
    const reopened = await diag(1, from, uri2);
    log('reopen', tReopen, reopened);
    return {
      openMs: opened.at - tOpen,
      reopenMs: reopened.at - tReopen,
      editMs: edited.at - tEdit,
      completionMs: completion.ms,
      hoverMs: hover.ms,
      completionAfterEditMs: completionAfterEdit.ms,
      hoverAfterEditMs: hoverAfterEdit.ms,
      peakRssBytes: rss,
      openDiagnostics: opened.count,
      editDiagnostics: edited.count,
      completionItems: completionCount(completion.result),
      hoverChars: hoverLength(hover.result),
      publishes,
      diagnosticsMode: pullMode ? 'pull' : 'push',
    };
  } finally {
    await lsp.stop();
  }
}

async function timed(lsp: LspProcess, method: string, params: unknown, timeoutMs: number): Promise<{ ms: number; result: unknown }> {
  const { sentAt, response } = lsp.request(method, params);
  const m = await withTimeout(response, timeoutMs, method);
  return { ms: m.at - sentAt, result: answered(m, method) };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export async function driveRuns(server: ServerUnderTest, file: string, probes: Probes, runs: number, opts: DriveOptions, progress?: (i: number, r: RunResult) => void): Promise<RunResult[]> {
  const out: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await driveOnce(server, file, probes, opts);
    progress?.(i, r);
    out.push(r);
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
  };
  const size = value('--size') ?? 'small';
  const runs = Number(value('--runs') ?? 1);
  const g = writeSize(size);
  const server = argv.includes('--peer') ? peerServer(findPeer(value('--peer')), value('--peer-node')) : ourServer(value('--server'));
  const results = await driveRuns(server, specPath(OUT_DIR, size), g.probes, runs, { timeoutMs: Number(value('--timeout') ?? 600) * 1000, verbose: true }, (i, r) =>
    console.log(`${server.label} ${size} run ${i + 1}: ${JSON.stringify(r)}`),
  );
  if (results.length === 0) console.log('no runs');
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
