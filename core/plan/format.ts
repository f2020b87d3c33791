import { defaultMode, partOf, userLabels } from './normalise';
import type { Attach, IpamConfig, NetworkDef, Plan, Reattach, Step, SwarmPart, Unchanged } from './types';

export interface PlanSummary {
  create: number;
  recreate: number;
  remove: number;
  change: number;
  unchanged: number;
  conflicts: number;
  warnings: number;
  /** This spec's resources it no longer describes, kept (not pruned). */
  orphans: number;
}

/** A step that removes something from the host (only with --prune). */
export const isRemoval = (step: Step): boolean => step.kind === 'removeNetwork' || step.kind === 'removeContainer';

export function summarise(plan: Plan): PlanSummary {
  const s: PlanSummary = { create: 0, recreate: 0, remove: 0, change: 0, unchanged: plan.unchanged.length, conflicts: plan.conflicts.length, warnings: plan.warnings.length, orphans: plan.orphans.length };
  for (const step of plan.steps) {
    if (step.kind === 'createNetwork' || step.kind === 'createContainer') s.create++;
    else if (step.kind === 'recreateNetwork' || step.kind === 'recreateContainer') s.recreate++;
    else if (isRemoval(step)) s.remove++;
    else s.change++;
  }
  return s;
}

function ipamText(c: IpamConfig): string {
  const parts = [c.subnet];
  if (c.gateway) parts.push(`gateway ${c.gateway}`);
  if (c.ipRange) parts.push(`ip_range ${c.ipRange}`);
  const aux = Object.entries(c.aux);
  if (aux.length) parts.push(`aux ${aux.map(([k, v]) => `${k}=${v}`).join(',')}`);
  return parts.join(' ');
}

export function describeNetwork(def: NetworkDef): string {
  if (def.scope === 'swarm') return [`swarm network: ${def.driver} --config-from ${def.configFrom ?? '?'}`, ...(def.attachable ? ['attachable'] : []), ...(def.internal ? ['internal'] : [])].join(' · ');
  const o = def.options;
  const mode = (def.driver === 'ipvlan' ? o.ipvlan_mode : o.macvlan_mode) ?? defaultMode(def.driver);
  const flag = o.ipvlan_flag ? `/${o.ipvlan_flag}` : '';
  const parts = [`${def.configOnly ? 'config-only: ' : ''}${def.driver} ${mode}${flag} on ${o.parent ?? '(no parent)'}`, ...def.ipam.map(ipamText)];
  if (def.internal) parts.push('internal');
  const labels = Object.entries(userLabels(def.labels));
  if (labels.length) parts.push(`labels ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  return parts.join(' · ');
}

const addrText = (a: Attach) => [a.ipv4, a.ipv6].filter(Boolean).join(' ') || 'dynamic';
const attachText = (a: Attach) => `${a.network} ${addrText(a)}${a.mac ? ` mac ${a.mac}` : ''}`;

function reattachText(r: Reattach[]): string[] {
  return r.map((m) => (m.next ? `${m.container} ${addrText(m.old)} → ${addrText(m.next)}` : `${m.container} ${addrText(m.old)} → disconnected`));
}

/** [verb, name, what, more lines] of one step, for the table. */
function row(step: Step): [string, string, string, string[]] {
  switch (step.kind) {
    case 'createNetwork':
      return ['+ create', step.network, describeNetwork(step.def), []];
    case 'recreateNetwork':
      return ['~ recreate', step.network, `${partOf(step.def) ? `${partOf(step.def)} network: ` : ''}${step.reasons.join('; ')}`, step.reattach.length ? [`containers reconnected: ${reattachText(step.reattach).join('; ')}`] : []];
    case 'removeNetwork':
      return ['- remove', step.network, step.part ? `${step.part} network: ${step.reason}` : step.reason, step.detach.length ? [`disconnects first: ${step.detach.map((d) => d.container).join(', ')}`] : []];
    case 'createContainer':
      return ['+ create', step.container, `${step.def.image}${step.pull ? ' (pulled first)' : ''} · ${step.def.attachments.map(attachText).join(' · ') || 'no networks'}`, []];
    case 'recreateContainer':
      return ['~ recreate', step.container, step.reasons.join('; '), [`then: ${step.def.attachments.map(attachText).join(' · ') || 'no networks'}`]];
    case 'removeContainer':
      return ['- remove', step.container, step.reason, []];
    case 'connect':
      return ['+ connect', step.container, attachText(step.attach), []];
    case 'reconnect':
      return ['~ readdress', step.container, step.reasons.join('; '), []];
    case 'disconnect':
      return ['- disconnect', step.container, `${step.network} (${step.reason})`, []];
    case 'startContainer':
      return ['> start', step.container, `it is ${step.state}`, []];
  }
}

const UNCHANGED_NOTE: Record<Unchanged['state'], string> = {
  owned: '',
  adopted: 'adopted: not created by macvlan-spec, matches the spec; left as it is, never recreated or removed',
  legacy: 'made by an older macvlan-spec (no spec name on it), matches the spec; left as it is (apply --adopt claims it)',
};

const isNetworkStep = (s: Step) => s.kind === 'createNetwork' || s.kind === 'recreateNetwork' || s.kind === 'removeNetwork';

/** The plan as a document for a person: what changes on the host and why. */
export function formatPlan(plan: Plan, opts: { target?: string } = {}): string {
  const lines: string[] = [];
  const where = [opts.target, plan.engine ? `Docker ${plan.engine}` : undefined].filter(Boolean).join(', ');
  lines.push(`Plan for host ${plan.host}${where ? ` (${where})` : ''}, spec ${plan.spec}`);
  // One column width for both sections, so the plan reads as one table.
  const vw = Math.max(11, ...plan.steps.map((st) => row(st)[0].length));
  const nw = Math.max(0, ...plan.steps.map((st) => row(st)[1].length), ...plan.unchanged.map((u) => u.name.length));
  const section = (title: string, steps: Step[], unchanged: Unchanged[]) => {
    if (steps.length === 0 && unchanged.length === 0) return;
    lines.push('', title);
    for (const [verb, name, what, more] of steps.map(row)) {
      lines.push(`  ${verb.padEnd(vw)} ${name.padEnd(nw)}  ${what}`);
      for (const m of more) lines.push(`  ${''.padEnd(vw)} ${''.padEnd(nw)}  ${m}`);
    }
    for (const u of unchanged) {
      const note = UNCHANGED_NOTE[u.state];
      lines.push(`  ${'= unchanged'.padEnd(vw)} ${u.name}${note ? `${''.padEnd(nw - u.name.length)}  ${note}` : ''}`);
    }
  };
  section('Networks', plan.steps.filter(isNetworkStep), plan.unchanged.filter((u) => u.kind === 'network'));
  section('Containers', plan.steps.filter((s) => !isNetworkStep(s)), plan.unchanged.filter((u) => u.kind === 'container'));
  if (plan.orphans.length) {
    lines.push('', `Orphans — this spec's, no longer in it; kept (apply --prune removes them)`);
    for (const o of plan.orphans) lines.push(`  ${'· orphan'.padEnd(vw)} ${o.kind} ${o.name}  ${o.reason}`);
  }
  if (plan.conflicts.length) {
    lines.push('', 'Conflicts — apply refuses this plan until they are resolved');
    for (const c of plan.conflicts) lines.push(`  ! ${c.kind} ${c.name}: ${c.message}`);
  }
  if (plan.warnings.length) {
    lines.push('', 'Warnings');
    for (const w of plan.warnings) lines.push(`  * ${w}`);
  }
  lines.push('', summaryLine(plan));
  return lines.join('\n') + '\n';
}

