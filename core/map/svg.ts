import { shortCount } from './scale';
import { MAP_CSS } from './style';
import type { AddressMap, MapBar, MapElement, MapNetwork, MapRole } from './types';

/**
 * The address map as SVG, shared by `macvlan-spec map` and the VS Code webview. Colours come
 * from CSS classes (style.ts) rather than attributes, so the webview follows the theme through
 * VS Code's CSS variables and no inline style is needed under its Content Security Policy.
 * Every drawn element carries data-* attributes (role, addresses, offsets into the spec) and a
 * <title> (the hover), so tests and the webview's click handler read the picture itself.
 */
export interface SvgOptions {
  /** Width of the drawing in user units (default 960); the webview scales it to the panel. */
  width?: number;
  /** Put the stylesheet inside the <svg> (a standalone file); the webview has it in a nonce'd <style>. */
  embedStyle?: boolean;
}

const GUTTER = 96;
const RIGHT = 12;
const TITLE_H = 22;
const SUB_H = 16;
const LANE_H = 18;
const LANE_GAP = 3;
const AXIS_H = 14;
const BAR_GAP = 8;
const NET_GAP = 12;
/** A single address is at least this wide, so a container in a /64 stays visible and clickable. */
const POINT_MIN = 3;
/** A range gets its role and size written on it when it is at least this wide. */
const LABEL_MIN = 64;

export const ROLE_NAMES: Record<MapRole, string> = {
  network: 'network address',
  broadcast: 'broadcast',
  gateway: 'gateway',
  'auto-gateway': 'implicit gateway',
  aux: 'aux address',
  exclude: 'exclude',
  pool: 'dynamic pool',
  static: 'container',
  shim: 'host shim',
  host: 'host address',
  free: 'free',
  overlap: 'overlap',
};

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** The whole map as one SVG document (the CLI's `--format svg`). */
export function renderSvg(map: AddressMap, opts: SvgOptions = {}): string {
  const width = opts.width ?? 960;
  const parts: string[] = [];
  let y = 0;
  const legend = renderLegend(map, width);
  parts.push(legend.markup);
  y += legend.height;
  for (const net of map.networks) {
    const g = renderNetwork(net, width);
    parts.push(`<g transform="translate(0,${y})">${g.markup}</g>`);
    y += g.height;
  }
  if (map.networks.length === 0) {
    parts.push(`<text class="mv-text" x="${RIGHT}" y="${y + 16}">No networks with a subnet in this spec.</text>`);
    y += 24;
  }
  const style = opts.embedStyle ? `<style>${MAP_CSS}</style>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="mv-map${opts.embedStyle ? ' mv-standalone' : ''}" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" role="img" aria-label="${escapeXml(`Address map of ${map.spec}`)}">` +
    `${style}<title>${escapeXml(`Address map of ${map.spec}`)}</title>${parts.join('')}</svg>`
  );
}

/** One network as its own <svg> (the webview and the HTML page stack these, so a filter can hide some). */
export function renderNetworkSvg(net: MapNetwork, width = 960): string {
  const g = renderNetwork(net, width);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="mv-map" width="${width}" height="${g.height}" viewBox="0 0 ${width} ${g.height}" data-net="${escapeXml(net.name)}">${g.markup}</svg>`;
}

export function renderLegendSvg(map: AddressMap, width = 960): string {
  const l = renderLegend(map, width);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="mv-map mv-legend-svg" width="${width}" height="${l.height}" viewBox="0 0 ${width} ${l.height}">${l.markup}</svg>`;
}

function renderLegend(map: AddressMap, width: number): { markup: string; height: number } {
  const present = new Set<string>();
  for (const n of map.networks) for (const b of n.bars) for (const e of b.elements) present.add(e.role === 'overlap' ? `overlap-${e.severity ?? 'none'}` : e.role);
  const order = ['network', 'broadcast', 'gateway', 'auto-gateway', 'aux', 'static', 'shim', 'host', 'exclude', 'pool', 'free', 'overlap-error', 'overlap-warning', 'overlap-info', 'overlap-none'];
  const items = order.filter((r) => present.has(r));
  if (items.length === 0) return { markup: '', height: 0 };
  const out: string[] = ['<g class="mv-legend">'];
  let x = RIGHT;
  let y = 6;
  for (const r of items) {
    const [role, sev] = r.startsWith('overlap-') ? ['overlap', r.slice(8)] : [r, undefined];
    const name = sev ? (sev === 'none' ? 'overlap (no diagnostic)' : `overlap (${sev})`) : ROLE_NAMES[role as MapRole];
    const w = 22 + name.length * 6.5;
    if (x + w > width - RIGHT) {
      x = RIGHT;
      y += 18;
    }
    const cls = `mv-el mv-${role}${sev && sev !== 'none' ? ` mv-sev-${sev}` : ''}`;
    out.push(`<rect class="${cls}" x="${x}" y="${y}" width="12" height="12" data-legend="${r}"/><text class="mv-text mv-small" x="${x + 16}" y="${y + 10}">${escapeXml(name)}</text>`);
    x += w;
  }
  out.push('</g>');
  return { markup: out.join(''), height: y + 24 };
}

