import { randomBytes } from 'node:crypto';
import { renderHtml } from '../../core/map/page';
import type { AddressMap } from '../../core/map/types';

/**
 * The webview's page: the shared HTML renderer (core/map/page.ts) under a strict Content Security
 * Policy — nothing may load (default-src 'none'), the one <style> and the one <script> run by
 * nonce, no remote content, no inline style attributes. The page asks for nothing; the
 * extension posts each new drawing and hears back only "reveal this offset".
 */
export function webviewHtml(map: AddressMap, status: string, width?: number): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  const toolbar =
    '<div class="mv-toolbar"><label for="filter">Networks</label>' +
    '<input id="filter" type="search" placeholder="filter by name" aria-label="Filter networks by name">' +
    `<span id="status" class="mv-status">${escapeHtml(status)}</span></div>` +
    '<div id="tip" class="mv-tip" role="tooltip" hidden></div>';
  return renderHtml(map, { csp, nonce, script: PAGE_SCRIPT, toolbar, width });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Messages from the page to the extension. */
export interface RevealMessage {
  type: 'reveal';
  offset: number;
  end: number;
}

export function isRevealMessage(m: unknown): m is RevealMessage {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  return r.type === 'reveal' && Number.isSafeInteger(r.offset) && Number.isSafeInteger(r.end) && (r.offset as number) >= 0 && (r.end as number) >= (r.offset as number);
}

/** The page's width in CSS pixels: the map is drawn to fit it, its text at its own size. */
export interface WidthMessage {
  type: 'width';
  width: number;
}

export function isWidthMessage(m: unknown): m is WidthMessage {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  return r.type === 'width' && Number.isSafeInteger(r.width) && (r.width as number) > 0 && (r.width as number) <= 100_000;
}

/** Messages from the extension to the page: a new drawing (the map's body) and its status line. */
export interface RenderMessage {
  type: 'render';
  body: string;
  status: string;
}

/**
 * Runs in the webview. Hovering an element shows its address and role in a tooltip of the
 * theme's hover colours (the SVG's own <title>, taken over so the browser's tooltip does not
 * show twice); a click (or Enter) on anything with a spec offset asks the extension to reveal
 * it; the filter hides networks whose name does not match and survives redraws and the panel
 * being hidden (webview state). Positions are set through CSSOM, which the CSP allows.
 */
const PAGE_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('map');
  const filter = document.getElementById('filter');
  const status = document.getElementById('status');
  const tip = document.getElementById('tip');
  function tipText(el) {
    const t = el.querySelector(':scope > title');
    if (t) { el.setAttribute('data-tip', t.textContent || ''); t.remove(); }
    return el.getAttribute('data-tip');
  }
  function place(ev) {
    const pad = 14;
    const r = tip.getBoundingClientRect();
    let x = ev.clientX + pad;
    let y = ev.clientY + pad;
    if (x + r.width > window.innerWidth) x = Math.max(0, ev.clientX - r.width - pad);
    if (y + r.height > window.innerHeight) y = Math.max(0, ev.clientY - r.height - pad);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  main.addEventListener('mouseover', (ev) => {
    const el = ev.target && ev.target.closest ? ev.target.closest('[data-role], .mv-link') : null;
    const text = el ? tipText(el) : null;
    if (!text) { tip.hidden = true; return; }
    tip.textContent = text;
    tip.hidden = false;
    place(ev);
  });
  main.addEventListener('mousemove', (ev) => { if (!tip.hidden) place(ev); });
  main.addEventListener('mouseleave', () => { tip.hidden = true; });
  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    for (const s of main.querySelectorAll('section.mv-section')) s.hidden = q !== '' && !(s.getAttribute('data-net') || '').toLowerCase().includes(q);
  }
  function reveal(target) {
    const el = target && target.closest ? target.closest('[data-offset]') : null;
    if (!el) return;
    vscode.postMessage({ type: 'reveal', offset: Number(el.getAttribute('data-offset')), end: Number(el.getAttribute('data-end')) });
  }
  main.addEventListener('click', (ev) => reveal(ev.target));
  main.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') reveal(ev.target); });
  filter.addEventListener('input', () => { applyFilter(); vscode.setState({ filter: filter.value }); });
  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || m.type !== 'render') return;
    main.innerHTML = m.body;
    tip.hidden = true;
    status.textContent = m.status;
    applyFilter();
  });
  let lastWidth = 0;
  let resizeTimer;
  function reportWidth() {
    const w = Math.floor(main.clientWidth);
    if (w > 0 && w !== lastWidth) { lastWidth = w; vscode.postMessage({ type: 'width', width: w }); }
  }
  window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(reportWidth, 150); });
  reportWidth();
  const state = vscode.getState();
  if (state && state.filter) { filter.value = state.filter; applyFilter(); }
})();
`;
