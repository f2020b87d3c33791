/**
 * The Networks view's item commands: inspect, copy subnet/address, remove (managed only), add
 * to spec. They get the TreeNode the menu was opened on (or the view's selection).
 */
import * as vscode from 'vscode';
import { isManaged } from '../../core/plan/observedIndex';
import { importSpec } from '../../core/plan/import';
import type { NetworkDetail, ObservedHostDetail } from '../../core/plan/types';
import { DockerError } from '../../docker/errors';
import { observeDetail } from '../../docker/observe';
import { message, type Deps } from './deps';
import type { NodeHost } from './networksView';
import { ADD_TO_SPEC_METHOD, type AddToSpecAnswer, type AddToSpecParams } from '../../server/protocol';
import { LANGUAGE_ID } from './scope';
import { addressesOf, type TreeNode } from './treeModel';
import { docUri, INSPECT_SCHEME } from './virtualDocs';

/** The node a menu was opened on, else the view's selection (the container commands use it too). */
export function nodeOf(deps: Deps, arg: unknown): TreeNode | undefined {
  const n = arg && typeof arg === 'object' && 'data' in arg && 'contextValue' in arg ? (arg as TreeNode) : deps.view.view.selection[0];
  return n;
}

function networkOf(deps: Deps, arg: unknown): NetworkDetail | undefined {
  const n = nodeOf(deps, arg);
  if (n?.data.kind === 'network') return n.data.network;
  void vscode.window.showInformationMessage('Select a network in the Networks view first.');
  return undefined;
}

/** The Docker host of the node's root in the view (several with a multi-host spec). */
export function hostOrSay(deps: Deps, arg: unknown): NodeHost | undefined {
  const on = deps.view.hostOf(nodeOf(deps, arg));
  if (!on.host) void vscode.window.showWarningMessage('No Docker host is connected: configure one first.');
  return on.host ? on : undefined;
}

/** macvlan.networks.inspect: the network as Docker reports it, in a read-only JSON document. */
export async function inspectNetwork(deps: Deps, arg?: unknown): Promise<void> {
  const net = networkOf(deps, arg);
  const on = net && hostOrSay(deps, arg);
  if (!net || !on?.host) return;
  let detail: NetworkDetail;
  try {
    detail = await on.host.inspectNetwork(net.id || net.name);
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot inspect network ${net.name}: ${message(err)}`);
    on.invalidate();
    return;
  }
  await deps.docs.show(docUri(INSPECT_SCHEME, on.name, `${net.name}.json`), JSON.stringify(detail, null, 2) + '\n');
}

async function copyOne(values: string[], what: string): Promise<void> {
  if (values.length === 0) {
    void vscode.window.showInformationMessage(`Nothing to copy: no ${what}.`);
    return;
  }
  const value = values.length === 1 ? values[0] : await vscode.window.showQuickPick(values, { title: `Copy ${what}` });
  if (!value) return;
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${value}`, 3000);
}

/** macvlan.networks.copySubnet */
export async function copySubnet(deps: Deps, arg?: unknown): Promise<void> {
  const n = nodeOf(deps, arg);
  if (n) await copyOne(addressesOf(n), 'subnet');
}

/** macvlan.networks.copyAddress */
export async function copyAddress(deps: Deps, arg?: unknown): Promise<void> {
  const n = nodeOf(deps, arg);
  if (n) await copyOne(addressesOf(n), 'address');
}

/** macvlan.networks.remove: only networks macvlan-spec created, after a modal confirmation. */
export async function removeNetwork(deps: Deps, arg?: unknown): Promise<boolean> {
  const net = networkOf(deps, arg);
  if (!net) return false;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Removing networks is disabled in Restricted Mode.');
    return false;
  }
  if (!isManaged(net.labels)) {
    void vscode.window.showWarningMessage(`Network ${net.name} was not created by macvlan-spec, so it is not removed from here.`);
    return false;
  }
  const on = hostOrSay(deps, arg);
  const host = on?.host;
  if (!on || !host) return false;
  const url = on.url ?? '';
  const attached = net.containers.map((c) => c.name);
  const detail = attached.length
    ? `Containers attached: ${attached.join(', ')}. Docker refuses to remove a network that containers are attached to; stop or disconnect them first.`
    : 'No running container is attached to it.';
  const answer = await vscode.window.showWarningMessage(`Remove network ${net.name} from host ${on.name}${url ? ` (${url})` : ''}?`, { modal: true, detail }, 'Remove');
  if (answer !== 'Remove') return false;
  try {
    await host.removeNetwork(net.id || net.name);
    vscode.window.setStatusBarMessage(`$(trash) Removed network ${net.name}`, 5000);
    return true;
  } catch (err) {
    const engine = err instanceof DockerError ? `${err.engineMessage ?? ''} ${err.hint}` : '';
    if (/active endpoints|still attached/i.test(engine)) {
      const who = attached.length ? ` (${attached.join(', ')})` : '';
      void vscode.window.showErrorMessage(`Docker refused to remove network ${net.name}: containers are still attached to it${who}. Stop or disconnect them first, then remove it again.`);
    } else {
      void vscode.window.showErrorMessage(`Could not remove network ${net.name}: ${message(err)}`);
    }
    return false;
  } finally {
    on.invalidate();
  }
}

