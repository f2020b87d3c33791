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
