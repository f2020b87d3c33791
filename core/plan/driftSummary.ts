import type { DriftResult } from './drift';

/** "2 in sync, 1 differs, 1 only in spec" (zero counts left out). */
export function driftSummary(r: DriftResult): string {
  const parts: string[] = [];
  const c = r.counts;
  if (c.inSync) parts.push(`${c.inSync} in sync`);
  if (c.differs) parts.push(`${c.differs} differ${c.differs === 1 ? 's' : ''}`);
  if (c.conflict) parts.push(`${c.conflict} in conflict`);
  if (c.orphan) parts.push(`${c.orphan} orphan${c.orphan === 1 ? '' : 's'}`);
  if (c.onlyOnHost) parts.push(`${c.onlyOnHost} only on host`);
  if (c.onlyInSpec) parts.push(`${c.onlyInSpec} only in spec`);
  return parts.join(', ') || 'nothing to compare';
}
