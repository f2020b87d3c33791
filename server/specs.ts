import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import type { TextChange } from '../core/spec/reparse';
import { traceLine } from './guard';
import { SpecDocuments, type SpecDocument } from '../core/service';
import { isComposeUri } from './hostFiles';
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

  /** The open documents; their updates go through `update` below, so each edit's change is known. */
  readonly documents: TextDocuments<TextDocument>;

  constructor(
    private readonly settings: SettingsStore,
    private readonly observed: ObservedStore,
  ) {
    this.documents = new TextDocuments({ create: (uri, languageId, version, text) => TextDocument.create(uri, languageId, version, text), update: (td, changes, version) => this.update(td, changes, version) });
  }

  /**
   * The spec of `uri` as it is now. Text and version are read before waiting for settings:
   * positions in a request refer to this version, even if an edit arrives meanwhile.
   */
  async get(uri: string): Promise<OpenSpec | undefined> {
    const td = this.documents.get(uri);
    // A compose file is no spec: the spec features (completion, hover, fixes…) leave it alone;
    // its diagnostics come from hostFiles.ts.
    if (!td || isComposeUri(uri)) return undefined;
    const text = td.getText();
    const version = td.version;
    const settings = await this.settings.get(uri);
    const change = this.changes.get(uri);
    const spec = this.cache.get(uri, version, text, { settings: settings.check, observed: this.observed.get(uri) }, change?.toVersion === version ? change : undefined);
    return { spec, settings };
  }

  /**
   * The document manager's update (TextDocumentsConfiguration.update): notes the editor's change
   * in offsets of the version it applies to, then applies it.
   */
  update(td: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    traceLine(() => `change v${version} arrives`);
    const c = changes.length === 1 ? changes[0] : undefined;
    if (c && TextDocumentContentChangeEvent.isIncremental(c)) {
      const from = td.offsetAt(c.range.start);
      const oldTo = td.offsetAt(c.range.end);
      this.changes.set(td.uri, { fromVersion: td.version, toVersion: version, from, oldTo, newTo: from + c.text.length });
    } else {
      this.changes.delete(td.uri);
    }
    return TextDocument.update(td, changes, version);
  }

  /** The settings of a document (compose files are checked with them too). */
  settingsOf(uri: string): Promise<ServerSettings> {
    return this.settings.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.changes.delete(uri);
  }
}
