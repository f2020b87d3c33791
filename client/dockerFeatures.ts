import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DockerFeatures, RegisterDockerFeatures } from './docker/index';
import { DOCKER_COMMANDS, type DockerCommandId } from './contributions';

/** Built from client/docker/index.ts as its own bundle so dockerode never loads at activation. */
const DOCKER_BUNDLE = 'dist/docker.js';

export interface DockerLoader {
  /** Loads and registers the Docker features once; later calls share the first result. */
  load(): Promise<DockerFeatures | undefined>;
}

/**
 * Registers a proxy for every Docker command (cheap, during activation) and returns the lazy
 * loader they share. See client/docker/index.ts for the contract on the other side.
 */
export function registerDockerProxies(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
): DockerLoader {
  let loading: Promise<DockerFeatures | undefined> | undefined;
  const loader: DockerLoader = {
    load: () => (loading ??= loadDockerFeatures(context, client, log)),
  };
  for (const id of DOCKER_COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        const features = await loader.load();
        const handler = features?.commands[id];
        if (!handler) return unavailable(id);
        return handler(...args);
      }),
    );
  }
  return loader;
}

async function loadDockerFeatures(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
): Promise<DockerFeatures | undefined> {
  const file = context.asAbsolutePath(DOCKER_BUNDLE);
  let register: RegisterDockerFeatures;
  try {
    // module.require, not import(): esbuild would inline an import() of the sources into
    // dist/client.js, and this must load the separate bundle at run time.
    const loaded: unknown = module.require(file);
    register = pickRegister(loaded);
  } catch (err) {
    log.warn(`Docker features not loaded from ${file}: ${describe(err)}`);
    return undefined;
  }
  try {
    const features = await register(context, client);
    log.info('Docker features registered');
    return features;
  } catch (err) {
    log.error(`Docker features failed to register: ${describe(err)}`);
    return undefined;
  }
}

function pickRegister(loaded: unknown): RegisterDockerFeatures {
  const fn = loaded && typeof loaded === 'object' ? (loaded as Record<string, unknown>).registerDockerFeatures : undefined;
  if (typeof fn !== 'function') throw new Error('the bundle does not export registerDockerFeatures');
  return fn as RegisterDockerFeatures;
}

/** Not awaited: the command's caller should not hang until the user dismisses the notice. */
function unavailable(id: DockerCommandId): undefined {
  void vscode.window
    .showWarningMessage(`${id} is not available: the Docker features did not load. See the macvlan output for details.`, 'Show Output')
    .then((choice) => (choice === 'Show Output' ? vscode.commands.executeCommand('macvlan.showOutput') : undefined));
  return undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
