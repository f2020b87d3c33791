import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { AddressMapPanels, type AddressMapApi } from './addressMap/panels';
import { registerCommands } from './commands';
import { LANGUAGE_ID } from './contributions';
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
  /** What each address map panel shows (client/addressMap/panels.ts). */
  addressMap: AddressMapApi;
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
  const addressMap = new AddressMapPanels(client);
  context.subscriptions.push(addressMap);
  registerCommands(context, { client, output, policy, addressMap });
  const docker = registerDockerProxies(context, client, output);

  const ready = client.start();
  ready.then(
    // Loaded in the background once the server is up, so the Networks view fills by itself —
    // but after a spec's first diagnostics (or 1.5 s): loading dockerode blocks this thread for
    // ~100 ms, and right after a window reload that is what the user is waiting for.
    () => afterFirstDiagnostics(1500, () => void docker.load()),
    (err: unknown) => output.error(`The macvlan language server did not start: ${err instanceof Error ? err.message : String(err)}`),
  );
  const dockerApi: DockerApi = {
    treeSnapshot: async () => {
      const api = (await docker.load())?.api;
      if (!api) throw new Error('the Docker features did not load (see the macvlan output)');
      return api.treeSnapshot();
    },
  };
  return { client, ready, docker: dockerApi, addressMap };
}

export async function deactivate(): Promise<void> {
  const client = running;
  running = undefined;
  // stop() throws unless the client is running (e.g. after a failed start or a give-up).
  if (client?.state === State.Running) await client.stop();
}

/** Runs `fn` once a spec's diagnostics arrived, or after `maxMs`, whichever comes first. */
function afterFirstDiagnostics(maxMs: number, fn: () => void): void {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    sub.dispose();
    clearTimeout(timer);
    setTimeout(fn, 0);
  };
  const isSpec = (u: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === u.toString() && d.languageId === LANGUAGE_ID);
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some(isSpec)) go();
  });
  const timer = setTimeout(go, maxMs);
  // Nothing to wait for when no spec is open (activated by a command or the view).
  if (!vscode.workspace.textDocuments.some((d) => d.languageId === LANGUAGE_ID)) go();
}
