import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { AddressMapPanels } from './addressMap/panels';
import type { CORE_COMMANDS } from './contributions';
import type { CrashPolicy } from './crashPolicy';
import { convert } from './convertCommand';
import { newSpec } from './newSpec';
import { showShim } from './shimCommand';

export interface CommandDeps {
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  policy: CrashPolicy;
  addressMap: AddressMapPanels;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  // A Record over CORE_COMMANDS: adding a core command to the list without a handler fails to compile.
  const handlers: Record<(typeof CORE_COMMANDS)[number], (args?: unknown) => unknown> = {
    'macvlan.restartServer': () => restartServer(deps),
    'macvlan.showOutput': () => deps.output.show(true),
    'macvlan.newSpec': () => newSpec(),
    'macvlan.showShim': (args?: unknown) => showShim(deps.client, args),
    'macvlan.showAddressMap': (args?: unknown) => deps.addressMap.show(args),
    'macvlan.convertToSpec': (args?: unknown) => convert(deps.client, 'spec', args),
    'macvlan.convertToCompose': (args?: unknown) => convert(deps.client, 'compose', args),
  };
  for (const [id, run] of Object.entries(handlers)) context.subscriptions.push(vscode.commands.registerCommand(id, run));
}

/** Works in every state: running (restart), stopped after a crash or a failed start (start). */
async function restartServer({ client, output, policy }: CommandDeps): Promise<void> {
  policy.reset();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Restarting macvlan language server' },
      // start() while starting returns the pending start instead of racing it.
      () => (client.state === State.Running ? client.restart() : client.start()),
    );
    output.info('Language server restarted');
  } catch (err) {
    output.error(`Restarting the language server failed: ${err instanceof Error ? err.message : String(err)}`);
    const choice = await vscode.window.showErrorMessage('The macvlan language server could not be restarted.', 'Show Output');
    if (choice === 'Show Output') output.show();
  }
}
