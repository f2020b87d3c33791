/**
 * The macvlan spec language service: editor features over core/, in offsets, with no LSP types
 * (server/ adapts them, the way vscode-json-languageservice is used by the JSON server).
 */
export { SpecDocument, SpecDocuments } from './document';
export { complete, type CompletionContext } from './completion';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export { definitionAt, nameAt, prepareRename, referencesAt, rename, type NameOccurrences, type RenameCheck } from './references';
export { foldingRanges } from './folding';
export { documentLinks } from './links';
export { inlayHints } from './inlayHints';
export { codeActions, FIX_ALL_KIND, minimalEdit, type CodeActionRequest } from './codeActions';
export type * from './types';
