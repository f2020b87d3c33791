/**
 * The Networks view as plain data: host → networks (macvlan/ipvlan first, the rest under
 * "Other networks") → their settings and attached containers. Pure (no vscode import), so the
 * shape, the labels and the contextValues that package.json's menus match (/network/,
 * /managed/, /address|container/, /error|host/) are unit-tested; networksView.ts only maps a
 * TreeNode to a vscode.TreeItem.
 */
import { SPEC_LABEL } from '../../core/observed';
import { isManaged } from '../../core/plan/observedIndex';
import { defaultMode, userLabels } from '../../core/plan/normalise';
import type { ContainerDetail, IpamConfig, NetworkDef, NetworkDetail, NetworkEndpoint } from '../../core/plan/types';
import type { EngineInfo } from '../../docker/types';
import type { Drift, DriftResult, DriftState, EndpointDrift } from '../../core/plan/drift';
import { driftSummary } from '../../core/plan/driftSummary';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** A codicon id and an optional theme colour id. */
export interface NodeIcon {
  id: string;
  color?: string;
}

/** What a command invoked on the node acts on. */
export type NodeData =
  | { kind: 'host'; url?: string }
  | { kind: 'network'; network: NetworkDetail }
  | { kind: 'specNetwork'; def: NetworkDef }
  | { kind: 'address'; value: string; network: string }
  | { kind: 'container'; network: string; endpoint: NetworkEndpoint; state: string; managed: boolean }
  | { kind: 'specContainer'; network: string; container: string }
  | { kind: 'error' }
  | { kind: 'info' };

export interface TreeNode {
  /** Stable across refreshes, so VS Code keeps what the user expanded. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  icon?: NodeIcon;
  collapsible: Collapsible;
  children: TreeNode[];
  data: NodeData;
  command?: { command: string; title: string; arguments?: unknown[] };
}

export type TreeConnection = { ok: true; url: string; origin: string } | { ok: false; reason: 'restricted' | 'invalid' | 'tlsOutside'; message: string; hint?: string };

export interface TreeInput {
  /** Spec host name, or "local" (the implicit host) without a spec. */
  hostName: string;
  /** The spec in the active editor, if any. */
  spec?: { name: string; errors?: number };
  connection: TreeConnection;
  status: 'idle' | 'loading' | 'ok' | 'error';
  info?: EngineInfo;
  networks?: NetworkDetail[];
  /** Every container with its state, stopped ones too (a network lists only running ones). */
  containers?: ContainerDetail[];
  error?: { kind: string; message: string; hint?: string };
  drift?: DriftResult;
}

export const CONFIGURE_HOST = 'macvlan.networks.configureHost';
/** Refresh asks about tls: files outside the workspace before it connects (index.ts). */
export const REFRESH = 'macvlan.networks.refresh';
const MANAGE_TRUST = 'workbench.trust.manage';

const isVlan = (driver: string) => driver === 'macvlan' || driver === 'ipvlan';
const short = (id: string) => id.slice(0, 12);
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const ERROR_TITLES: Record<string, string> = {
  unreachable: 'Cannot reach Docker',
  permission: 'Permission denied',
  timeout: 'Docker did not answer',
  invalid: 'Invalid Docker host',
};

/** The host name a node id starts with (`host/<name>/…`; names have no slash). */
export function hostNameOfNode(id: string): string | undefined {
  const m = /^host\/([^/]+)\//.exec(id);
  return m?.[1];
}

export function buildTree(input: TreeInput): TreeNode[] {
  return [hostNode(input)];
}

