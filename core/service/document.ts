import type { Facts } from '../analysis/facts';
import { checkParsed, type CheckOptions, type CheckResult } from '../check';
import type { Finding } from '../findings';
import { indexFacts } from '../analysis/addressSpace';
import { inEntry, schemaFindings } from '../schema/findings';
import type { Span } from '../spec/model';
import { MAX_SPEC_CHARS, parseSpec, type ParsedSpec } from '../spec/parse';
import { moved, reparse, type TextChange } from '../spec/reparse';
import { LineIndex } from '../text/positions';

/**
 * One version of one spec text. Parsing happens at most once per version; the check (facts,
 * rules) once per version and options object, so a settings change re-runs the rules on the
 * parse already made. Options count as unchanged while their `settings` and `observed` are
 * the same objects, so callers keep those objects until something really changes.
 */
/**
 * What a new version starts from: the version before it and the editor's change between them.
 * Read once, by the new version's first parse, then dropped, so at most one older text is held.
 */
interface Base {
  /** The latest earlier version that has a parse (the one right before, or its own base). */
  doc?: SpecDocument;
  /** The editor's change from the version right before to this one. */
  change?: TextChange;
  /** Whether `doc` is that version right before (so `change` applies to its parse). */
  changeFromDoc: boolean;
  /** The line index of the version right before, for an edited copy instead of a new one. */
  linesBefore?: LineIndex;
}

export class SpecDocument {
  readonly uri: string;
  readonly version: number;
  /** Settings and observed host state the check uses; replacing it invalidates only the check. */
  options: CheckOptions;
  private parsedSpec?: ParsedSpec;
  private lineIndex?: LineIndex;
  private checked?: { options: CheckOptions; result: CheckResult };
  private base?: Base;
  /** The facts of the version this one came from, for queries before its own check. */
  private inheritedFacts?: Facts;
  /** The previous version's schema findings, when this version's parse updated its one. */
  private schemaBefore?: Finding[];

  constructor(
    readonly text: string,
    init: { uri?: string; version?: number; options?: CheckOptions } = {},
  ) {
    this.uri = init.uri ?? '';
    this.version = init.version ?? 0;
    this.options = init.options ?? {};
  }

  /**
   * The version after this one. It may start from this version's parse (or, when this one was
   * never parsed, from the one this came from): `change` is the editor's edit from this text.
   */
  next(text: string, version: number, options: CheckOptions, change?: TextChange): SpecDocument {
    const n = new SpecDocument(text, { uri: this.uri, version, options });
    const doc = this.parsedSpec ? this : this.base?.doc;
    n.base = { doc, change, changeFromDoc: doc === this, linesBefore: change ? this.knownLines : undefined };
    n.inheritedFacts = this.checked?.result.facts ?? this.inheritedFacts;
    // This version will not be parsed from its own base any more: the newer one has it.
    this.base = undefined;
    return n;
  }

  /** Past the size cap parseSpec reads nothing (one MV000); such a version never takes over a parse. */
  get tooLarge(): boolean {
    return this.text.length > MAX_SPEC_CHARS;
  }

  get parsed(): ParsedSpec {
    this.parsedSpec ??= this.parseFromBase() ?? parseSpec(this.text);
    return this.parsedSpec;
  }

  /**
   * The one place a version takes over an earlier one: reparse() updates that version's YAML
   * nodes in place, so the earlier version gives up its parse and check (it parses anew if
   * anyone still asks), and this version inherits its line index and schema findings.
   */
  private parseFromBase(): ParsedSpec | undefined {
    const base = this.base;
    this.base = undefined;
    const prev = base?.doc;
    if (!prev?.parsedSpec || this.tooLarge || prev.tooLarge) return undefined;
    const updated = reparse(prev.parsedSpec, this.text, base?.changeFromDoc ? base.change : undefined);
    if (!updated) return undefined;
    // The edit reparse() reports is relative to prev's text, so prev's lines are the ones to edit.
    const before = prev.knownLines;
    if (before && updated.edit && !this.lineIndex) this.lineIndex = LineIndex.edited(before, this.text, updated.edit.from, updated.edit.oldTo, updated.edit.newTo);
    this.schemaBefore = prev.checked?.result.schema;
    prev.parsedSpec = undefined;
    prev.checked = undefined;
    return updated;
  }

