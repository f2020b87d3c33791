/**
 * What must hold for any text, however broken: the check and the fixes finish without throwing,
 * every span lies inside the text it points into, every fix applies, fix-all's output checks
 * again. Throws an Error naming the broken invariant; returns counts and timings otherwise.
 */
import { checkText } from '../../../core/check';
import type { Finding } from '../../../core/findings';
import { applyEdits, fixAll, fixesFor } from '../../../core/fixes';
import { codeActions, complete, documentSymbols, foldingRanges, hover, inlayHints, SpecDocument } from '../../../core/service';
import type { Span } from '../../../core/spec/model';
import { LineIndex } from '../../../core/text/positions';

export interface InvariantStats {
  findings: number;
  fixes: number;
  fixAllApplied: number;
  checkMs: number;
  fixesMs: number;
  fixAllMs: number;
  longestMessage: number;
}

export function assertSpan(span: Span, length: number, what: string): void {
  const ok = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
  if (!ok) throw new Error(`${what}: span ${span.start}..${span.end} is not within 0..${length} with start <= end`);
}

/** The span's ends as line/character stay on their line (the CLI and LSP show them so). */
function assertOnLines(span: Span, lines: LineIndex, what: string): void {
  for (const o of [span.start, span.end]) {
    const p = lines.positionAt(o);
    const length = lines.lineEnd(p.line) - lines.lineStart(p.line);
    if (p.character > length) throw new Error(`${what}: offset ${o} is ${JSON.stringify(p)}, past the end of its line (length ${length})`);
  }
}

export function assertFindings(text: string, findings: readonly Finding[], where: string): void {
  const lines = new LineIndex(text);
  for (const f of findings) {
    const what = `${where} ${f.code} at ${JSON.stringify(f.path)}`;
    assertSpan(f.span, text.length, what);
    assertOnLines(f.span, lines, what);
    for (const r of f.related) {
      assertSpan(r.span, text.length, `${what} related "${r.message}"`);
      assertOnLines(r.span, lines, `${what} related "${r.message}"`);
    }
    if (typeof f.message !== 'string' || f.message.length === 0) throw new Error(`${what}: empty message`);
    if (!/^MV\d{3}$/.test(f.code)) throw new Error(`${what}: bad code`);
    // The hint travels through LSP Diagnostic.data as JSON: it must survive the round trip.
    if (f.data !== undefined && JSON.stringify(JSON.parse(JSON.stringify(f.data))) !== JSON.stringify(f.data)) throw new Error(`${what}: data is not JSON`);
  }
}

/** checkText, every fix of every finding, fixAll and a re-check of its output. */
export function checkInvariants(text: string): InvariantStats {
  const t0 = performance.now();
  const result = checkText(text);
  const t1 = performance.now();
  assertFindings(text, result.findings, 'checkText');
  let fixes = 0;
  for (const f of result.findings) {
    for (const fix of fixesFor(f, result)) {
      fixes++;
      for (const e of fix.edits) assertSpan(e.span, text.length, `fix "${fix.title}" of ${f.code}`);
      // Throws on overlapping edits, which would be a bug in the fix.
      const out = applyEdits(text, fix.edits);
      if (typeof out !== 'string') throw new Error(`fix "${fix.title}" of ${f.code} produced no text`);
    }
  }
  const t2 = performance.now();
  const all = fixAll(text);
  assertFindings(all.text, all.remaining, 'fixAll remaining');
  const again = checkText(all.text);
  assertFindings(all.text, again.findings, 'fixAll re-check');
  const t3 = performance.now();
  return {
    findings: result.findings.length,
    fixes,
    fixAllApplied: all.applied.length,
    checkMs: t1 - t0,
    fixesMs: t2 - t1,
    fixAllMs: t3 - t2,
    longestMessage: result.findings.reduce((n, f) => Math.max(n, f.message.length), 0),
  };
}

/** checkText and its spans only, for inputs too big to run every fix on. */
export function checkOnly(text: string): InvariantStats {
  const t0 = performance.now();
  const result = checkText(text);
  const checkMs = performance.now() - t0;
  assertFindings(text, result.findings, 'checkText');
  let longestMessage = 0;
  for (const f of result.findings) longestMessage = Math.max(longestMessage, f.message.length);
  return { findings: result.findings.length, fixes: 0, fixAllApplied: 0, checkMs, fixesMs: 0, fixAllMs: 0, longestMessage };
}

/**
 * The editor features at the start, at the end and at the given offsets (taken modulo the text's
 * length + 1; negative ones as they are): nothing throws, every span fits.
 */
export function serviceInvariants(text: string, offsets: readonly number[]): number {
  const doc = new SpecDocument(text, { uri: 'file:///fuzz/macvlan.yaml', version: 1 });
  const n = text.length;
  let answers = 0;
  for (const raw of [0, n, ...offsets]) {
    const at = raw < 0 ? raw : raw % (n + 1);
    for (const c of complete(doc, at)) assertSpan(c.replaceSpan, n, `completion "${c.label}" at ${at}`);
    for (const c of complete(doc, at, { triggerCharacter: ' ' })) assertSpan(c.replaceSpan, n, `completion after a space "${c.label}" at ${at}`);
    const h = hover(doc, at);
    if (h) assertSpan(h.span, n, `hover at ${at}`);
    answers += 2;
  }
  const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
    for (const s of symbols) {
      assertSpan(s.span, n, `symbol ${s.name}`);
      assertSpan(s.selectionSpan, n, `symbol ${s.name} selection`);
      walk(s.children);
    }
  };
  walk(documentSymbols(doc));
  const lineCount = doc.lines.lineCount;
  for (const r of foldingRanges(doc)) {
    if (!(r.startLine >= 0 && r.startLine <= r.endLine && r.endLine < lineCount)) throw new Error(`folding range ${r.startLine}..${r.endLine} outside 0..${lineCount - 1}`);
  }
  for (const h of inlayHints(doc)) {
    if (!(h.offset >= 0 && h.offset <= n)) throw new Error(`inlay hint at ${h.offset} outside 0..${n}`);
  }
  const diagnostics = doc.result.findings.map((f) => ({ code: f.code, span: f.span, data: f.data }));
  for (const a of codeActions(doc, { diagnostics })) {
    for (const e of a.edits) assertSpan(e.span, n, `code action "${a.title}"`);
    applyEdits(text, a.edits);
  }
  return answers + 4;
}
