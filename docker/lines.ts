/** The non-empty, trimmed lines of a streamed Docker response (events and pulls are NDJSON). */
export async function* streamLines(res: AsyncIterable<unknown>): AsyncGenerator<string> {
  let buf = '';
  for await (const chunk of res) {
    buf += String(chunk);
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) yield line;
    }
  }
}
