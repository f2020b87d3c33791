import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { mapBody } from '../../core/map/page';
import type { AddressMap } from '../../core/map/types';
import { ADDRESS_MAP_METHOD, type AddressMapAnswer, type AddressMapParams } from '../../server/protocol';
import { LANGUAGE_ID } from '../contributions';
import { isFilterMessage, isRevealMessage, isWidthMessage, webviewHtml, type RenderMessage, type RevealMessage } from './page';

/** How long an edit waits for the next before the map is asked for again. */
const DEBOUNCE_MS = 250;
/** Narrower pages scroll sideways rather than squeeze the bars. */
const MIN_WIDTH = 480;
/**
 * Networks drawn at once. A spec with thousands would make every redraw a megabytes-long
 * answer and a page nobody scrolls through; the filter box reaches the others.
 */
export const MAP_LIMIT = 200;

/** What a panel shows now, for the e2e tests (extension API). */
export interface ShownMap {
  uri: string;
  version: number;
  map: AddressMap;
  /** How many drawings the panel got (the first page included). */
  renders: number;
  /** Where the last click in the map sent the editor. */
  revealed?: { offset: number; end: number };
}

export interface AddressMapApi {
  shown(uri: string): ShownMap | undefined;
}

/**
 * "macvlan: Show Address Map": a webview beside the spec that draws its address space. The map
 * comes from the language server (macvlan/addressMap), which has the parse and the settings:
 * the extension host parses nothing. It follows edits (debounced) and the diagnostics (a
 * severity setting recolours overlaps), and the theme through CSS variables in the page.
 * One panel per spec; the command on a spec that has one brings it forward.
 */
export class AddressMapPanels implements AddressMapApi, vscode.Disposable {
  private readonly panels = new Map<string, MapPanel>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.panels.get(e.document.uri.toString())?.schedule()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) this.panels.get(uri.toString())?.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.panels.get(d.uri.toString())?.schedule()),
    );
  }

  /**
   * For the spec `arg` names (the editor title passes its resource), else the active spec
   * editor, else the spec of the active map panel (the palette while the map has focus), else
   * the one visible spec editor.
   */
  async show(arg?: unknown): Promise<void> {
    const uri = this.target(arg);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a macvlan spec to show its address map.');
      return;
    }
    const key = uri.toString();
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal();
    } else {
      const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.viewColumn;
      panel = new MapPanel(this.client, uri, column, () => this.panels.delete(key));
      this.panels.set(key, panel);
    }
    await panel.refresh();
  }

  private target(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string' && arg !== '') return vscode.Uri.parse(arg);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === LANGUAGE_ID) return editor.document.uri;
    for (const p of this.panels.values()) if (p.active) return p.uri;
    const specs = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === LANGUAGE_ID);
    return specs.length === 1 ? specs[0].document.uri : undefined;
  }

  shown(uri: string): ShownMap | undefined {
    return this.panels.get(uri)?.shown;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    for (const s of this.subs) s.dispose();
  }
}

class MapPanel {
  private readonly panel: vscode.WebviewPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Requests answered out of order must not draw an older version over a newer one. */
  private asked = 0;
  shown: ShownMap | undefined;
  /** The page was (re)loaded and has not got the latest drawing as its html. */
  private stalePage = true;
  /** The page's width as it last reported it (the first page is drawn at the renderer's default). */
  private width: number | undefined;

  /** What the filter box holds (the server is asked for the matching networks only). */
  private filter = '';

