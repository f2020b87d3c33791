import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Connection, DocumentLink, FoldingRange, InlayHint } from 'vscode-languageserver/node';
import { FoldingRangeKind } from 'vscode-languageserver/node';
import { toCompletionItem, toDocumentSymbol, toOffset, toPosition, toRange, toSpan } from './convert';
import { guard, type Log } from './guard';
import type { LanguageService } from './service';
import type { OpenSpecs } from './specs';
import { composeCompletion } from '../core/compose/completion';
import { composeHover } from '../core/compose/hover';
import { isComposeUri, type HostFiles } from './hostFiles';

/** Completion, hover, outline, folding, links and inlay hints: each a thin call into the service. */
export function registerFeatures(connection: Connection, specs: OpenSpecs, hosts: HostFiles, service: LanguageService, log: Log): void {
  /** A compose document checked, and the host state its fixes and completion steer clear of. */
  const composeOf = async (uri: string) => {
    const c = await hosts.compose(uri);
    if (!c) return undefined;
    const ctx = await hosts.context(uri, c.checked, c.settings);
    return { result: c.checked.result, observed: hosts.neighbours(ctx, ctx.observed) };
  };

  connection.onCompletion(guard(log, 'completion', [], async (p) => {
    if (isComposeUri(p.textDocument.uri)) {
      const c = await composeOf(p.textDocument.uri);
      if (!c) return [];
      const items = composeCompletion(c.result, toOffset(c.result.lines, p.position), { triggerCharacter: p.context?.triggerCharacter }, c.observed);
      return items.map((i) => toCompletionItem(i, c.result.lines));
    }
    const open = await specs.get(p.textDocument.uri);
    if (!open) return [];
    const { spec } = open;
    const items = service.complete(spec, toOffset(spec.lines, p.position), { triggerCharacter: p.context?.triggerCharacter });
    return items.map((i) => toCompletionItem(i, spec.lines));
  }));

  connection.onHover(guard(log, 'hover', null, async (p) => {
    if (isComposeUri(p.textDocument.uri)) {
      const c = await composeOf(p.textDocument.uri);
      const h = c && composeHover(c.result, toOffset(c.result.lines, p.position), c.observed);
      return c && h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: toRange(c.result.lines, h.span) } : null;
    }
    const open = await specs.get(p.textDocument.uri);
    if (!open) return null;
    const h = service.hover(open.spec, toOffset(open.spec.lines, p.position));
    return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: toRange(open.spec.lines, h.span) } : null;
  }));

  connection.onDocumentSymbol(guard(log, 'documentSymbol', [], async (p) => {
    const open = await specs.get(p.textDocument.uri);
    return open ? service.documentSymbols(open.spec).map((s) => toDocumentSymbol(s, open.spec.lines)) : [];
  }));

  connection.onFoldingRanges(guard(log, 'foldingRange', [], async (p): Promise<FoldingRange[]> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return [];
    return service.foldingRanges(open.spec).map((r) => ({ startLine: r.startLine, endLine: r.endLine, ...(r.kind ? { kind: FoldingRangeKind.Comment } : {}) }));
  }));

  connection.onDocumentLinks(guard(log, 'documentLink', [], async (p): Promise<DocumentLink[]> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open) return [];
    const out: DocumentLink[] = [];
    for (const l of service.documentLinks(open.spec)) {
      const target = resolveTarget(p.textDocument.uri, l.target);
      if (target) out.push({ range: toRange(open.spec.lines, l.span), target, ...(l.tooltip ? { tooltip: l.tooltip } : {}) });
    }
    return out;
  }));

  connection.languages.inlayHint.on(guard(log, 'inlayHint', [], async (p): Promise<InlayHint[]> => {
    const open = await specs.get(p.textDocument.uri);
    if (!open || !open.settings.inlayHints) return [];
    const { lines } = open.spec;
    return service.inlayHints(open.spec, toSpan(lines, p.range)).map((h) => ({
      position: toPosition(lines, h.offset),
      label: h.label,
      paddingLeft: true,
      ...(h.tooltip ? { tooltip: h.tooltip } : {}),
    }));
  }));
}

/**
 * A `tls` path as a URI: absolute as is, relative against the spec's directory. Specs that are
 * not files (untitled) have no directory, so only absolute paths link there.
 */
export function resolveTarget(docUri: string, target: string): string | undefined {
  if (path.isAbsolute(target)) return pathToFileURL(target).href;
  if (!docUri.startsWith('file:')) return undefined;
  return pathToFileURL(path.resolve(path.dirname(fileURLToPath(docUri)), target)).href;
}
