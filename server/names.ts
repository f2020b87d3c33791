import { ErrorCodes, ResponseError, type Connection, type Location, type WorkspaceEdit } from 'vscode-languageserver/node';
import { toOffset, toRange } from './convert';
import { guard, type Log } from './guard';
import type { LanguageService } from './service';
import type { OpenSpecs } from './specs';

/** Go to definition, find references and rename, for network and host names. */
export function registerNames(connection: Connection, specs: OpenSpecs, service: LanguageService, log: Log): void {
  connection.onDefinition(guard(log, 'definition', null, async (p): Promise<Location | null> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return null;
    const span = service.definitionAt(open.spec, toOffset(open.spec.lines, p.position));
    return span ? { uri: p.textDocument.uri, range: toRange(open.spec.lines, span) } : null;
  }));

  connection.onReferences(guard(log, 'references', [], async (p): Promise<Location[]> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return [];
    const spans = service.referencesAt(open.spec, toOffset(open.spec.lines, p.position), p.context.includeDeclaration);
    return spans.map((s) => ({ uri: p.textDocument.uri, range: toRange(open.spec.lines, s) }));
  }));

  connection.onPrepareRename(guard(log, 'prepareRename', null, async (p) => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return null;
    const r = service.prepareRename(open.spec, toOffset(open.spec.lines, p.position));
    if (!r) return null;
    // The editor shows the message; returning null would only say "cannot rename".
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: toRange(open.spec.lines, r.span), placeholder: r.placeholder };
  }));

  connection.onRenameRequest(guard(log, 'rename', null, async (p): Promise<WorkspaceEdit | null> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return null;
    const r = service.rename(open.spec, toOffset(open.spec.lines, p.position), p.newName);
    if (!r) return null;
    if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { changes: { [p.textDocument.uri]: r.edits.map((e) => ({ range: toRange(open.spec.lines, e.span), newText: e.newText })) } };
  }));
}
