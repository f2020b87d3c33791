import type { Code, Severity } from './findings';

/** One settings object, read by the language server (workspace/configuration) and the CLI. */
export interface CheckSettings {
  /** Per-code override; "off" drops the finding. */
  severity?: Partial<Record<Code, Severity | 'off'>>;
  /** Engine version assumed for hosts without `engine:` and without a connected daemon. */
  engine?: string;
}

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Settings arrive as untrusted JSON (editor settings, CLI flags): keep only what is well-formed. */
export function normaliseSettings(raw: unknown): CheckSettings {
  const out: CheckSettings = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.engine === 'string' && r.engine.trim() !== '') out.engine = r.engine.trim();
  if (r.severity && typeof r.severity === 'object') {
    const sev: Record<string, Severity | 'off'> = {};
    for (const [code, level] of Object.entries(r.severity as Record<string, unknown>)) {
      if (/^MV\d{3}$/.test(code) && typeof level === 'string' && LEVELS.has(level)) sev[code] = level as Severity | 'off';
    }
    out.severity = sev as CheckSettings['severity'];
  }
  return out;
}
