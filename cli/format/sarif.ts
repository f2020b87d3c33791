import type { Severity } from '../../core/findings';
import { COMPOSE_RULES } from '../../core/compose/check';
import { RULES } from '../../core/rules/registry';
import { relatedPlace, type FileReport } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const README = 'https://github.com/macvlan-spec/macvlan-spec#rules';

/** SARIF 2.1.0 as GitHub code scanning accepts it (1-based lines and columns, relative URIs). */
export function formatSarif(reports: FileReport[], version: string): string {
  const byCode = new Map<string, { title: string; severity: Severity }>();
  for (const r of [...RULES, ...COMPOSE_RULES]) {
    // One code, several rules (MV501): one SARIF rule whose title names them all.
    const had = byCode.get(r.code);
    byCode.set(r.code, had ? { ...had, title: `${had.title}; ${r.title}` } : { title: r.title, severity: r.defaultSeverity });
  }
  byCode.set('MV000', { title: 'YAML syntax error, duplicate key, or not a mapping at the top', severity: 'error' });
  if (!byCode.has('MV001')) byCode.set('MV001', { title: 'Schema violation', severity: 'error' });
  const codes = [...byCode.keys()].sort();
  const index = new Map(codes.map((c, i) => [c, i] as const));
  const region = (r: Pick<FileReport, 'lines'>, span: { start: number; end: number }) => {
    const s = r.lines.positionAt(span.start);
    const e = r.lines.positionAt(span.end);
    return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: index.get(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(r.file) }, region: region(r, f.span) } }],
      ...(f.related.length
        ? {
            relatedLocations: f.related.map((rel, i) => {
              const at = relatedPlace(r, rel);
              return { id: i, message: { text: rel.message }, physicalLocation: { artifactLocation: { uri: toUri(at.file) }, region: region(at, rel.span) } };
            }),
          }
        : {}),
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'macvlan-spec',
            version,
            informationUri: README,
            rules: codes.map((c) => ({
              id: c,
              name: c,
              shortDescription: { text: byCode.get(c)!.title },
              fullDescription: { text: byCode.get(c)!.title },
              help: { text: `${c}: ${byCode.get(c)!.title}. See the rule table in the README.`, markdown: `**${c}** — ${byCode.get(c)!.title}. See [the rule table](${README}).` },
              helpUri: `${README}`,
              defaultConfiguration: { level: LEVEL[byCode.get(c)!.severity] },
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function toUri(file: string): string {
  return file.split('\\').join('/').replace(/^\.\//, '');
}
