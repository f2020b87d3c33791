/**
 * A compose file through the spec's rules. Files that land on one Docker host are checked
 * together in core/workspace/ (the "Pool overlaps" people meet at `docker compose up`).
 */
import { applySeverity, checkParsed, type CheckOptions, type CheckResult } from '../check';
import { compareFindings, type Finding } from '../findings';
import type { Env } from './interpolate';
import { parseCompose, type ComposeFile } from './read';

export interface ComposeCheck extends CheckResult {
  compose: ComposeFile;
}

/** Codes that are about the spec format itself, not about networking: a compose file never gets them. */
const SPEC_ONLY = new Set(['MV001', 'MV002', 'MV501', 'MV502']);

export function checkCompose(text: string, opts: CheckOptions & { project: string; env?: Env }): ComposeCheck {
  const compose = parseCompose(text, { project: opts.project, ...(opts.env ? { env: opts.env } : {}) });
  const r = checkParsed(compose, opts);
  const own = portsFindings(compose);
  const findings = [...r.findings.filter((f) => !SPEC_ONLY.has(f.code)), ...applySeverity(own, opts.settings)].sort(compareFindings);
  return { ...r, findings, compose };
}

/** Rules only compose files have (the spec has no `ports:`); listed beside core/rules/registry.ts. */
export const COMPOSE_RULES = [{ code: 'MV414', title: 'Ports published where Docker publishes none', defaultSeverity: 'warning' }] as const;

/** MV414: published ports on a service whose only networks are macvlan/ipvlan. */
function portsFindings(c: ComposeFile): Finding[] {
  return c.ports
    .filter((p) => p.drivers.length > 0 && p.drivers.every((d) => d === 'macvlan' || d === 'ipvlan'))
    .map((p) => ({
      code: 'MV414',
      severity: 'warning',
      message: `service ${p.service} publishes ports, but its only networks are ${[...new Set(p.drivers)].join('/')}: Docker publishes no ports there — reach the container at its own address on the LAN, or add a bridge network for the ports`,
      span: p.ports,
      path: p.path,
      related: [],
    }));
}
