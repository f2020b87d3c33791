/** Compose file names and project names, without the parser: the extension needs them too. */

/** File names compose reads (and `*.compose.yaml` / `*.compose.yml`). */
const COMPOSE_NAME = /(^|[\\/])((docker-)?compose|[^\\/]+\.compose)\.ya?ml$/i;

export function isComposeFile(file: string): boolean {
  return COMPOSE_NAME.test(file);
}

/** As compose names a project after its folder: lowercased, only [a-z0-9_-]. */
export function projectName(folder: string): string {
  return folder.toLowerCase().replace(/[^-_a-z0-9]/g, '');
}
