/**
 * The map's stylesheet. Inside VS Code every colour is a theme variable (`--vscode-*`), so a
 * light, dark or high-contrast theme recolours the map with no message to the extension; the
 * fallbacks are VS Code's light defaults, for the CLI's standalone SVG and HTML, which switch to
 * dark ones with the reader's `prefers-color-scheme` (`mv-standalone` only: in a webview the
 * variables decide). Overlaps and findings use the editor's diagnostic colours.
 */
export const MAP_CSS = `
.mv-map {
  --mv-fg: var(--vscode-foreground, #3b3b3b);
  --mv-dim: var(--vscode-descriptionForeground, #717171);
  --mv-lane: var(--vscode-editorWidget-background, #f3f3f3);
  --mv-border: var(--vscode-contrastBorder, var(--vscode-panel-border, #c8c8c8));
  --mv-free: var(--vscode-charts-green, #388a34);
  --mv-pool: var(--vscode-charts-blue, #1a85ff);
  --mv-exclude: var(--vscode-charts-orange, #d18616);
  --mv-gateway: var(--vscode-charts-purple, #652d90);
  --mv-aux: var(--vscode-charts-yellow, #bf8803);
  --mv-static: var(--vscode-editor-foreground, #1f1f1f);
  --mv-shim: var(--vscode-terminal-ansiCyan, #0598bc);
  --mv-reserved: var(--vscode-disabledForeground, #8b8b8b);
  --mv-error: var(--vscode-editorError-foreground, #e51400);
  --mv-warning: var(--vscode-editorWarning-foreground, #bf8803);
  --mv-info: var(--vscode-editorInfo-foreground, #1a85ff);
  font-family: var(--vscode-font-family, system-ui, sans-serif);
}
@media (prefers-color-scheme: dark) {
  .mv-standalone, .mv-standalone .mv-map {
    --mv-fg: #cccccc; --mv-dim: #9d9d9d; --mv-lane: #252526; --mv-border: #454545;
    --mv-free: #89d185; --mv-pool: #3794ff; --mv-exclude: #d18616; --mv-gateway: #b180d7;
    --mv-aux: #cca700; --mv-static: #e0e0e0; --mv-shim: #29b8db; --mv-reserved: #6e6e6e;
    --mv-error: #f14c4c; --mv-warning: #cca700; --mv-info: #3794ff;
  }
  body.mv-standalone { background: #1e1e1e; color: #cccccc; }
}
.mv-text { fill: var(--mv-fg); font-size: 13px; }
.mv-title { font-weight: 600; font-size: 14px; }
.mv-small { font-size: 11px; }
.mv-tiny { font-size: 10px; }
.mv-dim { fill: var(--mv-dim); }
.mv-on-bar { pointer-events: none; fill: var(--mv-fg); }
.mv-lane { fill: var(--mv-lane); stroke: var(--mv-border); stroke-width: 0.5; }
.mv-el { stroke: none; }
.mv-free { fill: var(--mv-free); fill-opacity: 0.28; }
.mv-pool { fill: var(--mv-pool); fill-opacity: 0.45; }
.mv-exclude { fill: var(--mv-exclude); fill-opacity: 0.55; }
.mv-gateway { fill: var(--mv-gateway); }
.mv-auto-gateway { fill: var(--mv-gateway); fill-opacity: 0.5; }
.mv-aux { fill: var(--mv-aux); }
.mv-static { fill: var(--mv-static); }
.mv-shim, .mv-host { fill: var(--mv-shim); }
.mv-network, .mv-broadcast { fill: var(--mv-reserved); }
.mv-overlap { fill: var(--mv-reserved); fill-opacity: 0.6; }
.mv-overlap.mv-sev-error { fill: var(--mv-error); fill-opacity: 0.7; }
.mv-overlap.mv-sev-warning { fill: var(--mv-warning); fill-opacity: 0.7; }
.mv-overlap.mv-sev-info { fill: var(--mv-info); fill-opacity: 0.7; }
.mv-el.mv-sev-error:not(.mv-overlap) { stroke: var(--mv-error); stroke-width: 2; }
.mv-el.mv-sev-warning:not(.mv-overlap) { stroke: var(--mv-warning); stroke-width: 2; }
.mv-el.mv-sev-info:not(.mv-overlap) { stroke: var(--mv-info); stroke-width: 1.5; }
.mv-link { cursor: pointer; }
.mv-el.mv-link:hover, .mv-el.mv-link:focus { stroke: var(--vscode-focusBorder, #0090f1); stroke-width: 2; outline: none; }
text.mv-link:hover { text-decoration: underline; }
body.vscode-high-contrast .mv-el, body.vscode-high-contrast-light .mv-el { stroke: var(--vscode-contrastBorder, #6fc3df); stroke-width: 1; }
body.vscode-high-contrast .mv-free, body.vscode-high-contrast-light .mv-free { fill-opacity: 0.5; }
`;
