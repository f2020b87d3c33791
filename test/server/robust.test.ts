/**
 * The bundled language server (`node dist/server.js --stdio`) under hostile input: the mutated
 * specs of the core fuzz test (fixed seed) opened and edited one after another, with completion,
 * hover, outline, code actions, folding, inlay hints, definition and references at random
 * positions. Every request must be answered, every range must lie inside its document, no
 * handler may fail (the server logs guarded failures), and the process must still be alive.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  ErrorCodes,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type Location,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver/node';
import { LineIndex } from '../../core/text/positions';
import { describeInput, mutatedSpec, render } from '../unit/robust/mutate';
import { connectClient, type TestClient } from './harness';

const root = join(__dirname, '..', '..');
const SERVER = join(root, 'dist', 'server.js');
const SEED = 42;
const INPUTS = 100;
/** Per diagnostics round or request: generous, the slowest input here takes under a second. */
const BOUND_MS = 10_000;

/** Newest mtime under the given source directories. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (name.endsWith('.ts')) newest = Math.max(newest, s.mtimeMs);
    }
  };
  dirs.forEach((d) => walk(join(root, d)));
  return newest;
}

/** `npm run build`'s bundling step, when dist/server.js is missing or older than its sources. */
function ensureBuilt(): void {
  const built = statSync(SERVER, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > newestSource(['core', 'server'])) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `build failed: ${r.stderr}`);
}

interface Server {
  child: ChildProcess;
  client: TestClient;
  stderr: () => string;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => (stderr = (stderr + s).slice(-20_000)));
  if (!child.stdout || !child.stdin) throw new Error('no stdio pipes');
  const client = await connectClient(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return { child, client, stderr: () => stderr };
}

async function stopServer(s: Server): Promise<number | null> {
  const exited = once(s.child, 'exit');
  try {
    await within(s.client.connection.sendRequest('shutdown'), 5_000, 'shutdown');
    await s.client.connection.sendNotification('exit');
    const [code] = (await within(exited, 5_000, 'exit')) as [number | null];
    return code;
  } finally {
    s.client.dispose();
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }
}

function within<T>(p: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Checks LSP positions and ranges against one document text (lines end at \n, \r\n or \r, as in LSP). */
class Bounds {
  readonly lines: LineIndex;
  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }
  position(p: Position, what: string): void {
    const ok = Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < this.lines.lineCount && p.character >= 0;
    assert.ok(ok, `${what}: ${JSON.stringify(p)} outside the document's ${this.lines.lineCount} lines`);
    const length = this.lines.lineEnd(p.line) - this.lines.lineStart(p.line);
    assert.ok(p.character <= length, `${what}: ${JSON.stringify(p)} past the end of line ${p.line} (length ${length})`);
  }
  range(r: Range, what: string): void {
    this.position(r.start, what);
    this.position(r.end, what);
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: ${JSON.stringify(r)} ends before it starts`);
  }
  line(n: number, what: string): void {
    assert.ok(Number.isInteger(n) && n >= 0 && n < this.lines.lineCount, `${what}: line ${n} outside 0..${this.lines.lineCount - 1}`);
  }
}

function checkDiagnostics(b: Bounds, ds: Diagnostic[], label: string, others?: ReadonlyMap<string, Bounds>): void {
  for (const d of ds) {
    b.range(d.range, `${label} diagnostic ${String(d.code)}`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${label}: empty message`);
    // The open specs share the implicit host: a related place may be in another of them.
    for (const r of d.relatedInformation ?? []) (others?.get(r.location.uri) ?? b).range(r.location.range, `${label} related of ${String(d.code)} in ${r.location.uri}`);
  }
}

function checkSymbols(b: Bounds, symbols: DocumentSymbol[], label: string): void {
  for (const s of symbols) {
    b.range(s.range, `${label} symbol ${s.name}`);
    b.range(s.selectionRange, `${label} symbol ${s.name} selection`);
    checkSymbols(b, s.children ?? [], label);
  }
}

