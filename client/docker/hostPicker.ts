/**
 * Choosing the Docker host: "Select Docker Host" (spec hosts, automatic, DOCKER_HOST, docker
 * contexts, custom URL), the pick for "Import", and "Configure Host…" (setting
 * macvlan.docker.host).
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { parseDockerUrl, resolveTarget } from '../../docker/connect';
import type { DockerTarget } from '../../docker/target';
import { AUTO, hostNameFor, pinsConnection, resolveConnection, type ConnectionChoice, type Resolution } from './connection';
import { listDockerContexts } from './contextList';
import { message, parseSpecArg, type Deps } from './deps';
import type { ScopeManager } from './scope';
import { allowTlsFiles } from './tlsConsent';

type Action = { kind: 'specHost'; name: string } | { kind: 'choice'; choice: ConnectionChoice } | { kind: 'custom' };

interface Item extends vscode.QuickPickItem {
  action?: Action;
}

const sameChoice = (a: ConnectionChoice, b: ConnectionChoice) => a.kind === b.kind && (a.kind !== 'context' || (b.kind === 'context' && a.name === b.name));
const where = (r: Resolution) => (r.ok ? r.target.url : r.message);

function pickItems(scopes: ScopeManager, doc: vscode.TextDocument | undefined, markCurrent: boolean): Item[] {
  const out: Item[] = [];
  const current = (yes: boolean) => (markCurrent && yes ? ' · current' : '');
  if (doc) {
    const info = scopes.infoOf(doc);
    const selected = scopes.effectiveHost(doc);
    out.push({ label: `Hosts of ${path.basename(doc.uri.path)}`, kind: vscode.QuickPickItemKind.Separator });
    for (const h of scopes.hostsOf(doc)) {
      const r = scopes.resolveFor(doc, h.name).resolution;
      const how = pinsConnection(h) ? (h.docker ? `docker: ${h.docker}` : `context: ${h.context}`) : 'no docker: or context: in the spec — reached through the Docker connection chosen below (the macvlan.docker.host setting, DOCKER_HOST or a docker context)';
      out.push({
        label: `$(server) ${h.name}${info?.hostsDeclared ? '' : ' (implicit host)'}`,
        description: `${where(r)}${current(h.name === selected)}`,
        detail: how,
        action: { kind: 'specHost', name: h.name },
      });
    }
  }
  const choice = scopes.connectionChoice;
  out.push({ label: 'Docker connection', kind: vscode.QuickPickItemKind.Separator });
  const auto = resolveConnection({ choice: AUTO, setting: scopes.setting(), sshHostKeyCheck: scopes.sshHostKeyCheck(), trusted: vscode.workspace.isTrusted });
  out.push({
    label: '$(sync) Automatic',
    description: `${where(auto)}${auto.ok ? ` (${auto.origin})` : ''}${current(choice.kind === 'auto')}`,
    detail: 'setting macvlan.docker.host, else DOCKER_HOST, else the current docker context, else the default socket',
    action: { kind: 'choice', choice: AUTO },
  });
  const env = process.env.DOCKER_HOST;
  if (env) out.push({ label: '$(terminal) DOCKER_HOST', description: `${env}${current(choice.kind === 'env')}`, action: { kind: 'choice', choice: { kind: 'env' } } });
  for (const c of listDockerContexts()) {
    const ctx: ConnectionChoice = { kind: 'context', name: c.name };
    out.push({
      label: `$(layers) ${c.name}`,
      description: `${c.host ?? 'default socket'}${current(sameChoice(choice, ctx))}`,
      detail: c.description ? `docker context · ${c.description}` : 'docker context',
      action: { kind: 'choice', choice: ctx },
    });
  }
  out.push({ label: '$(edit) Custom…', description: 'a URL, saved in setting macvlan.docker.host', action: { kind: 'custom' } });
  return out;
}

async function specDocFromArg(scopes: ScopeManager, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const a = parseSpecArg(arg);
  return a.uri ? vscode.workspace.openTextDocument(a.uri) : scopes.specDocument();
}

/** macvlan.selectHost */
export async function selectHost(deps: Deps, arg?: unknown): Promise<void> {
  const { scopes } = deps;
  const doc = await specDocFromArg(scopes, arg);
  const picked = await vscode.window.showQuickPick(pickItems(scopes, doc, true), {
    title: 'Select Docker Host',
    placeHolder: doc ? `Host for ${path.basename(doc.uri.path)} (plan, apply, the Networks view)` : 'Docker host for the Networks view',
    matchOnDescription: true,
  });
  const action = picked?.action;
  if (!action) return;
  if (action.kind === 'specHost') {
    if (doc) scopes.setSelectedHost(doc, action.name);
  } else if (action.kind === 'choice') {
    scopes.setChoice(action.choice);
    const host = doc ? scopes.hostsOf(doc).find((h) => h.name === scopes.effectiveHost(doc)) : undefined;
    if (host && pinsConnection(host)) {
      void vscode.window.showInformationMessage(`Host ${host.name} of the spec names its own connection; the choice applies to hosts without docker:/context: and to the Networks view without a spec.`);
    }
  } else {
    await configureHost(deps);
    return;
  }
  scopes.update();
  // The spec host picked reads tls: files outside the workspace: ask before connecting.
  const r = scopes.scope.resolution;
  if (!r.ok && r.reason === 'tlsOutside' && !(await allowTlsFiles(deps, r, scopes.scope.hostName, scopes.scope.spec?.name ?? 'the spec'))) return;
  // A command ran: connect now, so the status bar can show the engine version.
  await deps.monitor.refresh();
}

