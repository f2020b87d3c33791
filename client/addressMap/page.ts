import { randomBytes } from 'node:crypto';
import { renderHtml } from '../../core/map/page';
import type { AddressMap } from '../../core/map/types';

/**
 * The webview's page: the shared HTML renderer (core/map/page.ts) under a strict Content Security
 * Policy — nothing may load (default-src 'none'), the one <style> and the one <script> run by
 * nonce, no remote content, no inline style attributes. The page asks for nothing; the
 * extension posts each new drawing and hears back only "reveal this offset".
 */
export function webviewHtml(map: AddressMap, status: string, width?: number, filter = ''): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  const toolbar =
    '<div class="mv-toolbar"><label for="filter">Networks</label>' +
    `<input id="filter" type="search" placeholder="filter by name" aria-label="Filter networks by name" value="${escapeHtml(filter)}">` +
    `<span id="status" class="mv-status">${escapeHtml(status)}</span></div>` +
    '<div id="tip" class="mv-tip" role="tooltip" hidden></div>';
  return renderHtml(map, { csp, nonce, script: PAGE_SCRIPT, toolbar, width });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Messages from the page to the extension. A reveal names the element too (network, family,
 * role, first address), so a click on a drawing older than the text can be found again in
 * the map of the current version.
 */
export interface RevealMessage {
  type: 'reveal';
  offset: number;
  end: number;
  net?: string;
  family?: number;
  role?: string;
  first?: string;
}

export function isRevealMessage(m: unknown): m is RevealMessage {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  const optional = (k: string, type: string) => r[k] === undefined || typeof r[k] === type;
  return (
    r.type === 'reveal' && Number.isSafeInteger(r.offset) && Number.isSafeInteger(r.end) && (r.offset as number) >= 0 && (r.end as number) >= (r.offset as number) &&
    optional('net', 'string') && optional('family', 'number') && optional('role', 'string') && optional('first', 'string')
  );
}

/** The filter box's text: the extension asks the server for the matching networks. */
export interface FilterMessage {
  type: 'filter';
  text: string;
}

export function isFilterMessage(m: unknown): m is FilterMessage {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  return r.type === 'filter' && typeof r.text === 'string' && r.text.length <= 200;
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
 * it; the filter box's text goes to the extension, which asks the server for the matching
 * networks (a spec may have thousands); the page reports its width so bars fit it. Positions
 * are set through CSSOM, which the CSP allows.
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
  function reveal(target) {
    const el = target && target.closest ? target.closest('[data-offset]') : null;
    if (!el) return;
    const m = { type: 'reveal', offset: Number(el.getAttribute('data-offset')), end: Number(el.getAttribute('data-end')) };
    const net = el.closest('[data-net]');
    if (net) m.net = net.getAttribute('data-net');
    const bar = el.closest('[data-family]');
    if (bar) m.family = Number(bar.getAttribute('data-family'));
    if (el.hasAttribute('data-role')) { m.role = el.getAttribute('data-role'); m.first = el.getAttribute('data-first'); }
    vscode.postMessage(m);
  }
  main.addEventListener('click', (ev) => reveal(ev.target));
  main.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') reveal(ev.target); });
  let filterTimer;
  filter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => vscode.postMessage({ type: 'filter', text: filter.value }), 200);
  });
  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || m.type !== 'render') return;
    main.innerHTML = m.body;
    status.textContent = m.status;
    tip.hidden = true;
  });
  let lastWidth = 0;
  let resizeTimer;
  function reportWidth() {
    const w = Math.floor(main.clientWidth);
    if (w > 0 && w !== lastWidth) { lastWidth = w; vscode.postMessage({ type: 'width', width: w }); }
  }
  window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(reportWidth, 150); });
  reportWidth();
})();
`;