const overlaps = (a: Range, b: Range): boolean =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character)) &&
  !(b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

interface Tally {
  requests: number;
  errorResponses: number;
  diagnostics: number;
  slowest: { ms: number; what: string };
}

/** Sends a request; an LSP error response counts as an answer unless it is an internal error. */
async function request<T>(s: Server, tally: Tally, method: string, params: object, label: string): Promise<T | undefined> {
  const t0 = performance.now();
  tally.requests++;
  try {
    return await within(s.client.connection.sendRequest<T>(method, params), BOUND_MS, `${label} ${method}`);
  } catch (err) {
    if (err instanceof ResponseError && err.code !== ErrorCodes.InternalError) {
      tally.errorResponses++;
      return undefined;
    }
    throw err;
  } finally {
    const ms = performance.now() - t0;
    if (ms > tally.slowest.ms) tally.slowest = { ms, what: `${method} (${label})` };
  }
}

let server: Server | undefined;
before(ensureBuilt);
after(() => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
});

test(`the server answers everything on ${INPUTS} mutated specs (seed ${SEED}) and stays up`, { timeout: 300_000 }, async (t) => {
  const inputs = fc.sample(fc.tuple(mutatedSpec({ heavyWeight: 2 }), fc.array(fc.nat({ max: 1_000_000 }), { minLength: 3, maxLength: 3 })), { seed: SEED, numRuns: INPUTS });
  const s = await startServer();
  server = s;
  const tally: Tally = { requests: 0, errorResponses: 0, diagnostics: 0, slowest: { ms: 0, what: '' } };
  const t0 = performance.now();
  let uri = '';
  let version = 0;
  const latest = new Map<string, Bounds>();
  for (const [i, [m, picks]] of inputs.entries()) {
    const text = render(m);
    const label = `input ${i} (${describeInput(m)})`;
    // A new document every ten inputs, edits of the open one otherwise (full-text changes).
    if (i % 10 === 0) {
      uri = `file:///fuzz/doc${i}/macvlan.yaml`;
      version = 1;
      s.client.open(uri, text, version);
    } else s.client.change(uri, text, ++version);
    const v = version;
    const published: PublishDiagnosticsParams = await within(s.client.diagnostics(uri, (p) => p.version === v), BOUND_MS, `${label} diagnostics`);
    const b = new Bounds(text);
    latest.set(uri, b);
    checkDiagnostics(b, published.diagnostics, label, latest);
    tally.diagnostics += published.diagnostics.length;

    const textDocument = { uri };
    const n = text.length;
    const positions: Position[] = [{ line: 0, character: 0 }, ...picks.map((p) => b.lines.positionAt(p % (n + 1))), b.lines.positionAt(n)];
    for (const position of positions) {
      const completion = await request<CompletionItem[] | CompletionList | null>(s, tally, 'textDocument/completion', { textDocument, position }, label);
      const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
      for (const c of items) {
        const edit = c.textEdit;
        if (edit && 'range' in edit) b.range(edit.range, `${label} completion ${c.label}`);
      }
      const hover = await request<Hover | null>(s, tally, 'textDocument/hover', { textDocument, position }, label);
      if (hover?.range) b.range(hover.range, `${label} hover`);
      const def = await request<Location | null>(s, tally, 'textDocument/definition', { textDocument, position }, label);
      if (def) b.range(def.range, `${label} definition`);
      const refs = await request<Location[] | null>(s, tally, 'textDocument/references', { textDocument, position, context: { includeDeclaration: true } }, label);
      for (const r of refs ?? []) b.range(r.range, `${label} reference`);
    }
    const symbols = await request<DocumentSymbol[] | null>(s, tally, 'textDocument/documentSymbol', { textDocument }, label);
    checkSymbols(b, symbols ?? [], label);
    const folds = await request<FoldingRange[] | null>(s, tally, 'textDocument/foldingRange', { textDocument }, label);
    for (const f of folds ?? []) {
      b.line(f.startLine, `${label} folding start`);
      b.line(f.endLine, `${label} folding end`);
    }
    const whole: Range = { start: { line: 0, character: 0 }, end: b.lines.positionAt(n) };
    const hints = await request<InlayHint[] | null>(s, tally, 'textDocument/inlayHint', { textDocument, range: whole }, label);
    for (const h of hints ?? []) b.position(h.position, `${label} inlay hint`);
    // As an editor asks: the diagnostics that touch the range, once for a line and once for all.
    const at = positions[1];
    const line: Range = { start: { line: at.line, character: 0 }, end: { line: at.line, character: b.lines.lineEnd(at.line) - b.lines.lineStart(at.line) } };
    for (const range of [line, whole]) {
      const diagnostics = published.diagnostics.filter((d) => overlaps(d.range, range));
      const actions = await request<CodeAction[] | null>(s, tally, 'textDocument/codeAction', { textDocument, range, context: { diagnostics } }, label);
      for (const a of actions ?? []) for (const e of a.edit?.changes?.[uri] ?? []) b.range(e.range, `${label} code action "${a.title}"`);
    }
    await request<CodeAction[] | null>(s, tally, 'textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [], only: ['source.fixAll.macvlan'] } }, label);
    // Positions the editor never sends (past the end): answered, not thrown on.
    await request<Hover | null>(s, tally, 'textDocument/hover', { textDocument, position: { line: 1_000_000, character: 5 } }, label);
    await request<CompletionItem[] | null>(s, tally, 'textDocument/completion', { textDocument, position: { line: b.lines.lineCount - 1, character: 1_000_000 } }, label);

    assert.equal(s.child.exitCode, null, `the server exited after ${label}: ${s.stderr()}`);
    const failures = s.client.logs.filter((l) => / failed: |Uncaught|Unhandled rejection|Checking .* failed/.test(l));
    assert.deepEqual(failures, [], `handlers failed on ${label}`);
  }
  t.diagnostic(`${INPUTS} inputs: ${tally.requests} requests, ${tally.errorResponses} error responses, ${tally.diagnostics} diagnostics in ${(performance.now() - t0).toFixed(0)} ms`);

  // A burst of edits without waiting, requests in between: whatever is published must fit the
  // text of the version it names, and the last version must be published.
  const burstUri = 'file:///fuzz/burst/macvlan.yaml';
  const texts = new Map<number, string>();
  const burst = inputs.slice(0, 30).map(([m]) => render(m));
  const seen: PublishDiagnosticsParams[] = [];
  const last = burst.length;
  const published = s.client.diagnostics(burstUri, (p) => {
    seen.push(p);
    return p.version === last;
  });
  burst.forEach((text, i) => {
    texts.set(i + 1, text);
    if (i === 0) s.client.open(burstUri, text, 1);
    else s.client.change(burstUri, text, i + 1);
    if (i % 5 === 0) void s.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: burstUri }, position: { line: 3, character: 4 } });
  });
  await within(published, BOUND_MS, 'burst: diagnostics of the last version');
  for (const p of seen) {
    const text = p.version === undefined ? undefined : texts.get(p.version);
    assert.ok(text !== undefined, `burst: diagnostics for unknown version ${String(p.version)}`);
    checkDiagnostics(new Bounds(text), p.diagnostics, `burst version ${String(p.version)}`);
  }
  t.diagnostic(`burst of ${last} edits: ${seen.length} publications seen, the last for version ${String(seen.at(-1)?.version)}`);
  t.diagnostic(`slowest request ${tally.slowest.ms.toFixed(0)} ms: ${tally.slowest.what}`);
  assert.doesNotMatch(s.stderr(), /^\s+at /m, 'no stack trace on stderr');
  assert.equal(await stopServer(s), 0, 'clean exit after shutdown');
});