function hostNode(input: TreeInput): TreeNode {
  const c = input.connection;
  const url = c.ok ? c.url : undefined;
  const id = `host/${input.hostName}/${url ?? c.ok}`;
  const tooltip = [`Docker host ${input.hostName}`];
  let description: string;
  let icon: NodeIcon;
  let children: TreeNode[];
  if (!c.ok) {
    tooltip.push(c.message, ...(c.hint ? [`Hint: ${c.hint}`] : []));
    if (c.reason === 'restricted') {
      description = 'Restricted Mode';
      icon = { id: 'shield' };
      children = [
        {
          id: `${id}/restricted`,
          label: 'Restricted Mode',
          description: c.message.replace(/^Restricted Mode: /, ''),
          tooltip: [c.message, c.hint].filter(Boolean).join('\n'),
          contextValue: 'restricted',
          icon: { id: 'shield' },
          collapsible: 'none',
          children: [],
          data: { kind: 'info' },
          command: { command: MANAGE_TRUST, title: 'Manage Workspace Trust' },
        },
      ];
    } else if (c.reason === 'tlsOutside') {
      description = 'TLS files outside the workspace';
      icon = { id: 'shield' };
      children = [
        {
          id: `${id}/tlsOutside`,
          label: 'TLS files outside the workspace',
          description: 'click to review and allow',
          tooltip: [c.message, c.hint].filter(Boolean).join('\n'),
          contextValue: 'tlsOutside',
          icon: { id: 'shield' },
          collapsible: 'none',
          children: [],
          data: { kind: 'info' },
          command: { command: REFRESH, title: 'Review TLS Files' },
        },
      ];
    } else {
      description = 'invalid host';
      icon = { id: 'warning', color: 'list.warningForeground' };
      children = errorNodes(id, 'invalid', c.message, c.hint);
    }
  } else {
    tooltip.push(`${c.url}`, `from ${c.origin}`);
    if (input.status === 'error' && input.error) {
      description = `${c.url} · ${input.error.kind === 'unreachable' ? 'unreachable' : 'error'}`;
      icon = { id: 'warning', color: 'list.warningForeground' };
      children = errorNodes(id, input.error.kind, input.error.message, input.error.hint);
      tooltip.push(input.error.message);
    } else if (input.status === 'ok' && input.networks) {
      const engine = input.info?.engineVersion;
      description = engine ? `${c.url} · Docker ${engine}` : c.url;
      icon = { id: 'server' };
      if (input.info) tooltip.push(`Docker ${input.info.engineVersion} (API ${input.info.apiVersion}, ${input.info.os})${input.info.name ? ` on ${input.info.name}` : ''}`);
      children = networkNodes(id, input.networks, input.drift, input.containers);
    } else {
      description = `${c.url} · connecting…`;
      icon = { id: 'loading~spin' };
      children = [infoNode(`${id}/loading`, 'Loading…', undefined, 'loading~spin')];
    }
  }
  if (input.spec) {
    const drift = input.drift ? `: ${driftSummary(input.drift)}` : '';
    const errors = input.spec.errors ? ` (the spec has ${input.spec.errors} error${input.spec.errors === 1 ? '' : 's'})` : '';
    const which = input.drift ? ` (spec ${input.drift.spec})` : '';
    tooltip.push(`Compared with ${input.spec.name}${which}${drift}${errors}`);
  }
  return { id, label: input.hostName, description, tooltip: tooltip.join('\n'), contextValue: 'host', icon, collapsible: 'expanded', children, data: { kind: 'host', url } };
}

function errorNodes(prefix: string, kind: string, message: string, hint?: string): TreeNode[] {
  const title = ERROR_TITLES[kind] ?? 'Docker error';
  const configure = { command: CONFIGURE_HOST, title: 'Configure Host…' };
  return [
    {
      id: `${prefix}/error`,
      label: title,
      description: message,
      tooltip: [message, hint ? `Hint: ${hint}` : ''].filter(Boolean).join('\n'),
      contextValue: 'error',
      icon: { id: 'error', color: 'list.errorForeground' },
      collapsible: 'none',
      children: [],
      data: { kind: 'error' },
      command: configure,
    },
    {
      id: `${prefix}/configure`,
      label: 'Configure host…',
      description: 'macvlan.docker.host',
      tooltip: 'Set the Docker host for this view (setting macvlan.docker.host), or pick one with "Select Docker Host"',
      contextValue: 'error action',
      icon: { id: 'gear' },
      collapsible: 'none',
      children: [],
      data: { kind: 'error' },
      command: configure,
    },
  ];
}