function renderNetwork(net: MapNetwork, width: number): { markup: string; height: number } {
  const out: string[] = [];
  const where = [net.driver, net.parent ? `on ${net.parent}` : '', net.hosts.length ? `host${net.hosts.length > 1 ? 's' : ''} ${net.hosts.join(', ')}` : 'no host'].filter(Boolean).join(' · ');
  out.push(
    `<g class="mv-net" data-net="${escapeXml(net.name)}">` +
      `<text class="mv-text mv-title mv-link" tabindex="0" x="${RIGHT}" y="16" data-offset="${net.span.start}" data-end="${net.span.end}"><title>${escapeXml(`network ${net.name}`)}</title>${escapeXml(net.name)}</text>` +
      `<text class="mv-text mv-small mv-dim" x="${RIGHT + 10 + net.name.length * 8.5}" y="16">${escapeXml(where)}</text>`,
  );
  let y = TITLE_H;
  if (net.bars.length === 0) {
    out.push(`<text class="mv-text mv-small mv-dim" x="${RIGHT}" y="${y + 12}">no subnet: nothing to draw</text>`);
    y += SUB_H + 4;
  }
  for (const bar of net.bars) {
    const b = renderBar(net, bar, y, width);
    out.push(b.markup);
    y = b.bottom + BAR_GAP;
  }
  out.push('</g>');
  return { markup: out.join(''), height: y + NET_GAP - BAR_GAP };
}

function renderBar(net: MapNetwork, bar: MapBar, top: number, width: number): { markup: string; bottom: number } {
  const x0 = GUTTER;
  const bw = width - GUTTER - RIGHT;
  const out: string[] = [];
  const fam = `IPv${bar.family}`;
  const summary = `${fam} ${bar.subnet} · ${shortCount(bar.usable)} usable · ${shortCount(bar.free)} free`;
  out.push(
    `<g class="mv-bar" data-net="${escapeXml(net.name)}" data-family="${bar.family}" data-subnet="${escapeXml(bar.subnet)}">` +
      `<text class="mv-text mv-small mv-link" tabindex="0" x="${x0}" y="${top + 12}" data-offset="${bar.span.start}" data-end="${bar.span.end}"><title>${escapeXml(`${fam} subnet ${bar.subnet} of network ${net.name}`)}</title>${escapeXml(summary)}</text>`,
  );
  const lanesTop = top + SUB_H;
  bar.lanes.forEach((name, i) => {
    const ly = lanesTop + i * (LANE_H + LANE_GAP);
    out.push(`<text class="mv-text mv-small mv-dim" x="${RIGHT}" y="${ly + 13}">${escapeXml(name)}</text>`);
    out.push(`<rect class="mv-lane" x="${x0}" y="${ly}" width="${bw}" height="${LANE_H}"/>`);
  });
  // Points that would land on the same pixels (a /64's gateway and first containers, two
  // containers on one address) are set side by side, so each stays visible and clickable.
  const pointEnd: number[] = [];
  for (const e of bar.elements) out.push(renderElement(net, bar, e, x0, bw, lanesTop + e.lane * (LANE_H + LANE_GAP), pointEnd));
  const axisY = lanesTop + bar.lanes.length * (LANE_H + LANE_GAP) - LANE_GAP;
  const { first, last } = bar;
  out.push(
    `<text class="mv-text mv-tiny mv-dim" x="${x0}" y="${axisY + 11}">${escapeXml(first)}</text>` +
      `<text class="mv-text mv-tiny mv-dim" x="${x0 + bw}" y="${axisY + 11}" text-anchor="end">${escapeXml(last)}</text>`,
  );
  out.push('</g>');
  return { markup: out.join(''), bottom: axisY + AXIS_H };
}

function renderElement(net: MapNetwork, bar: MapBar, e: MapElement, x0: number, bw: number, y: number, pointEnd: number[]): string {
  const single = e.count === '1';
  let x = x0 + e.from * bw;
  let w = (e.to - e.from) * bw;
  const min = single ? POINT_MIN : 1;
  if (w < min) w = min;
  if (single) x = Math.max(x, pointEnd[e.lane] ?? x0);
  if (x + w > x0 + bw) x = x0 + bw - w;
  if (single) pointEnd[e.lane] = x + w;
  const sev = e.severity ? ` mv-sev-${e.severity}` : '';
  const addr = single ? e.first : `${e.first} – ${e.last} (${e.count} addresses)`;
  const codes = e.codes?.length ? ` — ${e.codes.join(', ')} (${e.severity})` : '';
  const title = `${e.label}: ${addr}${codes}`;
  const attrs = [
    `class="mv-el mv-${e.role}${sev}${e.span ? ' mv-link' : ''}"`,
    `x="${round(x)}" y="${y}" width="${round(w)}" height="${LANE_H}"`,
    `data-role="${e.role}" data-first="${escapeXml(e.first)}" data-last="${escapeXml(e.last)}" data-count="${e.count}"`,
    e.span ? `data-offset="${e.span.start}" data-end="${e.span.end}"` : '',
    `data-net="${escapeXml(net.name)}" data-family="${bar.family}"`,
  ].filter(Boolean);
  let label = '';
  if (!single && w >= LABEL_MIN) {
    const text = `${ROLE_NAMES[e.role]} ${shortCount(e.count)}`;
    // About 6 units per character at the tiny size; shorter text when the role name does not fit.
    const fits = text.length * 6 <= w - 6 ? text : shortCount(e.count).length * 6 <= w - 6 ? shortCount(e.count) : '';
    if (fits) label = `<text class="mv-text mv-tiny mv-on-bar" x="${round(x + w / 2)}" y="${y + 13}" text-anchor="middle">${escapeXml(fits)}</text>`;
  }
  return `<rect ${attrs.join(' ')}><title>${escapeXml(title)}</title></rect>${label}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The bar geometry, for tests that check where an element lands. */
export const LAYOUT = { GUTTER, RIGHT, LANE_H, POINT_MIN };
