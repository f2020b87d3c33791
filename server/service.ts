import * as service from '../core/service';

/** The language features the server calls, replaceable in tests (e.g. by one that throws). */
export interface LanguageService {
  complete: typeof service.complete;
  hover: typeof service.hover;
  documentSymbols: typeof service.documentSymbols;
  definitionAt: typeof service.definitionAt;
  referencesAt: typeof service.referencesAt;
  prepareRename: typeof service.prepareRename;
  rename: typeof service.rename;
  foldingRanges: typeof service.foldingRanges;
  documentLinks: typeof service.documentLinks;
  inlayHints: typeof service.inlayHints;
  codeActions: typeof service.codeActions;
}

export const defaultService: LanguageService = {
  complete: service.complete,
  hover: service.hover,
  documentSymbols: service.documentSymbols,
  definitionAt: service.definitionAt,
  referencesAt: service.referencesAt,
  prepareRename: service.prepareRename,
  rename: service.rename,
  foldingRanges: service.foldingRanges,
  documentLinks: service.documentLinks,
  inlayHints: service.inlayHints,
  codeActions: service.codeActions,
};