  constructor(
    private readonly client: LanguageClient,
    readonly uri: vscode.Uri,
    private specColumn: vscode.ViewColumn | undefined,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel('macvlan.addressMap', `Address Map: ${basename(uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // Nothing to load: the page is one self-contained document.
      localResourceRoots: [],
      enableFindWidget: true,
    });
    this.panel.webview.onDidReceiveMessage((m: unknown) => {
      if (isRevealMessage(m)) void this.revealInSpec(m);
      else if (isFilterMessage(m)) {
        this.filter = m.text;
        void this.refresh();
      } else if (isWidthMessage(m)) {
        const width = Math.max(MIN_WIDTH, m.width);
        if (width === this.width) return;
        this.width = width;
        if (this.shown) this.post(this.shown.map, this.status());
      }
    });
    this.panel.onDidChangeViewState(() => {
      // Without retainContextWhenHidden a hidden webview is reloaded from its html when shown
      // again: give it the latest drawing rather than the first.
      if (this.panel.visible && this.stalePage && this.shown) this.setPage(this.shown.map, this.status());
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
      clearTimeout(this.timer);
      onDispose();
    });
  }

  get active(): boolean {
    return this.panel.active;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  async refresh(): Promise<void> {
    if (this.disposed) return;
    const ticket = ++this.asked;
    let answer: AddressMapAnswer;
    try {
      answer = await this.client.sendRequest<AddressMapAnswer>(ADDRESS_MAP_METHOD, { uri: this.uri.toString(), filter: this.filter, limit: MAP_LIMIT } satisfies AddressMapParams);
    } catch (err) {
      this.post(this.shown?.map, `the language server did not answer (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    if (this.disposed || ticket !== this.asked) return;
    if (!answer) {
      this.post(this.shown?.map, 'the spec is closed: showing the last map');
      return;
    }
    this.shown = { uri: answer.uri, version: answer.version, map: answer.map, renders: (this.shown?.renders ?? 0) + 1, revealed: this.shown?.revealed };
    this.post(answer.map, this.status());
  }

  private status(): string {
    const m = this.shown?.map;
    if (!m) return '';
    const bars = m.networks.reduce((n, net) => n + net.bars.length, 0);
    const filtered = this.filter.trim() ? ` matching "${this.filter.trim()}" (of ${m.total})` : '';
    const what =
      m.networks.length < m.matched
        ? `the first ${m.networks.length} of ${m.matched} networks${filtered} — filter by name to see the others`
        : `${m.networks.length} network${m.networks.length === 1 ? '' : 's'}${filtered}, ${bars} address bar${bars === 1 ? '' : 's'}`;
    return `${what} · version ${this.shown?.version}`;
  }

  private post(map: AddressMap | undefined, status: string): void {
    if (!map) {
      this.setPage({ spec: basename(this.uri), networks: [], total: 0, matched: 0 }, status);
      return;
    }
    if (this.stalePage || !this.panel.visible) {
      this.setPage(map, status);
      return;
    }
    void this.panel.webview.postMessage({ type: 'render', body: mapBody(map, this.width), status } satisfies RenderMessage);
  }

  private setPage(map: AddressMap, status: string): void {
    this.panel.webview.html = webviewHtml(map, status, this.width, this.filter);
    this.stalePage = !this.panel.visible;
  }

  /**
   * Selects what was clicked in the spec's editor (opening it where it was if it was closed).
   * A drawing older than the text (an edit the debounce has not redrawn yet) has offsets of
   * that older text: the element is looked up again in the map of the current version.
   */
  private async revealInSpec(m: RevealMessage): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.uri);
    let { offset, end } = m;
    if (this.shown && this.shown.version !== doc.version) {
      await this.refresh();
      const span = this.shown && this.shown.version === doc.version ? findSpan(this.shown.map, m) : undefined;
      if (span) ({ start: offset, end } = span);
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? this.specColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    this.specColumn = editor.viewColumn;
    const len = doc.getText().length;
    const range = new vscode.Range(doc.positionAt(Math.min(offset, len)), doc.positionAt(Math.min(end, len)));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (this.shown) this.shown.revealed = { offset, end };
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/** Where the element a reveal names stands in `map`: the element, else its bar, else its network. */
function findSpan(map: AddressMap, m: RevealMessage): { start: number; end: number } | undefined {
  const net = map.networks.find((n) => n.name === m.net);
  if (!net) return undefined;
  const bar = m.family === undefined ? undefined : net.bars.find((b) => b.family === m.family);
  if (!bar) return net.span;
  if (m.role === undefined) return bar.span;
  return bar.elements.find((e) => e.role === m.role && e.first === m.first)?.span;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
