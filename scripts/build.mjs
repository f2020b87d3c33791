// Bundles the three entry points. The server bundle must not pull in dockerode
// (checked by test/unit/bundle.test.ts), so each entry is bundled on its own.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // ssh2's optional native helpers are not shipped; dockerode falls back without them.
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
};
const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Docker features load lazily from the client, so dockerode never slows activation.
  { entryPoints: ['client/docker/index.ts'], outfile: 'dist/docker.js' },
];
const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, metafile: true })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const fs = await import('node:fs');
  for (const [i, c] of contexts.entries()) {
    const r = await c.rebuild();
    fs.writeFileSync(entries[i].outfile + '.meta.json', JSON.stringify(r.metafile));
    await c.dispose();
  }
}
