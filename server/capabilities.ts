import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from './protocol';

/** What the server offers, fitted to what the client says it can take. */
export function serverCapabilities(client: ClientCapabilities): ServerCapabilities {
  const literalActions = client.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  const prepareRename = client.textDocument?.rename?.prepareSupport === true;
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    // ':' and ' ' open value completion right after "key:" (the service ignores other spaces).
    completionProvider: { triggerCharacters: [':', ' '] },
    hoverProvider: true,
    documentSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: prepareRename ? { prepareProvider: true } : true,
    foldingRangeProvider: true,
    documentLinkProvider: { resolveProvider: false },
    inlayHintProvider: true,
    codeActionProvider: literalActions ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } : true,
    // Offered only to clients that pull; the others get publishDiagnostics.
    ...(client.textDocument?.diagnostic ? { diagnosticProvider: { identifier: 'macvlan', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
  };
}