/**
 * macvlan.networks.addToSpec: the network and the containers on it, as core/plan's import
 * writes them, inserted into the spec in the editor (one undoable edit), or opened as a new
 * spec when none is open.
 */
export async function addToSpec(deps: Deps, arg?: unknown): Promise<void> {
  const net = networkOf(deps, arg);
  if (!net) return;
  if (net.driver !== 'macvlan' && net.driver !== 'ipvlan') {
    void vscode.window.showInformationMessage(`Network ${net.name} is a ${net.driver} network: a spec holds macvlan and ipvlan networks only.`);
    return;
  }
  const on = hostOrSay(deps, arg);
  const host = on?.host;
  if (!on || !host) return;
  let observed: ObservedHostDetail;
  try {
    observed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading network ${net.name}` }, () => observeDetail(host));
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot read network ${net.name}: ${message(err)}`);
    return;
  }
  const one = observed.networks.find((n) => n.id === net.id) ?? observed.networks.find((n) => n.name === net.name);
  if (!one) {
    void vscode.window.showWarningMessage(`Network ${net.name} is gone from the host.`);
    on.invalidate();
    return;
  }
  const members = observed.containers.filter((c) => c.networks.some((a) => a.network === one.name || (a.networkId !== undefined && a.networkId === one.id)));
  const notes = members.flatMap((c) => c.networks.filter((a) => a.network !== one.name).map((a) => `container ${c.name} is also on ${a.network} (not added)`));
  const only: ObservedHostDetail = { ...observed, networks: [one], containers: members.map((c) => ({ ...c, networks: c.networks.filter((a) => a.network === one.name) })) };
  const scope = deps.scopes.scope;
  const url = on.url ?? 'the Docker host';
  const spec = scope.spec?.document;
  if (!spec) {
    const r = importSpec(only, { header: `network ${one.name} imported from ${url} by macvlan-spec` });
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: r.text });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const r = importSpec(only);
  const outcome = await deps.ask<AddToSpecAnswer>(ADD_TO_SPEC_METHOD, { uri: spec.uri.toString(), imported: r.text, host: on.name } satisfies AddToSpecParams);
  if (outcome.ok && outcome.version !== spec.version) {
    void vscode.window.showWarningMessage(`${scope.spec?.name} changed meanwhile: run Add to Spec again.`);
    return;
  }
  if (!outcome.ok) {
    const choice = await vscode.window.showWarningMessage(`Cannot add ${one.name} to ${scope.spec?.name}: ${outcome.error}.`, 'Open as New Spec');
    if (choice) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: r.text }));
    return;
  }
  const res = outcome;
  const skipped = [...res.skipped, ...r.skipped, ...notes];
  if (res.networks.length === 0 && res.containers.length === 0) {
    void vscode.window.showInformationMessage(`Nothing added to ${scope.spec?.name}: ${skipped.join('; ')}.`);
    return;
  }
  const e = res.edit;
  const edit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(spec.positionAt(e.start), spec.positionAt(e.end));
  edit.replace(spec.uri, range, e.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not edit ${scope.spec?.name}.`);
    return;
  }
  const end = spec.positionAt(e.start + e.text.length);
  await vscode.window.showTextDocument(spec, { selection: new vscode.Range(range.start, end), preserveFocus: false });
  const what = [res.networks.length ? `network ${res.networks.join(', ')}` : '', res.containers.length ? `container${res.containers.length === 1 ? '' : 's'} ${res.containers.join(', ')}` : ''].filter(Boolean).join(' and ');
  void vscode.window.showInformationMessage(`Added ${what} to ${scope.spec?.name}.${skipped.length ? ` Not added: ${skipped.join('; ')}.` : ''}`);
}
