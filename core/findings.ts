import type { Path, Span } from './spec/model';

export type Severity = 'error' | 'warning' | 'info';

/** Stable rule codes of format v1 (see README "Rules"). A code never changes meaning. */
export type Code =
  | 'MV000' | 'MV001' | 'MV002'
  | 'MV101' | 'MV102' | 'MV103' | 'MV104' | 'MV105' | 'MV106' | 'MV107' | 'MV108' | 'MV109' | 'MV110' | 'MV111' | 'MV112' | 'MV113'
  | 'MV201' | 'MV202' | 'MV203' | 'MV204' | 'MV205' | 'MV206' | 'MV207' | 'MV208' | 'MV209'
  | 'MV301' | 'MV302' | 'MV303' | 'MV304' | 'MV305' | 'MV306'
  | 'MV401' | 'MV402' | 'MV403' | 'MV404' | 'MV405' | 'MV406' | 'MV407' | 'MV408' | 'MV409' | 'MV410' | 'MV411' | 'MV412' | 'MV413' | 'MV414'
  | 'MV501' | 'MV502';

/** A second place a finding is about (the other side of an overlap). */
export interface Related {
  span: Span;
  path: Path;
  message: string;
  /** The other file, when the related place is in another file of the same host (compose). */
  file?: string;
}

/**
 * JSON-serialisable hint a quick fix reads back (it travels through LSP `Diagnostic.data`).
 * Fixes match on `code` + `data.fix`, never on message text.
 */
export type FixHint =
  | { fix: 'normaliseCidr'; normalised: string }
  | { fix: 'moveGateway'; network: string; family: 4 | 6 }
  | { fix: 'addGateway'; network: string }
  | { fix: 'renumberNetwork'; network: string; family: 4 | 6 }
  | { fix: 'assignAddress'; container: string; network: string; family: 4 | 6 }
  | { fix: 'splitParent'; network: string }
  | { fix: 'partitionPool'; network: string }
  | { fix: 'removeKey'; title?: string }
  | { fix: 'replaceValue'; value: string; title: string }
  | { fix: 'addKey'; map: Path; key: string; after?: string; choices: { value: string | number; title: string }[] };

/** A `tls:` file of a host: which of the three keys. */
export type TlsField = 'ca' | 'cert' | 'key';

/**
 * JSON-serialisable facts about a finding that no quick fix answers. They carry `kind`, never
 * `fix`, so `fixesFor` cannot mistake them for a hint (one code may carry both: MV501).
 */
export type FindingFact = {
  kind: 'tls-path-escape';
  field: TlsField;
  /** absolute: `/…`, `\\…` or a drive letter; home: starts with `~`; parent: `..` climbs out. */
  reason: 'absolute' | 'home' | 'parent';
};

/** What `Finding.data` holds: a fix hint, or facts for tools and tests. */
export type FindingData = FixHint | FindingFact;

export interface Finding {
  code: Code;
  severity: Severity;
  message: string;
  /** Offsets into the document text of the exact key or value the finding is about. */
  span: Span;
  /** Keys (and list indexes) from the top of the document to that node. */
  path: Path;
  related: Related[];
  data?: FindingData;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
