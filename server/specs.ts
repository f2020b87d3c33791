import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
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
    const spec = this.cache.get(uri, version, text, { settings: settings.check, observed: this.observed.get(uri) });
    return { spec, settings };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
