/**
 * Docker features of the extension: the Networks tree view and the plan/apply/import commands.
 * PLACEHOLDER: owned by the Docker engineer, who replaces the body; the contract below is what
 * client/dockerFeatures.ts relies on.
 *
 * Contract
 * - Bundled on its own as `dist/docker.js` (entry `client/docker/index.ts`) and loaded with
 *   require() on first use, so dockerode is never parsed during activation. Import `vscode`,
 *   `../../docker/*` and dockerode freely here; import only types from '../*'.
 * - Loaded when a Docker command first runs, or in the background once the language server is
 *   up (so the tree view fills without a click). Registration must be cheap: no Docker call
 *   until the view is visible or a command runs.
 * - Commands: do NOT call vscode.commands.registerCommand for the ids in DOCKER_COMMANDS; the
 *   extension already registered proxies for them at activation. Return their handlers in
 *   `commands`; a proxy whose handler is missing tells the user the command is unavailable.
 * - Everything else (createTreeView for `macvlan.networks`, status bar, listeners) is
 *   registered here and pushed to `context.subscriptions`.
 * - Observed host state goes to the server with
 *   `client.sendNotification('macvlan/observedState', params)`, types from server/protocol.ts.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DockerCommandId } from '../contributions';

export type DockerCommandHandler = (...args: unknown[]) => unknown;

export interface DockerFeatures {
  commands: Partial<Record<DockerCommandId, DockerCommandHandler>>;
}

export type RegisterDockerFeatures = (
  context: vscode.ExtensionContext,
  client: LanguageClient,
) => DockerFeatures | Promise<DockerFeatures>;

export const registerDockerFeatures: RegisterDockerFeatures = () => ({ commands: {} });