function infoNode(id: string, label: string, description?: string, icon = 'info'): TreeNode {
  return { id, label, description, contextValue: 'info', icon: { id: icon }, collapsible: 'none', children: [], data: { kind: 'info' } };
}

/** Every container's state, and the containers configured on each network (stopped ones too), built once per tree. */
interface Members {
  stateOf: Map<string, string>;
  /** Containers macvlan-spec created (its managed label): the tree offers start/stop/restart on them. */
  managed: Set<string>;
  byNetwork: Map<string, ContainerDetail[]>;
}

function membersOf(containers: readonly ContainerDetail[]): Members {
  const m: Members = { stateOf: new Map(), managed: new Set(), byNetwork: new Map() };
  for (const c of containers) {
    m.stateOf.set(c.id, c.state);
    if (isManaged(c.labels)) m.managed.add(c.id);
    for (const a of c.networks) {
      const list = m.byNetwork.get(a.network);
      if (list) list.push(c);
      else m.byNetwork.set(a.network, [c]);
    }
  }
  return m;
}

function networkNodes(prefix: string, networks: NetworkDetail[], drift: DriftResult | undefined, containers?: ContainerDetail[]): TreeNode[] {
  const members = containers ? membersOf(containers) : undefined;
  const vlan = networks.filter((n) => isVlan(n.driver));
  const other = networks.filter((n) => !isVlan(n.driver)).sort(byName);
  const items: { name: string; node: TreeNode }[] = [
    ...vlan.map((n) => ({ name: n.name, node: networkNode(prefix, n, drift?.byId[n.id], drift?.byEndpoint, members) })),
    ...(drift?.onlyInSpec ?? []).map(({ def, drift: d }) => ({ name: def.name, node: specNetworkNode(prefix, def, d) })),
  ].sort(byName);
  const out = items.map((i) => i.node);
  if (out.length === 0) out.push(infoNode(`${prefix}/none`, 'No macvlan or ipvlan networks', drift ? undefined : 'open a spec to compare, or apply one'));
  if (other.length > 0) {
    out.push({
      id: `${prefix}/other`,
      label: 'Other networks',
      description: String(other.length),
      tooltip: 'Networks of other drivers (bridge, host, overlay, …): listed for their subnets, which a spec must not overlap',
      contextValue: 'group',
      icon: { id: 'list-tree' },
      collapsible: 'collapsed',
      children: other.map((n) => networkNode(`${prefix}/other`, n, drift?.byId[n.id])),
      data: { kind: 'info' },
    });
  }
  return out;
}

function modeOf(driver: string, options: Record<string, string>): { mode: string; explicit: boolean } | undefined {
  if (!isVlan(driver)) return undefined;
  const set = options[driver === 'ipvlan' ? 'ipvlan_mode' : 'macvlan_mode'];
  return { mode: set || defaultMode(driver), explicit: !!set };
}

function kindText(driver: string, options: Record<string, string>): string {
  const m = modeOf(driver, options);
  const parent = options.parent ? ` on ${options.parent}` : '';
  return m ? `${driver} ${m.mode}${parent}` : driver;
}

const DRIFT_TOKEN: Record<DriftState, string> = { inSync: 'sync', differs: 'differs', conflict: 'conflict', orphan: 'orphan', onlyOnHost: 'extra', onlyInSpec: 'missing' };

