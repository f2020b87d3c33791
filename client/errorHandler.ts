import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';
import type { CrashPolicy } from './crashPolicy';

export interface CrashNotices {
  log: vscode.LogOutputChannel;
  /** Runs the `macvlan.restartServer` command (the "Restart" button). */
  restart(): Thenable<unknown>;
}

/**
 * Restarts a crashed server within the policy's budget with a quiet status-bar notice, then
 * stops and asks the user. Results are `handled` so the client does not add its own popup.
 */
export function createErrorHandler(policy: CrashPolicy, notices: CrashNotices): ErrorHandler {
  return {
    error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
      // Same tolerance as the library's default: a few write/read errors in a row are often
      // one broken message, more mean the connection is gone.
      if (count !== undefined && count <= 3) return { action: ErrorAction.Continue };
      notices.log.error(`Connection to the macvlan language server keeps failing: ${error.message}`);
      giveUp(notices, 'The connection to the macvlan language server keeps failing; it was stopped.');
      return { action: ErrorAction.Shutdown, handled: true };
    },
    closed(): CloseHandlerResult {
      const d = policy.onCrash(Date.now());
      if (d.restart) {
        notices.log.warn(`The macvlan language server stopped unexpectedly; restarting (${d.attempt}/${d.maxRestarts}).`);
        vscode.window.setStatusBarMessage(`$(warning) macvlan language server restarted (${d.attempt}/${d.maxRestarts})`, 10_000);
        return { action: CloseAction.Restart, handled: true };
      }
      const text = `The macvlan language server crashed ${d.crashes} times in ${d.windowMinutes} minutes and was not restarted.`;
      notices.log.error(text);
      giveUp(notices, text);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

function giveUp(notices: CrashNotices, text: string): void {
  void vscode.window.showErrorMessage(text, 'Restart', 'Show Output').then((choice) => {
    if (choice === 'Restart') return notices.restart();
    if (choice === 'Show Output') notices.log.show();
    return undefined;
  });
}
