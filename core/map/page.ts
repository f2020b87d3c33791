import { escapeXml, renderLegendSvg, renderNetworkSvg } from './svg';
import { MAP_CSS } from './style';
import type { AddressMap } from './types';

/**
 * The map's body: a legend, then one <svg> per network in a <section> (so a filter can hide
 * networks and the rest close up). The webview puts this into its page on each update.
 */
export function mapBody(map: AddressMap, width = 960): string {
  const nets = map.networks.map((n) => `<section class="mv-section" data-net="${escapeXml(n.name)}">${renderNetworkSvg(n, width)}</section>`);
  const empty = map.networks.length > 0 ? '' : `<p class="mv-empty">${map.total === 0 ? 'No networks in this spec.' : 'No network name matches the filter.'}</p>`;
  return `${renderLegendSvg(map, width)}${nets.join('')}${empty}`;
}

/** Page chrome: the SVGs scale to the page's width; the body colours come from the theme. */
export const PAGE_CSS = `
body { margin: 0; padding: 8px 12px; color: var(--vscode-foreground, #3b3b3b); background: var(--vscode-editor-background, #ffffff); font-family: var(--vscode-font-family, system-ui, sans-serif); }
.mv-section svg, svg.mv-legend-svg { display: block; }
.mv-section[hidden] { display: none; }
.mv-toolbar { display: flex; gap: 8px; align-items: center; margin: 4px 0 8px; font-size: 12px; }
.mv-toolbar input { background: var(--vscode-input-background, #fff); color: var(--vscode-input-foreground, inherit); border: 1px solid var(--vscode-input-border, #c8c8c8); padding: 2px 6px; min-width: 16em; }
.mv-status { color: var(--vscode-descriptionForeground, #717171); }
.mv-tip { position: fixed; z-index: 10; pointer-events: none; max-width: 40em; padding: 4px 8px; font-size: 12px; color: var(--vscode-editorHoverWidget-foreground, inherit); background: var(--vscode-editorHoverWidget-background, #f8f8f8); border: 1px solid var(--vscode-editorHoverWidget-border, #c8c8c8); }
.mv-tip[hidden] { display: none; }
h1 { font-size: 15px; font-weight: 600; margin: 4px 0; }
`;

export interface PageOptions {
  width?: number;
  /** The page's Content-Security-Policy (the webview's); none for a standalone file. */
  csp?: string;
  /** Nonce of the page's <style> and <script> elements. */
  nonce?: string;
  /** Script text to run in the page (the webview's), under `nonce`. */
  script?: string;
  /** Above the map (the webview's filter box). */
  toolbar?: string;
}

/**
 * A whole HTML page around the map: `macvlan-spec map --format html` (standalone: light or dark
 * from the reader's preference) and the webview (theme variables, CSP, nonce'd script).
 */
export function renderHtml(map: AddressMap, opts: PageOptions = {}): string {
  const nonce = opts.nonce ? ` nonce="${escapeXml(opts.nonce)}"` : '';
  const csp = opts.csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeXml(opts.csp)}">` : '';
  const standalone = opts.csp ? '' : ' class="mv-standalone"';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    csp,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(`Address map of ${map.spec}`)}</title>`,
    `<style${nonce}>${MAP_CSS}${PAGE_CSS}</style>`,
    '</head>',
    `<body${standalone}>`,
    `<h1>Address map of ${escapeXml(map.spec)}</h1>`,
    opts.toolbar ?? '',
    `<main id="map">${mapBody(map, opts.width)}</main>`,
    opts.script ? `<script${nonce}>${opts.script}</script>` : '',
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
