// scripts/lib/npm-env.sh: a nested npm started from a script that `npm test` runs must see its own
// Node, not the outer npm's. This is what broke code-server's install on fresh machines: its
// postinstall reads the Node major from npm_config_user_agent, which the outer npm had set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const LIB = path.join(ROOT, 'scripts/lib/npm-env.sh');

/** What an outer npm (another Node, another prefix) leaves in the environment of its scripts. */
const OUTER: NodeJS.ProcessEnv = {
  npm_config_user_agent: 'npm/9.0.0 node/v18.0.0 linux x64 workspaces/false',
  npm_config_node_gyp: '/outer/node-gyp/bin/node-gyp.js',
  npm_config_nodedir: '/outer/nodedir',
  npm_config_prefix: '/outer/prefix',
  npm_config_global_prefix: '/outer/prefix',
  npm_config_local_prefix: '/outer/project',
  npm_config_ignore_scripts: 'true',
  npm_package_name: 'outer-package',
  npm_lifecycle_event: 'test',
  npm_execpath: '/outer/npm-cli.js',
  npm_node_execpath: '/outer/node',
  NODE: '/outer/node',
  INIT_CWD: '/outer/project',
  // a user's own registry setting is not npm's doing and must survive
  npm_config_registry: 'https://registry.npmjs.org/',
};

describe('clean_npm_env (scripts/lib/npm-env.sh)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mvs-npmenv-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // The nested npm runs this package's script and reports what it saw (as code-server's postinstall would).
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'probe',
      version: '1.0.0',
      private: true,
      scripts: {
        probe:
          'node -e "const e=process.env;console.log(JSON.stringify({agent:e.npm_config_user_agent,version:process.version,nodeGyp:e.npm_config_node_gyp??null,nodedir:e.npm_config_nodedir??null,prefix:e.npm_config_prefix??null,pkg:e.npm_package_name,registry:e.npm_config_registry??null}))"',
      },
    }),
  );

  const nested = (clean: boolean) => {
    const script = `${clean ? `. '${LIB}'; clean_npm_env; ` : ''}cd '${dir}' && npm run --silent probe`;
    const r = spawnSync('bash', ['-c', script], { env: { ...process.env, ...OUTER }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, string | null>;
  };

  it('without cleaning, the outer npm leaks into the nested one (the failure this guards against)', () => {
    const seen = nested(false);
    assert.match(seen.agent ?? '', /node\/v18\.0\.0/);
    assert.equal(seen.nodedir, '/outer/nodedir');
  });

  it('after cleaning, the nested npm names the Node that runs it and none of the outer paths', () => {
    const seen = nested(true);
    assert.match(seen.agent ?? '', new RegExp(`node/${seen.version?.replace(/\./g, '\\.')} `));
    assert.doesNotMatch(seen.agent ?? '', /v18\.0\.0/);
    for (const key of ['nodeGyp', 'nodedir', 'prefix'] as const) assert.doesNotMatch(String(seen[key]), /\/outer\//, key);
    assert.equal(seen.pkg, 'probe');
    assert.equal(seen.registry, 'https://registry.npmjs.org/');
  });

  it('both nested installers source it before their first npm call', async () => {
    const { readFileSync } = await import('node:fs');
    for (const f of ['scripts/e2e/install.sh', 'scripts/ensure-deps.sh']) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      const cleaned = text.indexOf('clean_npm_env');
      const firstNpm = text.search(/^\s*(timed )?npm |\bnpm (ci|install)\b/m);
      assert.ok(cleaned > 0 && cleaned < firstNpm, `${f}: clean_npm_env before the first npm call`);
    }
  });
});