export function summaryLine(plan: Plan): string {
  const s = summarise(plan);
  if (plan.steps.length === 0 && s.conflicts === 0) {
    const orphans = plan.orphans.length ? ` ${plan.orphans.length} orphan${plan.orphans.length === 1 ? '' : 's'} kept (apply --prune removes ${plan.orphans.length === 1 ? 'it' : 'them'}).` : '';
    return (s.unchanged ? `Nothing to do: the host matches the spec (${s.unchanged} unchanged).` : `Nothing to do: the spec has nothing for this host, and the host has nothing of spec ${plan.spec}'s.`) + orphans;
  }
  const parts = [`${s.create} to create`, `${s.recreate} to recreate`, `${s.change} to change`, `${s.remove} to remove`, `${s.unchanged} unchanged`];
  const orphans = plan.orphans.length ? `, ${plan.orphans.length} orphan${plan.orphans.length === 1 ? '' : 's'} kept` : '';
  const tail = s.conflicts ? `; ${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'} (apply refuses)` : '';
  return `${parts.join(', ')}${orphans}${tail}.`;
}

/** The JSON form: the plan's own plain data plus the counts. */
export function planToJson(plan: Plan, opts: { target?: string } = {}): unknown {
  return { host: plan.host, spec: plan.spec, target: opts.target, engine: plan.engine, summary: summarise(plan), steps: plan.steps.map(withoutEnvValues), unchanged: plan.unchanged, orphans: plan.orphans, conflicts: plan.conflicts, warnings: plan.warnings };
}

/** A step as data for others to read: a container's env as its variable names only (values are often secrets). */
function withoutEnvValues(step: Step): unknown {
  if (step.kind !== 'createContainer' && step.kind !== 'recreateContainer') return step;
  const { env, ...def } = step.def;
  return { ...step, def: { ...def, envNames: env.map((e) => (e.includes('=') ? e.slice(0, e.indexOf('=')) : e)) } };
}

/** One line naming a step, for progress output. */
export function stepTitle(step: Step): string {
  switch (step.kind) {
    case 'createNetwork':
      return `create ${netWord(partOf(step.def))} ${step.network}`;
    case 'recreateNetwork':
      return `recreate ${netWord(partOf(step.def))} ${step.network}`;
    case 'removeNetwork':
      return `remove ${netWord(step.part)} ${step.network}`;
    case 'createContainer':
      return `create container ${step.container}`;
    case 'recreateContainer':
      return `recreate container ${step.container}`;
    case 'removeContainer':
      return `remove container ${step.container}`;
    case 'connect':
      return `connect ${step.container} to ${step.attach.network} (${addrText(step.attach)})`;
    case 'reconnect':
      return `move ${step.container} on ${step.attach.network} to ${addrText(step.attach)}`;
    case 'disconnect':
      return `disconnect ${step.container} from ${step.network}`;
    case 'startContainer':
      return `start container ${step.container}`;
  }
}

const netWord = (part: SwarmPart | undefined) => (part ? `${part} network` : 'network');
