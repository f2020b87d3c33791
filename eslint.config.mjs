// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodeAndLsp = ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument', 'vscode-languageclient', 'vscode-languageclient/*'];
const node = ['fs', 'fs/*', 'node:fs', 'node:fs/*', 'child_process', 'node:child_process', 'net', 'node:net', 'http', 'node:http'];

/** @param {string[]} names @param {string} why */
const forbid = (names, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: names, message: why }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', '**/*.js', '**/*.cjs', '**/*.mjs', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'eqeqeq': ['error', 'smart'],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: forbid([...vscodeAndLsp, 'dockerode', ...node, '**/server/**', '**/client/**', '**/docker/**', '**/cli/**'],
      'core/ is pure: no editor, LSP, Docker or file-system imports (adapters live in server/, client/, docker/, cli/).'),
  },
  {
    files: ['docker/**/*.ts'],
    rules: forbid([...vscodeAndLsp, '**/server/**', '**/client/**', '**/cli/**'],
      'docker/ is shared by the CLI and the extension: no editor or LSP imports.'),
  },
  {
    files: ['server/**/*.ts'],
    rules: forbid(['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'dockerode', '**/docker/**', '**/client/**', '**/cli/**'],
      'server/ is an LSP adapter over core/: no vscode API and no Docker (the client sends observed host state).'),
  },
  {
    files: ['client/**/*.ts'],
    rules: forbid(['vscode-languageserver', 'vscode-languageserver/*', '**/server/**', '!**/server/protocol', '**/cli/**', '**/core/check', '**/core/spec/parse', '**/core/spec/reparse', '**/core/spec/fastYaml', '**/core/analysis/*', '**/core/rules/*'],
      'client/ talks to the server only through the protocol module, and never parses or checks a spec itself: the server owns that (server/specRequests.ts).'),
  },
  {
    files: ['cli/**/*.ts'],
    rules: forbid([...vscodeAndLsp, '**/server/**', '**/client/**'],
      'cli/ is a thin adapter over core/ and docker/.'),
  },
);
