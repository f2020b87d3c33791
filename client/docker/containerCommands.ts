/**
 * The Networks view's container actions: start, stop and restart for the containers
 * macvlan-spec created (others are shown, never touched), and the last lines of any container's
 * log in a read-only document. Each goes through our Docker interface (timeouts, errors in our
 * words) and refreshes the view after.
 */
import * as vscode from 'vscode';
import { message, type Deps } from './deps';
import { hostOrSay, nodeOf } from './networkCommands';
import type { TreeNode } from './treeModel';
import { docUri, INSPECT_SCHEME } from './virtualDocs';

/** How many lines Show Logs reads: Docker's tail, so a chatty container costs no more than this. */
export const LOG_LINES = 500;

type Action = 'start' | 'stop' | 'restart';
const DONE: Record<Action, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };

function containerOf(deps: Deps, arg: unknown): Extract<TreeNode['data'], { kind: 'container' }> | undefined {
  const n = nodeOf(deps, arg);
  if (n?.data.kind === 'container') return n.data;
  void vscode.window.showInformationMessage('Select a container in the Networks view first.');
  return undefined;
}

/** macvlan.networks.{start,stop,restart}Container */
export async function containerAction(deps: Deps, action: Action, arg?: unknown): Promise<boolean> {
  const c = containerOf(deps, arg);
  if (!c) return false;
  const name = c.endpoint.name;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Starting and stopping containers is disabled in Restricted Mode.');
    return false;
  }
  if (!c.managed) {
    void vscode.window.showWarningMessage(`Container ${name} was not created by macvlan-spec, so it is not started or stopped from here.`);
    return false;
  }
  const on = hostOrSay(deps, arg);
  const host = on?.host;
  if (!on || !host) return false;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `${action === 'stop' ? 'Stopping' : action === 'start' ? 'Starting' : 'Restarting'} ${name}…` }, async () => {
      if (action === 'start') await host.startContainer(c.endpoint.id);
      else if (action === 'stop') await host.stopContainer(c.endpoint.id);
      else await host.restartContainer(c.endpoint.id);
    });
    vscode.window.setStatusBarMessage(`$(vm) ${DONE[action]} container ${name}`, 5000);
    return true;
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not ${action} container ${name}: ${message(err)}`);
    return false;
  } finally {
    on.invalidate();
  }
}

/** macvlan.networks.showLogs: the last LOG_LINES lines, stdout and stderr together, read-only. */
export async function showLogs(deps: Deps, arg?: unknown): Promise<boolean> {
  const c = containerOf(deps, arg);
  const on = c && hostOrSay(deps, arg);
  const host = on?.host;
  if (!c || !on || !host) return false;
  const name = c.endpoint.name;
  let text: string;
  try {
    text = await host.containerLogs(c.endpoint.id, LOG_LINES);
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not read the logs of container ${name}: ${message(err)}`);
    return false;
  }
  const head = `# logs of container ${name} on ${on.name}: the last ${LOG_LINES} lines (stdout and stderr), ${c.state}\n`;
  await deps.docs.show(docUri(INSPECT_SCHEME, on.name, `${name}.log`), head + (text || '(no output)\n'));
  return true;
}
