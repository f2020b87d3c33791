/**
 * Compose files in the editor: the open compose documents checked together, as `check` does with
 * the files it is given (core/compose/check.ts), so two projects on one host see each other.
 * Only diagnostics: the spec's completion, hover and fixes do not apply to compose syntax.
 */
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { checkComposeFiles } from '../core/compose/check';
import { isComposeFile, projectName } from '../core/compose/read';
import { uriPath } from '../core/service/document';
import type { LineIndex } from '../core/text/positions';
import { toRange } from './convert';
import { limitFindings, toDiagnostics } from './diagnosticLimit';
import type { OpenSpecs } from './specs';

export function isComposeUri(uri: string): boolean {
  return isComposeFile(uriPath(uri));
}

/** The diagnostics of compose document `uri`, checked with every other open compose document. */
export async function composeDiagnostics(specs: OpenSpecs, uri: string): Promise<Diagnostic[] | undefined> {
  const td = specs.documents.get(uri);
  if (!td) return undefined;
  const settings = await specs.settingsOf(uri);
  const open = specs.documents.all().filter((d) => isComposeUri(d.uri));
  const inputs = open.map((d) => {
    const file = uriPath(d.uri);
    return { file, text: d.getText(), project: projectName(path.basename(path.dirname(decodeURIComponent(file)))) };
  });
  const checked = checkComposeFiles(inputs, { settings: settings.check });
  const at = open.findIndex((d) => d.uri === uri);
  const mine = checked[at];
  if (!mine || specs.documents.get(uri)?.version !== td.version) return undefined;
  const where = new Map<string, { uri: string; lines: LineIndex }>(open.map((d, i) => [inputs[i].file, { uri: d.uri, lines: checked[i].result.lines }]));
  const diagnostics = toDiagnostics(mine.result.findings, mine.result.lines, uri, settings.maxDiagnostics);
  // Related places in another compose file point into that file (diagnostics follow the shown findings' order).
  const { shown } = limitFindings(mine.result.findings, settings.maxDiagnostics);
  for (let i = 0; i < shown.length; i++) {
    const f = shown[i];
    const d = diagnostics[i];
    if (!d.relatedInformation) continue;
    d.relatedInformation = f.related.map((r) => {
      const other = r.file !== undefined ? where.get(r.file) : undefined;
      return { location: { uri: other?.uri ?? uri, range: toRange(other?.lines ?? mine.result.lines, r.span) }, message: r.message };
    });
  }
  return diagnostics;
}
