import path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { composeToSpec, specToCompose } from '../core/compose/convert';
import { parseCompose, projectName } from '../core/compose/read';
import { isSpecName } from '../core/spec/specName';
import { guard, type Log } from './guard';
import { composeEnv, fileOfUri, isComposeUri } from './hostFiles';
import { CONVERT_METHOD, type ConvertAnswer, type ConvertParams } from './protocol';
import type { OpenSpecs } from './specs';

/** "Convert to macvlan Spec" / "Convert to Compose File": the CLI's `convert` on an open document. */
export function registerConvert(connection: Connection, specs: OpenSpecs, log: Log): void {
  connection.onRequest(CONVERT_METHOD, guard(log, CONVERT_METHOD, { error: 'the conversion failed: see the macvlan output' } as ConvertAnswer, async (p: ConvertParams): Promise<ConvertAnswer> => {
    const td = specs.documents.get(p.uri);
    if (!td) return { error: 'the document is not open' };
    const file = fileOfUri(p.uri);
    const source = path.basename(file) || p.uri;
    const compose = isComposeUri(p.uri);
    if (p.to === 'spec') {
      if (!compose) return { error: `${source} is not a compose file (compose.yaml, docker-compose.yml, NAME.compose.yaml…)` };
      const env = composeEnv(file).env;
      const c = parseCompose(td.getText(), { project: projectName(path.basename(path.dirname(file))), ...(env ? { env } : {}) });
      // Named after the project, as the spec's `name:` is: the file and the labels agree.
      return { ...composeToSpec(c, source), fileName: isSpecName(c.project) ? `${c.project}.macvlan.yaml` : 'macvlan.yaml' };
    }
    if (p.to !== 'compose') return { error: `cannot convert to ${String(p.to)}` };
    if (compose) return { error: `${source} is a compose file already` };
    const open = await specs.get(p.uri);
    if (!open) return { error: 'the document is not a spec' };
    return { ...specToCompose(open.spec.result.facts, source), fileName: 'compose.yaml' };
  }));
}
