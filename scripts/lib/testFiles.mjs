// The one test discovery: Node 20's --test neither expands globs nor picks up .ts files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.test.ts` under the given folders, sorted, depth first. Missing folders are skipped. */
export function testFiles(dirs) {
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.test.ts')) out.push(p);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return out;
}
