import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, LANGUAGE_ID } from './contributions';
import type { CrashPolicy } from './crashPolicy';
import { createErrorHandler } from './errorHandler';
import { TraceChannel } from './traceChannel';

export interface ClientDeps {
  output: vscode.LogOutputChannel;
  policy: CrashPolicy;
  restart(): Thenable<unknown>;
}

export function createLanguageClient(context: vscode.ExtensionContext, deps: ClientDeps): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const trace = new TraceChannel(deps.output);
  context.subscriptions.push(trace);
  // The server checks the workspace's specs and compose files together (one host, one address
  // space), open or not: it hears of changes on disk through this watcher (and of the .env
  // files that set compose variables).
  const watcher = vscode.workspace.createFileSystemWatcher('**/{macvlan.yaml,macvlan.yml,*.macvlan.yaml,*.macvlan.yml,compose.yaml,compose.yml,docker-compose.yaml,docker-compose.yml,*.compose.yaml,*.compose.yml,.env}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      // Compose files, whatever language the editor gives them (yaml, or dockercompose with the
      // Docker extension): the server reports only MV codes on them, nothing of the YAML's shape.
      { scheme: 'file', pattern: '**/{compose,docker-compose}.{yaml,yml}' },
      { scheme: 'file', pattern: '**/*.compose.{yaml,yml}' },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: CONFIG_SECTION, fileEvents: watcher },
    outputChannel: deps.output,
    traceOutputChannel: trace,
    errorHandler: createErrorHandler(deps.policy, { log: deps.output, restart: deps.restart }),
  };
  // The id is the settings section: the library reads `<id>.trace.server`.
  return new LanguageClient(CONFIG_SECTION, 'macvlan language server', serverOptions, clientOptions);
}