export interface PickedTarget {
  /** A spec host name for the import's hosts: entry; undefined for a local socket (implicit host). */
  hostName?: string;
  target: DockerTarget;
}

/** A Docker host to read from (import), without changing what the view shows. */
export async function pickTarget(deps: Deps, title: string): Promise<PickedTarget | undefined> {
  const { scopes } = deps;
  const doc = scopes.specDocument();
  const picked = await vscode.window.showQuickPick(pickItems(scopes, doc, false), { title, placeHolder: 'Docker host to read', matchOnDescription: true });
  const action = picked?.action;
  if (!action) return undefined;
  const local = (t: DockerTarget) => t.kind === 'unix' || t.kind === 'npipe';
  let r: Resolution;
  if (action.kind === 'specHost' && doc) {
    r = scopes.resolveFor(doc, action.name).resolution;
    if (r.ok) return { hostName: action.name, target: r.target };
    if (r.reason === 'tlsOutside') {
      const target = await allowTlsFiles(deps, r, action.name, path.basename(doc.uri.path));
      return target ? { hostName: action.name, target } : undefined;
    }
  } else if (action.kind === 'choice') {
    r = resolveConnection({ choice: action.choice, setting: scopes.setting(), sshHostKeyCheck: scopes.sshHostKeyCheck(), trusted: vscode.workspace.isTrusted });
    if (r.ok) return { hostName: local(r.target) ? undefined : hostNameFor(r.target), target: r.target };
  } else {
    const url = await askUrl('Docker host to import from', '');
    if (!url) return undefined;
    try {
      const target = resolveTarget({ override: url, sshHostKeyCheck: scopes.sshHostKeyCheck() });
      return { hostName: local(target) ? undefined : hostNameFor(target), target };
    } catch (err) {
      r = { ok: false, reason: 'invalid', message: message(err) };
    }
  }
  if (!r.ok) void vscode.window.showErrorMessage(r.message);
  return undefined;
}

function validateUrl(v: string): string | undefined {
  if (!v.trim()) return undefined;
  try {
    parseDockerUrl(v, 'setting', undefined);
    return undefined;
  } catch (err) {
    return message(err);
  }
}

function askUrl(title: string, value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'unix:///path, tcp://host:port (TLS from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH) or ssh://user@host. Empty: DOCKER_HOST, else the current docker context, else the default socket.',
    value,
    placeHolder: 'unix:///var/run/docker.sock · tcp://host:2376 · ssh://user@host',
    ignoreFocusOut: true,
    validateInput: validateUrl,
  });
}

/** macvlan.networks.configureHost: the setting macvlan.docker.host. True when it was set. */
export async function configureHost(deps: Deps): Promise<boolean> {
  // A host the spec pins (docker: or context:) is configured in the spec: the setting does not reach it.
  const doc = deps.scopes.scope.spec?.document;
  const pinned = doc ? deps.scopes.hostsOf(doc).find((h) => h.name === deps.scopes.scope.hostName && pinsConnection(h)) : undefined;
  if (doc && pinned) {
    const at = doc.positionAt(pinned.offset ?? 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at.translate(0, pinned.name.length)) });
    void vscode.window.showInformationMessage(`Host ${pinned.name} is reached as the spec says (${pinned.docker ? `docker: ${pinned.docker}` : `context: ${pinned.context}`}): change it there. The macvlan.docker.host setting is for hosts without docker: or context:.`);
    return false;
  }
  const cfg = vscode.workspace.getConfiguration('macvlan');
  const value = await askUrl('Configure Docker Host (macvlan.docker.host)', cfg.get<string>('docker.host', '') ?? '');
  if (value === undefined) return false;
  const info = cfg.inspect<string>('docker.host');
  // Where it is set now, so the new value is the one that counts (workspace beats user).
  const inWorkspace = vscode.workspace.isTrusted && !!vscode.workspace.workspaceFolders?.length && info?.workspaceValue !== undefined;
  try {
    await cfg.update('docker.host', value.trim() || undefined, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not save macvlan.docker.host: ${message(err)}`);
    return false;
  }
  deps.scopes.setChoice(AUTO);
  void deps.monitor.refresh();
  return true;
}
