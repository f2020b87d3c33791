import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createConnection,
  createProtocolConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/server';

/** What a VS Code client declares that the server looks at. */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, inlayHint: { refreshSupport: true } },
  textDocument: {
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    rename: { prepareSupport: true },
    publishDiagnostics: { versionSupport: true },
  },
};

export interface TestClient {
  connection: ProtocolConnection;
  initialize: InitializeResult;
  /** Settings the client answers workspace/configuration with; tests change them. */
  settings: Record<string, unknown>;
  /** Every workspace/configuration request the server made. */
  configRequests: number;
  /** workspace/diagnostic/refresh requests the server made (pull clients). */
  diagnosticRefreshes: number;
  logs: string[];
  /** Resolves with the next diagnostics for `uri` that satisfy `accept`, including ones already received. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** Resolves with the next diagnostics for `uri` published after this call. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** didClose: the specs left open share the implicit host with the next test's. */
  close(uri: string): void;
  dispose(): void;
}

interface Waiter {
  uri: string;
  after: number;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

/** A client over any reader/writer pair, answering configuration requests and collecting diagnostics. */
export async function connectClient(reader: MessageReader, writer: MessageWriter, capabilities: ClientCapabilities = CLIENT_CAPABILITIES, initializationOptions?: unknown, workspaceFolders: string[] | null = null): Promise<TestClient> {
  const connection = createProtocolConnection(reader, writer);
  const received: { seq: number; params: PublishDiagnosticsParams }[] = [];
  const waiters: Waiter[] = [];
  let seq = 0;
  const client: Omit<TestClient, 'initialize'> & { initialize?: InitializeResult } = {
    connection,
    settings: {},
    configRequests: 0,
    diagnosticRefreshes: 0,
    logs: [],
    diagnostics(uri, accept = () => true) {
      const hit = [...received].reverse().find((r) => r.params.uri === uri);
      if (hit && accept(hit.params)) return Promise.resolve(hit.params);
      return new Promise((resolve) => waiters.push({ uri, after: seq, accept, resolve }));
    },
    nextDiagnostics(uri) {
      return new Promise((resolve) => waiters.push({ uri, after: seq, accept: () => true, resolve }));
    },
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'macvlan-yaml', version, text } });
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    dispose() {
      connection.dispose();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    seq++;
    received.push({ seq, params });
    for (const w of [...waiters]) {
      if (w.uri === params.uri && seq > w.after && w.accept(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
    client.configRequests++;
    return p.items.map((i) => (i.section === 'macvlan' ? client.settings : null));
  });
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    client.diagnosticRefreshes++;
    return null;
  });
  connection.listen();
  client.initialize = await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities, workspaceFolders: workspaceFolders && workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })), initializationOptions });
  await connection.sendNotification('initialized', {});
  return client as TestClient;
}

/** A real server connection and a real client connection over a pair of in-memory streams. */
export async function startInProcess(options: ServerOptions = {}, capabilities: ClientCapabilities = CLIENT_CAPABILITIES, initializationOptions?: unknown, workspaceFolders: string[] | null = null): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, options);
  server.listen();
  const client = await connectClient(new StreamMessageReader(toClient), new StreamMessageWriter(toServer), capabilities, initializationOptions, workspaceFolders);
  const dispose = client.dispose;
  client.dispose = () => {
    dispose();
    server.dispose();
    toServer.end();
    toClient.end();
  };
  return client;
}

/** The bundled server (dist/server.js) as its own process over stdio, with a client connected. */
export interface StdioServer {
  client: TestClient;
  child: ChildProcess;
  /** shutdown + exit as a client sends them; resolves with the exit code. */
  shutdown(): Promise<number | null>;
  /** Closes the client and kills the process if it still runs (for `finally`). */
  dispose(): void;
}

export async function spawnStdioServer(opts: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<StdioServer> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: opts.env ?? process.env });
  const exited = once(child, 'exit');
  const client = await connectClient(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return {
    client,
    child,
    async shutdown() {
      await client.connection.sendRequest('shutdown');
      await client.connection.sendNotification('exit');
      const [code] = (await exited) as [number | null];
      return code;
    },
    dispose() {
      client.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}

export const codes = (d: { diagnostics: Diagnostic[] }): string[] => d.diagnostics.map((x) => String(x.code));

/** Applies LSP text edits (full positions) to a text, for checking what an action does. */
export function applyLspEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
