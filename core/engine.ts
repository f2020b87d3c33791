/** Docker Engine version the rules assume. Docker's checks changed in 25, 27 and 29. */
export interface EngineVersion {
  major: number;
  minor: number;
}

/** The newest engine whose behaviour the rules know (design page, "Engine versions"). */
export const NEWEST_ENGINE: EngineVersion = { major: 29, minor: 0 };

/** Accepts "27", "27.3", "27.3.1", "20.10.24+dfsg1" (what Debian's engine reports). */
export function parseEngine(text: string): EngineVersion | undefined {
  const m = /^v?(\d{1,3})(?:\.(\d{1,3}))?(?:\.\d+)?(?:[-+~][\w.+~-]*)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: m[2] === undefined ? 0 : Number(m[2]) };
}

/**
 * As Docker prints it: 17.03 to 20.10 were year.month releases with a two-digit month (18.06,
 * not 18.6); before (1.13) and from 23.0 on the minor is a plain number.
 */
export function formatEngine(v: EngineVersion): string {
  const yearMonth = v.major >= 17 && v.major <= 20;
  return `${v.major}.${yearMonth ? String(v.minor).padStart(2, '0') : v.minor}`;
}

export function atLeast(v: EngineVersion, major: number, minor = 0): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** Host bits in a subnet are rejected from 25 (masked silently before). */
export const rejectsHostBits = (v: EngineVersion): boolean => atLeast(v, 25);
/** Several macvlan networks may share a parent from 27 (only passthru stays exclusive). */
export const macvlanSharesParent = (v: EngineVersion): boolean => atLeast(v, 27);
/** From 29 no gateway is auto-assigned; before, the first address of ip_range (else subnet). */
export const autoAssignsGateway = (v: EngineVersion): boolean => !atLeast(v, 29);
