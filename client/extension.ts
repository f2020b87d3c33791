import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { CrashPolicy } from './crashPolicy';
import type { DockerApi } from './docker/index';
import { registerDockerProxies } from './dockerFeatures';
import { createLanguageClient } from './languageClient';

/** What `activate` returns; the e2e tests read it through `extension.exports`. */
export interface MacvlanExtensionApi {
  client: LanguageClient;
  /** Settles when the first server start has finished (rejects if it failed). */
  ready: Promise<void>;
  /** Docker features for tests; each call loads them first (client/docker/index.ts). */
  docker: DockerApi;
}

let running: LanguageClient | undefined;

/**
 * Must stay fast (budget: 100 ms): nothing here waits for the server, and the Docker features
 * are only proxies until first use (client/dockerFeatures.ts).
 */
export function activate(context: vscode.ExtensionContext): MacvlanExtensionApi {
  const output = vscode.window.createOutputChannel('macvlan', { log: true });
  context.subscriptions.push(output);
  const policy = new CrashPolicy();
  const client = createLanguageClient(context, {
    output,
    policy,
    restart: () => vscode.commands.executeCommand('macvlan.restartServer'),
  });
  running = client;
  registerCommands(context, { client, output, policy });
  const docker = registerDockerProxies(context, client, output);

  const ready = client.start();
  ready.then(
    // Loaded in the background once the server is up, so the Networks view fills by itself.
    () => setTimeout(() => void docker.load(), 0),
    (err: unknown) => output.error(`The macvlan language server did not start: ${err instanceof Error ? err.message : String(err)}`),
  );
  const dockerApi: DockerApi = {
    treeSnapshot: async () => {
      const api = (await docker.load())?.api;
      if (!api) throw new Error('the Docker features did not load (see the macvlan output)');
      return api.treeSnapshot();
    },
  };
  return { client, ready, docker: dockerApi };
}

export async function deactivate(): Promise<void> {
  const client = running;
  running = undefined;
  // stop() throws unless the client is running (e.g. after a failed start or a give-up).
  if (client?.state === State.Running) await client.stop();
}
