import * as vscode from 'vscode';
import type { DockerTarget } from '../../docker/target';
import type { TlsOutside } from './connection';
import type { Deps } from './deps';

export const READ_FILES = 'Read Files';

/**
 * Asks (modal) before a spec's tls: files outside the workspace are read; the answer holds for
 * those files until the window reloads. The dialog and the log name paths only, never contents.
 * Returns the target to connect with, or undefined when the user said no.
 */
export async function allowTlsFiles(deps: Deps, r: TlsOutside, hostName: string, specName: string): Promise<DockerTarget | undefined> {
  const answer = await vscode.window.showWarningMessage(
    `Host ${hostName} of ${specName} reads TLS files outside the workspace. Read them?`,
    {
      modal: true,
      detail: `${r.files.join('\n')}\n\nA spec can name any file on this computer (MV501). Allow only if you wrote these paths; otherwise move the files into the workspace and point tls: at them.`,
    },
    READ_FILES,
  );
  if (answer !== READ_FILES) return undefined;
  deps.log.warn(`reading TLS files outside the workspace for host ${hostName} of ${specName}, as allowed: ${r.outside.map((o) => o.file).join(', ')}`);
  deps.scopes.allowTls(r.outside);
  return r.target;
}
