/**
 * The reference sizes from the benchmark issue. `referenceBytes` is the file size the issue
 * quotes; the generator is tuned to land near it so that numbers stay comparable with the
 * issue's measurements of the peer.
 */
export interface SizeSpec {
  name: string;
  networks: number;
  containers: number;
  referenceBytes: number;
  /** Default number of runs: large runs cost the peer tens of seconds each. */
  runs: number;
  /** Error-dense: about one finding per four lines (the shape that made publishing the bottleneck). */
  dense?: boolean;
}

export const SIZES: readonly SizeSpec[] = [
  { name: 'small', networks: 20, containers: 100, referenceBytes: 16_000, runs: 5 },
  { name: 'medium', networks: 500, containers: 5_000, referenceBytes: 700_000, runs: 5 },
  { name: 'large', networks: 4_000, containers: 40_000, referenceBytes: 5_700_000, runs: 3 },
  { name: 'medium-dense', networks: 500, containers: 5_000, referenceBytes: 700_000, runs: 5, dense: true },
  { name: 'large-dense', networks: 4_000, containers: 40_000, referenceBytes: 5_700_000, runs: 3, dense: true },
];

export function sizeByName(name: string): SizeSpec {
  const s = SIZES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown size "${name}" (known: ${SIZES.map((x) => x.name).join(', ')})`);
  return s;
}

export function formatBytes(n: number): string {
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} KB`;
  return `${(n / 1_000_000).toFixed(2)} MB`;
}
