/**
 * The two servers under test and the editor settings each is given: ours, and Red Hat's
 * yaml-language-server configured with our JSON schema, the way a user without this
 * extension would validate macvlan.yaml files in VS Code.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ServerUnderTest {
  /** Label in tables: "ours" or "peer". */
  label: 'ours' | 'peer';
  description: string;
  command: string;
  args: string[];
  /** languageId sent in didOpen: each server's own language. */
  languageId: string;
}

export const ROOT = path.resolve(__dirname, '..');
export const SCHEMA_FILE = path.join(ROOT, 'schemas', 'macvlan.schema.json');
export const DEFAULT_SERVER = path.join(ROOT, 'dist', 'server.js');
export const CLI_FILE = path.join(ROOT, 'dist', 'cli.js');

export function ourServer(serverJs = DEFAULT_SERVER, node = process.execPath): ServerUnderTest {
  if (!existsSync(serverJs)) throw new Error(`${serverJs} does not exist: run \`npm run build\` first (or pass --server)`);
  return { label: 'ours', description: `macvlan-spec (${path.relative(ROOT, serverJs) || serverJs})`, command: node, args: [serverJs, '--stdio'], languageId: 'macvlan-yaml' };
}

/** The peer's launcher script, from node_modules unless a path is given. */
export function findPeer(explicit?: string): string {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`peer server ${explicit} does not exist`);
    return explicit;
  }
  let pkg: string;
  try {
    pkg = require.resolve('yaml-language-server/package.json', { paths: [ROOT] });
  } catch {
    throw new Error('yaml-language-server is not installed: `npm install` (it is a devDependency), or run with --no-peer');
  }
  return path.join(path.dirname(pkg), 'bin', 'yaml-language-server');
}

export function peerServer(bin: string, node = process.execPath): ServerUnderTest {
  const version = peerVersion(bin);
  return { label: 'peer', description: `yaml-language-server ${version}`, command: node, args: [bin, '--stdio'], languageId: 'yaml' };
}

function peerVersion(bin: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(bin), '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '?';
  } catch {
    return '?';
  }
}

/**
 * What a user's VS Code would answer to workspace/configuration, per section. The peer gets
 * our schema for *.macvlan.yaml; schema store and CRD store are off because they fetch
 * catalogues over the network, which would time the network instead of the server.
 */
export function settingsFor(section: string | undefined): unknown {
  switch (section) {
    case 'macvlan':
      return { severity: {}, engine: '', inlayHints: { enabled: true }, docker: { host: '', timeoutSeconds: 15 } };
    case 'yaml':
      return {
        schemas: { [pathToFileURL(SCHEMA_FILE).href]: ['*.macvlan.yaml', '*.macvlan.yml', 'macvlan.yaml', 'macvlan.yml'] },
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        maxItemsComputed: 5000,
        yamlVersion: '1.2',
      };
    case 'http':
      return { proxy: '', proxyStrictSSL: false };
    case 'editor':
      return { tabSize: 2, insertSpaces: true, detectIndentation: false };
    case '[yaml]':
    case '[macvlan-yaml]':
      return { 'editor.insertSpaces': true, 'editor.tabSize': 2 };
    default:
      return null;
  }
}

/** The answer to a workspace/configuration request: one value per item. */
export function answerConfiguration(params: unknown): unknown[] {
  const items = params && typeof params === 'object' ? (params as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return [];
  return items.map((item: unknown) => {
    const section = item && typeof item === 'object' ? (item as { section?: unknown }).section : undefined;
    return settingsFor(typeof section === 'string' ? section : undefined);
  });
}
