/**
 * Ids shared with package.json's `contributes`. Pure (no vscode import) so
 * test/unit/package/manifest.test.ts can hold the manifest and the code to the same names.
 */
export const LANGUAGE_ID = 'macvlan-yaml';

/** Settings section synchronised to the server; also the client id, so the library reads `macvlan.trace.server`. */
export const CONFIG_SECTION = 'macvlan';

/** Commands of the editor part, registered in client/commands.ts. */
export const CORE_COMMANDS = ['macvlan.newSpec', 'macvlan.restartServer', 'macvlan.showOutput', 'macvlan.showShim', 'macvlan.showAddressMap', 'macvlan.convertToSpec', 'macvlan.convertToCompose'] as const;

/**
 * Commands the Docker features (client/docker/) implement. The extension registers each one
 * at activation as a proxy that loads the Docker bundle on first use, so a command that
 * activates the extension never finds itself unregistered and dockerode stays out of
 * activation.
 */
export const DOCKER_COMMANDS = [
  'macvlan.plan',
  'macvlan.apply',
  'macvlan.import',
  'macvlan.selectHost',
  'macvlan.networks.refresh',
  'macvlan.networks.inspect',
  'macvlan.networks.copySubnet',
  'macvlan.networks.copyAddress',
  'macvlan.networks.remove',
  'macvlan.networks.addToSpec',
  'macvlan.networks.configureHost',
  'macvlan.networks.startContainer',
  'macvlan.networks.stopContainer',
  'macvlan.networks.restartContainer',
  'macvlan.networks.showLogs',
] as const;

export type DockerCommandId = (typeof DOCKER_COMMANDS)[number];
