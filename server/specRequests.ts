import type { Connection } from 'vscode-languageserver/node';
import { checkParsed } from '../core/check';
import { computeDrift } from '../core/plan/drift';
import { insertImported, minimalEdit } from '../core/plan/insert';
import { planApply } from '../core/plan/plan';
import { IMPLICIT_HOST } from '../core/spec/model';
import { buildAddressMap } from '../core/map/model';
import { guard, type Log } from './guard';
import {
  ADD_TO_SPEC_METHOD,
  ADDRESS_MAP_METHOD,
  APPLY_PLAN_METHOD,
  type AddressMapAnswer,
  type AddressMapParams,
  type AddToSpecAnswer,
  type AddToSpecParams,
  DRIFT_METHOD,
  SPEC_INFO_METHOD,
  type ApplyPlanAnswer,
  type ApplyPlanParams,
  type DriftAnswer,
  type DriftParams,
  type SpecInfo,
  type SpecInfoParams,
} from './protocol';
import type { OpenSpecs } from './specs';

/**
 * What the extension's Docker features ask about a spec. The server has the parse and the
 * settings; the extension host only sends what Docker reports and shows the answers.
 */
export function registerSpecRequests(connection: Connection, specs: OpenSpecs, log: Log): void {
  connection.onRequest(SPEC_INFO_METHOD, guard(log, SPEC_INFO_METHOD, null, async (p: SpecInfoParams): Promise<SpecInfo | null> => {
    const open = await specs.get(p.uri);
    if (!open) return null;
    const { spec } = open;
    const { facts, findings } = spec.result;
    const m = facts.model;
    return {
      uri: p.uri,
      version: spec.version,
      name: facts.specName,
      hostsDeclared: m.hostsDeclared,
      hosts: m.hosts.map((h) => ({
        name: h.name,
        ...(m.hostsDeclared ? { offset: h.keySpan.start } : {}),
        ...(h.docker ? { docker: h.docker.value } : {}),
        ...(h.context ? { context: h.context.value } : {}),
        ...(h.tls ? { tls: { ca: h.tls.ca?.value, cert: h.tls.cert?.value, key: h.tls.key?.value } } : {}),
      })),
      containers: m.containers.map((c) => ({ name: c.name, image: c.image?.value ?? '' })),
      errors: findings.filter((f) => f.severity === 'error').length,
    };
  }));

  connection.onRequest(ADDRESS_MAP_METHOD, guard(log, ADDRESS_MAP_METHOD, null, async (p: AddressMapParams): Promise<AddressMapAnswer> => {
    const open = await specs.get(p.uri);
    if (!open) return null;
    const { spec } = open;
    // From the check the diagnostics come from: the same facts, the same severities.
    const limit = typeof p.limit === 'number' && p.limit > 0 ? p.limit : undefined;
    const filter = typeof p.filter === 'string' ? p.filter : undefined;
    return { uri: p.uri, version: spec.version, map: buildAddressMap(spec.result.facts, spec.result.findings, { filter, limit }) };
  }));

  connection.onRequest(DRIFT_METHOD, guard(log, DRIFT_METHOD, null, async (p: DriftParams): Promise<DriftAnswer> => {
    const open = await specs.get(p.uri);
    if (!open) return null;
    return computeDrift(open.spec.result.facts, p.host, p.networks, p.swarmManagers ? { managers: p.swarmManagers } : undefined);
  }));

  connection.onRequest(ADD_TO_SPEC_METHOD, guard(log, ADD_TO_SPEC_METHOD, { ok: false, error: 'the language server failed' } as AddToSpecAnswer, async (p: AddToSpecParams): Promise<AddToSpecAnswer> => {
    const open = await specs.get(p.uri);
    if (!open) return { ok: false, error: 'the spec is not open' };
    const { spec } = open;
    const m = spec.result.facts.model;
    const outcome = insertImported(spec.text, p.imported, { host: p.host, multiHost: m.hostsDeclared && m.hosts.length > 1 });
    if (!outcome.ok) return outcome;
    const r = outcome.result;
    return { ok: true, version: spec.version, edit: minimalEdit(spec.text, r.text), networks: r.networks, containers: r.containers, skipped: r.skipped };
  }));

  connection.onRequest(APPLY_PLAN_METHOD, guard(log, APPLY_PLAN_METHOD, null, async (p: ApplyPlanParams): Promise<ApplyPlanAnswer> => {
    const open = await specs.get(p.uri);
    if (!open) return null;
    const { spec } = open;
    const hosts = p.hosts.map((h) => ({ ...h, host: h.host || IMPLICIT_HOST }));
    // Against these live hosts only: what the editor's observed state says does not decide an apply.
    const observed = { hosts: Object.fromEntries(hosts.map((h) => [h.host, h.live])) };
    const check = checkParsed(spec.parsed, { settings: spec.options.settings, specPath: spec.options.specPath, observed }, spec.lines);
    const errors = check.findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      return {
        errors: errors.map((f) => {
          const pos = spec.lines.positionAt(f.span.start);
          return { code: f.code, message: f.message, line: pos.line, character: pos.character };
        }),
        plans: [],
      };
    }
    // The swarm networks are made on the first of their hosts that is a Swarm manager.
    const swarm = { managers: hosts.filter((h) => h.detail.swarm?.manager && h.detail.swarm.state === 'active').map((h) => h.host) };
    return { errors: [], plans: hosts.map((h) => p.variants.map((v) => planApply(check.facts, h.host, h.detail, { ...v, swarm }))) };
  }));
}
