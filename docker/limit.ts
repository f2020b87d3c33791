/**
 * How many hosts are observed, planned and applied at a time, by the CLI and the editor alike.
 * The work is the engines' (on six machines it overlaps fully); the bound only keeps a spec with
 * dozens of hosts from opening dozens of SSH connections at once.
 */
export const HOST_CONCURRENCY = 8;

/** At most `limit` at a time: a host with hundreds of networks must not get hundreds of requests at once. */
export async function mapLimit<A, B>(items: readonly A[], limit: number, fn: (a: A, index: number) => Promise<B>): Promise<B[]> {
  const out: B[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
