import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIG_SECTION, CORE_COMMANDS, DOCKER_COMMANDS, LANGUAGE_ID } from '../../../client/contributions';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isComposeFile } from '../../../core/compose/fileName';
import { ensureBuilt, readJson, readText, ROOT } from './dist';
import type { Manifest } from './manifest';

const manifest = readJson<Manifest>('package.json');

test('every contributed command is registered by the client, and nothing else', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, [...CORE_COMMANDS, ...DOCKER_COMMANDS].sort());
});

test('the language, grammar and snippets use the id the client selects', () => {
  // macvlan-plan: the plan documents' own language, for their word wrap (no files, no grammar).
  assert.deepEqual(manifest.contributes.languages.map((l) => l.id), [LANGUAGE_ID, 'macvlan-plan']);
  assert.equal((manifest.contributes as unknown as { configurationDefaults: Record<string, Record<string, unknown>> }).configurationDefaults['[macvlan-plan]']['editor.wordWrap'], 'on');
  assert.deepEqual(manifest.contributes.grammars.map((g) => [g.language, g.scopeName]), [[LANGUAGE_ID, 'source.macvlan-yaml']]);
  assert.deepEqual(manifest.contributes.snippets.map((s) => s.language), [LANGUAGE_ID]);
});

test('settings live in the synchronised section, including the trace setting', () => {
  const keys = Object.keys(manifest.contributes.configuration.properties);
  assert.deepEqual(keys.filter((k) => !k.startsWith(`${CONFIG_SECTION}.`)), []);
  assert.ok(keys.includes(`${CONFIG_SECTION}.trace.server`));
});

test('the entry point and the CLI bin are files the build writes, and the client bundle exports activate', () => {
  ensureBuilt();
  const build = readText('scripts/build.mjs');
  for (const [what, file] of [['main', manifest.main], ['bin', manifest.bin['macvlan-spec']]] as const) {
    const rel = file.replace(/^\.\//, '');
    assert.ok(build.includes(`outfile: '${rel}'`), `${what} ${file} is not an outfile of scripts/build.mjs`);
    assert.ok(existsSync(join(ROOT, rel)), `${what} ${file} is missing after the build`);
  }
  assert.match(readText(manifest.main.replace(/^\.\//, '')), /\bactivate\b/);
});

test('settings that can point at hosts or write document text into logs are restricted in untrusted workspaces', () => {
  const restricted = (manifest as unknown as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } }).capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual([...restricted].sort(), [`${CONFIG_SECTION}.docker.host`, `${CONFIG_SECTION}.docker.sshHostKeyCheck`, `${CONFIG_SECTION}.trace.server`]);
});

test('the convert commands show where their server request applies: compose file names (as core reads them) and specs', () => {
  const menus = (manifest as unknown as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
  for (const menu of ['commandPalette', 'editor/context', 'explorer/context']) {
    const toSpec = menus[menu].find((m) => m.command === 'macvlan.convertToSpec');
    const m = /^resourceScheme == file && resourceFilename =~ \/(.+)\/(i?)$/.exec(toSpec?.when ?? '');
    assert.ok(m, `${menu}: convertToSpec when = ${toSpec?.when}`);
    const re = new RegExp(m[1], m[2]);
    const names = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'Docker-Compose.YML', 'lab.compose.yaml', 'x.compose.yml', 'macvlan.yaml', 'lab.macvlan.yaml', 'compose.json', 'mycompose.yaml', 'compose.yaml.bak', '.compose.yaml'];
    for (const n of names) assert.equal(re.test(n), isComposeFile(`/srv/${n}`), `${menu}: ${n}`);
  }
  for (const menu of ['commandPalette', 'editor/context']) {
    assert.equal(menus[menu].find((m) => m.command === 'macvlan.convertToCompose')?.when, `editorLangId == ${LANGUAGE_ID}`, `${menu}: convertToCompose`);
  }
});
