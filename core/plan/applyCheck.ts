import { MANAGED_LABEL, type ObservedHost } from '../observed';

/**
 * The observed host as apply checks a spec against it (MV208): managed networks are the plan's
 * to keep, recreate or remove, and one named like a spec network is the plan's to adopt (same
 * definition) or refuse (a conflict that says why); so only the others count as existing
 * networks. Shared by the CLI and the extension so both refuse the same specs.
 */
export function observedForApplyCheck(observed: ObservedHost, specNetworkNames: ReadonlySet<string>): ObservedHost {
  return { ...observed, networks: observed.networks.filter((n) => n.labels[MANAGED_LABEL] !== 'true' && !specNetworkNames.has(n.name)) };
}
