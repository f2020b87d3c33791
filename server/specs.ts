import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentContentChangeEvent, type Connection, type DidChangeTextDocumentParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextChange } from '../core/spec/reparse';
import { traceLine } from './guard';
import { SpecDocuments, type SpecDocument } from '../core/service';
import type { ObservedStore } from './observed';
import type { ServerSettings, SettingsStore } from './settings';

export interface OpenSpec {
  spec: SpecDocument;
  settings: ServerSettings;
}

/** Open documents as SpecDocuments, each version parsed once whoever asks first. */
export class OpenSpecs {
  private readonly cache = new SpecDocuments();
  /** Per document, the editor's last change (one replacement), so an edit need not be found by comparing texts. */
  private readonly changes = new Map<string, { fromVersion: number; toVersion: number } & TextChange>();

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly observed: ObservedStore,
  ) {}

  /**
   * The spec of `uri` as it is now. Text and version are read before waiting for settings:
   * positions in a request refer to this version, even if an edit arrives meanwhile.
   */
  async get(uri: string): Promise<OpenSpec | undefined> {
    const td = this.documents.get(uri);
    if (!td) return undefined;
    const text = td.getText();
    const version = td.version;
    const settings = await this.settings.get(uri);
    const change = this.changes.get(uri);
    const spec = this.cache.get(uri, version, text, { settings: settings.check, observed: this.observed.get(uri) }, change?.toVersion === version ? change : undefined);
    return { spec, settings };
  }

  /** Called with each didChange before the document manager applies it. */
  beforeChange(p: DidChangeTextDocumentParams): void {
    const uri = p.textDocument.uri;
    traceLine(() => `change v${p.textDocument.version} arrives`);
    const td = this.documents.get(uri);
    const c = p.contentChanges.length === 1 ? p.contentChanges[0] : undefined;
    if (!td || !c || !TextDocumentContentChangeEvent.isIncremental(c)) {
      this.changes.delete(uri);
      return;
    }
    const from = td.offsetAt(c.range.start);
    const oldTo = td.offsetAt(c.range.end);
    this.changes.set(uri, { fromVersion: td.version, toVersion: p.textDocument.version, from, oldTo, newTo: from + c.text.length });
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.changes.delete(uri);
  }
}

/**
 * The connection as the document manager should see it: its didChange handler runs after
 * `before`, which still sees the document as it was (TextDocuments keeps the one handler).
 */
export function withChangeHook(connection: Connection, before: (p: DidChangeTextDocumentParams) => void): Connection {
  return new Proxy(connection, {
    get(target, prop) {
      if (prop === 'onDidChangeTextDocument') {
        return (handler: (p: DidChangeTextDocumentParams) => void) =>
          target.onDidChangeTextDocument((p) => {
            before(p);
            handler(p);
          });
      }
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