function driftIcon(state: DriftState): NodeIcon {
  switch (state) {
    case 'inSync':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'differs':
      return { id: 'diff-modified', color: 'list.warningForeground' };
    case 'conflict':
      return { id: 'error', color: 'list.errorForeground' };
    case 'orphan':
      return { id: 'diff-removed', color: 'gitDecoration.deletedResourceForeground' };
    case 'onlyOnHost':
      return { id: 'circle-slash', color: 'disabledForeground' };
    case 'onlyInSpec':
      return { id: 'diff-added', color: 'gitDecoration.addedResourceForeground' };
  }
}

function networkNode(prefix: string, n: NetworkDetail, drift: Drift | undefined, endpoints?: Record<string, EndpointDrift>, members?: Members): TreeNode {
  // Stopped containers configured on this network: Docker lists only running ones as endpoints.
  const running = new Set(n.containers.map((e) => e.id));
  const stopped = (members?.byNetwork.get(n.name) ?? []).filter((c) => !running.has(c.id));
  const managed = isManaged(n.labels);
  const id = `${prefix}/net/${n.id || n.name}`;
  const subnets = n.ipam.map((c) => c.subnet);
  const madeBy = n.labels[SPEC_LABEL];
  const description = [kindText(n.driver, n.options), subnets.join(', ') || 'no subnet', ...(managed ? [madeBy ? `spec ${madeBy}` : 'managed'] : []), ...(drift ? [drift.label] : [])].join(' · ');
  const context = ['network', ...(managed ? ['managed'] : []), ...(isVlan(n.driver) ? ['vlan'] : []), ...(drift ? [DRIFT_TOKEN[drift.state]] : [])].join(' ');
  const tooltip = [
    `${n.name} (${n.driver}, id ${short(n.id)})`,
    ...n.ipam.map(ipamText),
    managed
      ? madeBy
        ? `Created by macvlan-spec for spec ${madeBy} (label ${SPEC_LABEL}=${madeBy}): only that spec's apply changes or removes it`
        : 'Created by an older macvlan-spec (label io.macvlan-spec.managed=true, no spec name): apply --adopt claims it for a spec'
      : 'Not created by macvlan-spec: apply never changes or removes it',
    ...(drift ? [`Spec: ${drift.label} — ${drift.action}`, ...drift.reasons.map((r) => `  • ${r}`)] : []),
    `${n.containers.length} container${n.containers.length === 1 ? '' : 's'} attached`,
  ];
  const icon = drift ? driftIcon(drift.state) : managed ? { id: 'verified-filled', color: 'charts.blue' } : { id: isVlan(n.driver) ? 'type-hierarchy-sub' : 'symbol-namespace' };
  const children = [
    ...(drift && drift.state !== 'inSync' ? [driftNode(id, drift)] : []),
    ...propertyNodes(id, n.name, n),
    ...[...n.containers].sort(byName).map((e) => containerNode(id, n.name, e, endpoints?.[`${n.id}/${e.name}`], members?.stateOf.get(e.id) ?? 'running', members?.managed.has(e.id) ?? false)),
    ...stopped.sort(byName).map((c) => {
      const a = c.networks.find((x) => x.network === n.name);
      return containerNode(id, n.name, { id: c.id, name: c.name, ipv4: a?.staticIpv4, ipv6: a?.staticIpv6 }, endpoints?.[`${n.id}/${c.name}`], c.state, members?.managed.has(c.id) ?? false);
    }),
    ...Object.entries(endpoints ?? {})
      .filter(([k, d]) => k.startsWith(`${n.id}/`) && d.state === 'missing')
      .map(([, d]) => missingContainerNode(id, n.name, d)),
  ];
  return { id, label: n.name, description, tooltip: tooltip.join('\n'), contextValue: context, icon, collapsible: 'collapsed', children, data: { kind: 'network', network: n } };
}

