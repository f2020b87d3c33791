import { checkText } from '../../../core/check';
import type { Facts } from '../../../core/analysis/facts';
import { desiredFor } from '../../../core/plan/desired';
import { planApply, type PlanOptions } from '../../../core/plan/plan';
import type { ContainerDetail, NetworkDetail, ObservedHostDetail, Plan } from '../../../core/plan/types';
import { dedent } from '../rules/helpers';

export { dedent };

export function factsOf(yaml: string): Facts {
  const r = checkText(dedent(yaml));
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(`test spec has errors: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return r.facts;
}

export function plan(yaml: string, observed: ObservedHostDetail, host = 'local', opts: PlanOptions = {}): Plan {
  return planApply(factsOf(yaml), host, observed, opts);
}

export const emptyHost = (): ObservedHostDetail => ({ engine: '20.10.24', apiVersion: '1.41', networks: [], containers: [] });

let seq = 0;
const id = (prefix: string) => `${prefix}${String(++seq).padStart(12, '0')}${'0'.repeat(52)}`;

/** The host as apply would leave it for this spec: networks and running containers. */
export function hostAfterApply(yaml: string, host = 'local'): ObservedHostDetail {
  const d = desiredFor(factsOf(yaml), host);
  const networks: NetworkDetail[] = d.networks.map((n) => ({ id: id('n'), name: n.name, driver: n.driver, options: { ...n.options }, ipam: n.ipam.map((c) => ({ ...c, aux: { ...c.aux } })), enableIPv6: n.enableIPv6, internal: n.internal, labels: { ...n.labels }, containers: [] }));
  const containers: ContainerDetail[] = d.containers.map(({ def }) => ({
    id: id('c'),
    name: def.name,
    image: def.image,
    labels: { ...def.labels },
    state: 'running',
    networkMode: def.attachments[0]?.network,
    networks: def.attachments.map((a) => ({ network: a.network, staticIpv4: a.ipv4, staticIpv6: a.ipv6, ipv4: a.ipv4, ipv6: a.ipv6 })),
  }));
  for (const c of containers) {
    for (const a of c.networks) networks.find((n) => n.name === a.network)?.containers.push({ id: c.id, name: c.name, ipv4: a.ipv4, ipv6: a.ipv6 });
  }
  return { ...emptyHost(), networks, containers };
}

/** "createNetwork lan", "connect web", ... in plan order. */
export const kinds = (p: Plan): string[] => p.steps.map((s) => `${s.kind} ${'container' in s ? s.container : s.network}`);