test('a 50 MB document: one clear "too large to check" diagnostic, and the server keeps answering', {
  timeout: 120_000,
}, async (t) => {
  const s = await startServer();
  try {
    const small = 'file:///fuzz/small/macvlan.yaml';
    s.client.open(small, 'version: 1\nnetworks:\n  n: { parent: eth0, subnet: 192.0.2.0/24, gateway: 192.0.2.1 }\n');
    await within(s.client.diagnostics(small), BOUND_MS, 'small diagnostics');
    const big = 'file:///fuzz/big/macvlan.yaml';
    // 50 MB of spec-shaped text (a key repeated, as a merge gone wrong leaves it), built here: never committed.
    const text = 'version: 1\nnetworks: {}\n# padding padding padding padding padding padding padding\n'.repeat(Math.ceil((50 << 20) / 84));
    const t0 = performance.now();
    s.client.open(big, text);
    const d = await within(s.client.diagnostics(big), 30_000, '50 MB diagnostics');
    t.diagnostic(`50 MB document: diagnostics after ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(d.diagnostics.length, 1, `${d.diagnostics.length} diagnostics`);
    const message = d.diagnostics[0].message;
    assert.match(typeof message === 'string' ? message : message.value, /too large to check/);
    new Bounds(text).range(d.diagnostics[0].range, '50 MB diagnostic');
    const hover = within(s.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 30 } }), 5_000, 'hover after the big document');
    assert.ok(await hover, 'the server still answers');
    assert.equal(s.child.exitCode, null);
  } finally {
    s.client.dispose();
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }
});