function specNetworkNode(prefix: string, def: NetworkDef, drift: Drift): TreeNode {
  const id = `${prefix}/spec/${def.name}`;
  const subnets = def.ipam.map((c) => c.subnet);
  return {
    id,
    label: def.name,
    description: [kindText(def.driver, def.options), subnets.join(', ') || 'no subnet', drift.label].join(' · '),
    tooltip: [`${def.name}: in the spec, not on this host — ${drift.action}`, ...def.ipam.map(ipamText)].join('\n'),
    // Not "network": the network menus (inspect, remove, …) need one that exists on the host.
    contextValue: `specnet ${DRIFT_TOKEN[drift.state]}`,
    icon: driftIcon(drift.state),
    collapsible: 'collapsed',
    children: propertyNodes(id, def.name, def),
    data: { kind: 'specNetwork', def },
  };
}

function driftNode(prefix: string, drift: Drift): TreeNode {
  const id = `${prefix}/drift`;
  return {
    id,
    label: drift.label,
    description: drift.action,
    tooltip: [`${drift.label} — ${drift.action}`, ...drift.reasons.map((r) => `• ${r}`)].join('\n'),
    contextValue: `drift ${DRIFT_TOKEN[drift.state]}`,
    icon: { id: 'diff' },
    collapsible: drift.reasons.length ? 'expanded' : 'none',
    children: drift.reasons.map((r, i) => ({ id: `${id}/${i}`, label: r, contextValue: 'reason', icon: { id: 'dash' }, collapsible: 'none', children: [], data: { kind: 'info' } })),
    data: { kind: 'info' },
  };
}

interface NetLike {
  driver: string;
  options: Record<string, string>;
  ipam: IpamConfig[];
  internal: boolean;
  labels: Record<string, string>;
}

function propertyNodes(prefix: string, network: string, n: NetLike): TreeNode[] {
  const out: TreeNode[] = [];
  const prop = (key: string, value: string, icon = 'symbol-property') =>
    out.push({ id: `${prefix}/p/${key}`, label: key, description: value, contextValue: 'property', icon: { id: icon }, collapsible: 'none', children: [], data: { kind: 'info' } });
  const addr = (key: string, value: string) =>
    out.push({ id: `${prefix}/a/${key}/${value}`, label: key, description: value, tooltip: `${key} ${value} (right-click to copy)`, contextValue: 'address', icon: { id: 'symbol-numeric' }, collapsible: 'none', children: [], data: { kind: 'address', value, network } });
  prop('driver', n.driver, 'symbol-enum');
  const m = modeOf(n.driver, n.options);
  if (m) prop('mode', m.explicit ? m.mode : `${m.mode} (default)`);
  if (n.driver === 'ipvlan' && n.options.ipvlan_flag) prop('ipvlan_flag', n.options.ipvlan_flag);
  if (n.options.parent || isVlan(n.driver)) prop('parent', n.options.parent || '(none)', 'plug');
  for (const c of n.ipam) {
    const v6 = c.subnet.includes(':') ? 'IPv6 ' : '';
    addr(`${v6}subnet`, c.subnet);
    if (c.gateway) addr(`${v6}gateway`, c.gateway);
    if (c.ipRange) addr(`${v6}ip range`, c.ipRange);
    for (const [k, v] of Object.entries(c.aux).sort()) addr(`aux ${k}`, v);
  }
  if (n.internal) prop('internal', 'yes');
  const labels = Object.entries(userLabels(n.labels));
  if (labels.length) prop('labels', labels.map(([k, v]) => `${k}=${v}`).join(', '), 'tag');
  return out;
}

/**
 * contextValue `container` for the menus that every container has (copy address); `mine` and its
 * state add start/stop/restart on the ones macvlan-spec created. Others are shown, not touched.
 */