  get lines(): LineIndex {
    const base = this.base;
    const c = base?.change;
    if (!this.lineIndex && c && base.linesBefore) this.lineIndex = LineIndex.edited(base.linesBefore, this.text, c.from, c.oldTo, c.newTo);
    this.lineIndex ??= this.knownLines ?? this.parsedSpec?.lines ?? new LineIndex(this.text);
    return this.lineIndex;
  }

  /** The line index this version already has, without building one. */
  private get knownLines(): LineIndex | undefined {
    return this.lineIndex ?? this.checked?.result.lines;
  }

  get result(): CheckResult {
    const c = this.checked;
    if (c && sameOptions(c.options, this.options)) return c.result;
    const result = checkParsed(this.parsed, this.options, this.lines, this.knownSchema());
    this.checked = { options: this.options, result };
    this.inheritedFacts = undefined;
    return result;
  }

  /**
   * Schema findings without validating the whole value again: those of another options set
   * (the schema ignores options), or after an edit inside one entry the previous version's,
   * moved past the edit, with that entry's validated anew.
   */
  private knownSchema(): Finding[] | undefined {
    if (this.checked) return this.checked.result.schema;
    const before = this.schemaBefore;
    this.schemaBefore = undefined;
    const p = this.parsed;
    if (!before || !p.replaced || !p.edit || p.value === undefined) return undefined;
    const { section, name } = p.replaced;
    const { oldTo, newTo } = p.edit;
    const kept = before.filter((f) => !inEntry(f, section, name)).map((f) => moveFinding(f, oldTo, newTo - oldTo));
    return [...kept, ...schemaFindings(p, p.replaced)];
  }

  /**
   * Facts for completion and hover. Right after an edit these are the previous version's
   * (one keystroke old: the names, subnets and addresses in use that suggestions draw on),
   * so a query does not wait for a full check of a large spec; the check replaces them.
   */
  get queryFacts(): Facts {
    if (this.isChecked || !this.inheritedFacts) return this.result.facts;
    return this.inheritedFacts;
  }

  /**
   * Work a completion would otherwise do on its first call (indexes over the facts), for an
   * idle moment after a check: the next edit's completion then only looks things up.
   */
  prepareQueries(): void {
    if (this.isChecked) indexFacts(this.result.facts);
  }

  /** Whether `result` is already computed for the current options (no work to read it). */
  get isChecked(): boolean {
    return this.checked !== undefined && sameOptions(this.checked.options, this.options);
  }
}

/** A finding of the previous version, its spans moved by an edit that ended at `oldTo` (old offsets). */
function moveFinding(f: Finding, oldTo: number, d: number): Finding {
  const move = (sp: Span): Span => ({ start: moved(sp.start, oldTo, d), end: moved(sp.end, oldTo, d) });
  return { ...f, span: move(f.span), related: f.related.map((r) => ({ ...r, span: move(r.span) })) };
}

export function sameOptions(a: CheckOptions, b: CheckOptions): boolean {
  return a === b || (a.settings === b.settings && a.observed === b.observed && a.specPath === b.specPath);
}

/** The path part of a document URI (file:, vscode-remote:, untitled:...), for the spec's default name. */
export function uriPath(uri: string): string {
  try {
    return new URL(uri).pathname;
  } catch {
    return uri;
  }
}

/** The latest version of each open spec, by URI. */
export class SpecDocuments {
  private readonly docs = new Map<string, SpecDocument>();

  /**
   * The cached document when `version` and text match, else a fresh one that replaces it.
   * A request still working on an older version gets its own copy, not cached, so it cannot
   * evict the newer one.
   */
  get(uri: string, version: number, text: string, given: CheckOptions, change?: { fromVersion: number } & TextChange): SpecDocument {
    const options = given.specPath !== undefined ? given : { ...given, specPath: uriPath(uri) };
    const doc = this.docs.get(uri);
    if (doc && doc.version === version && doc.text === text) {
      doc.options = options;
      return doc;
    }
    if (doc && doc.version < version) {
      const fresh = doc.next(text, version, options, change && change.fromVersion === doc.version ? change : undefined);
      this.docs.set(uri, fresh);
      return fresh;
    }
    const fresh = new SpecDocument(text, { uri, version, options });
    if (!doc || doc.version === version) this.docs.set(uri, fresh);
    return fresh;
  }

  peek(uri: string): SpecDocument | undefined {
    return this.docs.get(uri);
  }

  delete(uri: string): void {
    this.docs.delete(uri);
  }
}
