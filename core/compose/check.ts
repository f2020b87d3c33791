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
  let findings = [...r.findings.filter((f) => !SPEC_ONLY.has(f.code)), ...applySeverity(own, opts.settings)].sort(compareFindings);
  if (compose.model.hosts.length > 1) findings = perHostCopies(findings);
  return { ...r, findings, compose };
}

/**
 * On several hosts (`x-macvlan.hosts`) each service is one container per host, all read from
 * the same text: a rule that fires for each copy is said once per place. A static address is
 * one value for every host, so a duplicate between the copies has no "next free address" fix
 * (it would move both); the remedy is a variable per host.
 */
function perHostCopies(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.code} ${f.span.start} ${f.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const self = f.code === 'MV404' && f.related.some((r) => r.file === undefined && r.span.start === f.span.start && r.span.end === f.span.end);
    if (!self) {
      out.push(f);
      continue;
    }
    const { data: _fix, ...rest } = f;
    out.push({ ...rest, message: `${f.message.replace(/ — give one of them a free address$/, '')} — the service runs on every host of x-macvlan.hosts with this one address: give it a variable set per host (each host's .env), or no static address` });
  }
  return out;
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