function containerNode(prefix: string, network: string, e: NetworkEndpoint, drift: EndpointDrift | undefined, state: string, managed: boolean): TreeNode {
  const addrs = [e.ipv4, e.ipv6, e.mac].filter((x): x is string => !!x);
  // A stopped container's drift says "not on" the network (it has no endpoint): its state says why.
  const shown = [...(state !== 'running' ? [state] : []), ...(drift && drift.state !== 'inSync' && drift.state !== 'missing' ? [drift.label] : [])];
  return {
    id: `${prefix}/c/${e.id}`,
    label: e.name,
    description: [addrs.join(' · ') || 'no address', ...shown].join(' · '),
    tooltip: [`container ${e.name} (${short(e.id)}) on ${network}, ${state}${managed ? '' : ' — not created by macvlan-spec: shown, never started or stopped from here'}`, ...(e.ipv4 ? [`IPv4 ${e.ipv4}`] : []), ...(e.ipv6 ? [`IPv6 ${e.ipv6}`] : []), ...(e.mac ? [`MAC ${e.mac}`] : [])].join('\n'),
    contextValue: managed ? `container mine ${RUNS.has(state) ? 'running' : 'stopped'}` : 'container',
    icon: state !== 'running' ? { id: STATE_ICON[state] ?? 'vm-outline', color: 'disabledForeground' } : drift?.state === 'differs' ? { id: 'vm', color: 'list.warningForeground' } : drift?.state === 'onlyOnHost' ? { id: 'vm', color: 'disabledForeground' } : { id: 'vm-running', color: 'testing.iconPassed' },
    collapsible: 'none',
    children: [],
    data: { kind: 'container', network, endpoint: e, state, managed },
  };
}

/** States in which a container has a process: Stop and Restart apply (Docker stops a paused one too), Start does not. */
const RUNS = new Set(['running', 'restarting', 'paused']);

/** Codicons for the states a container can be in besides running. */
const STATE_ICON: Record<string, string> = { exited: 'vm-outline', created: 'vm-outline', paused: 'debug-pause', restarting: 'sync', removing: 'trash', dead: 'error' };

/** A container the spec puts on this network that is not there (stopped, or not created yet). */
function missingContainerNode(prefix: string, network: string, d: EndpointDrift): TreeNode {
  return {
    id: `${prefix}/missing/${d.container}`,
    label: d.container,
    description: d.label,
    tooltip: `container ${d.container}: in the spec on ${network}, ${d.label}`,
    contextValue: 'specMember missing',
    icon: { id: 'diff-added', color: 'gitDecoration.addedResourceForeground' },
    collapsible: 'none',
    children: [],
    data: { kind: 'specContainer', network, container: d.container },
  };
}

function ipamText(c: IpamConfig): string {
  const parts = [c.subnet];
  if (c.gateway) parts.push(`gateway ${c.gateway}`);
  if (c.ipRange) parts.push(`ip_range ${c.ipRange}`);
  const aux = Object.entries(c.aux);
  if (aux.length) parts.push(`aux ${aux.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  return parts.join(' · ');
}

/** What the test API returns: the whole tree, expanded, as plain data. */
export interface SnapshotNode {
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  icon?: string;
  children: SnapshotNode[];
}

export function toSnapshot(nodes: readonly TreeNode[]): SnapshotNode[] {
  return nodes.map((n) => ({
    label: n.label,
    description: n.description ?? '',
    tooltip: n.tooltip ?? '',
    contextValue: n.contextValue,
    ...(n.icon ? { icon: n.icon.id } : {}),
    children: toSnapshot(n.children),
  }));
}

/** The addresses a node offers to copy (a container: its IPv4, IPv6 and MAC). */
export function addressesOf(node: TreeNode): string[] {
  const d = node.data;
  if (d.kind === 'address') return [d.value];
  if (d.kind === 'container') return [d.endpoint.ipv4, d.endpoint.ipv6, d.endpoint.mac].filter((x): x is string => !!x);
  if (d.kind === 'network') return d.network.ipam.map((c) => c.subnet);
  if (d.kind === 'specNetwork') return d.def.ipam.map((c) => c.subnet);
  return [];
}
