/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("netwroks"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  // One flat table: a row array per character made this the costliest part of an unknown-key
  // finding (it runs once per allowed key).
  const d = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      const at = i * cols + j;
      let v = Math.min(d[at - cols] + 1, d[at - 1] + 1, d[at - cols - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, d[at - 2 * cols - 2] + 1);
      d[at] = v;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The candidate the user most likely meant, or undefined when nothing is close.
 * Case is ignored; up to 1 edit for short words, 2 from five characters on. A unique candidate
 * that starts with the word (`ipv4` -> `ipv4_address`) also counts. Ties go to the earlier
 * candidate, so the answer is deterministic.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const lower = c.toLowerCase();
    // The distance is at least the length difference: such a candidate can never be close enough.
    if (Math.abs(lower.length - w.length) > limit) continue;
    const dist = editDistance(w, lower);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  if (best !== undefined && bestDistance <= limit) return best;
  if (w.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}
