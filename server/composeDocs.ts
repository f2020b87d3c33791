/**
 * Compose files in the editor: the open compose documents checked together, as `check` does with
 * the files it is given (core/compose/check.ts), so two projects on one host see each other.
 * Only diagnostics: the spec's completion, hover and fixes do not apply to compose syntax.
 */
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { checkComposeFiles, type ComposeCheck } from '../core/compose/check';
import { isComposeFile, projectName } from '../core/compose/read';
import { uriPath } from '../core/service/document';
import { toDiagnostics } from './diagnosticLimit';
import type { ServerSettings } from './settings';
import type { OpenSpecs } from './specs';

export function isComposeUri(uri: string): boolean {
  return isComposeFile(uriPath(uri));
}

interface Checked {
  /** The open compose documents and their versions, and the settings object, this was made for. */
  key: string;
  settings: ServerSettings;
  byUri: Map<string, { file: string; result: ComposeCheck }>;
  byFile: Map<string, { uri: string; result: ComposeCheck }>;
}

/**
 * One check of all open compose documents serves each of them until one changes: a refresh
 * pulls every document, and checking all of them again for each would be quadratic.
 */
const lastCheck = new WeakMap<OpenSpecs, Checked>();

/** The diagnostics of compose document `uri`, checked with every other open compose document. */
export async function composeDiagnostics(specs: OpenSpecs, uri: string): Promise<Diagnostic[] | undefined> {
  const td = specs.documents.get(uri);
  if (!td) return undefined;
  const settings = await specs.settingsOf(uri);
  if (specs.documents.get(uri)?.version !== td.version) return undefined;
  const open = specs.documents.all().filter((d) => isComposeUri(d.uri));
  const key = open.map((d) => `${d.uri}@${d.version}`).join(' ');
  let checked = lastCheck.get(specs);
  if (checked?.key !== key || checked.settings !== settings) {
    const inputs = open.map((d) => {
      const file = uriPath(d.uri);
      return { file, text: d.getText(), project: projectName(path.basename(path.dirname(decodeURIComponent(file)))) };
    });
    const results = checkComposeFiles(inputs, { settings: settings.check });
    checked = { key, settings, byUri: new Map(), byFile: new Map() };
    for (let i = 0; i < open.length; i++) {
      checked.byUri.set(open[i].uri, results[i]);
      checked.byFile.set(inputs[i].file, { uri: open[i].uri, result: results[i].result });
    }
    lastCheck.set(specs, checked);
  }
  const mine = checked.byUri.get(uri);
  if (!mine) return undefined;
  const byFile = checked.byFile;
  // Related places in another compose file point into that file.
  return toDiagnostics(mine.result.findings, mine.result.lines, uri, settings.maxDiagnostics, (file) => {
    const other = byFile.get(file);
    return other && { uri: other.uri, lines: other.result.lines };
  });
}
