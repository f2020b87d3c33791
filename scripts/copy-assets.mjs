// Copies the language assets into dist/, the only build folder the .vsix ships: the manifest
// points at dist/language-configuration.json, dist/macvlan-yaml.tmLanguage.json and
// dist/walkthrough/*.md. JSON is parsed first so a broken grammar fails the build, not the editor.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const copies = [
  { from: 'syntaxes', to: 'dist', match: /\.json$/ },
  { from: 'walkthrough', to: 'dist/walkthrough', match: /\.md$/ },
];

let count = 0;
for (const { from, to, match } of copies) {
  mkdirSync(join(root, to), { recursive: true });
  for (const name of readdirSync(join(root, from)).sort()) {
    if (!match.test(name)) continue;
    const src = join(root, from, name);
    if (name.endsWith('.json')) {
      try {
        JSON.parse(readFileSync(src, 'utf8'));
      } catch (err) {
        console.error(`copy-assets: ${from}/${name} is not valid JSON: ${err.message}`);
        process.exit(1);
      }
    }
    copyFileSync(src, join(root, to, name));
    count++;
  }
}
if (!process.argv.includes('--quiet')) console.log(`copy-assets: ${count} files into dist/`);
